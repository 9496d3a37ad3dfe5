import type { Provider } from '../core/provider.js';
import { awsProvider } from './aws/provider.js';
import { githubProvider } from './github/provider.js';
import { tlsProvider } from './tls/provider.js';

/** The built-in providers, in the order their results are reported. */
export const builtinProviders: Provider[] = [awsProvider as Provider, githubProvider as Provider, tlsProvider as Provider];
