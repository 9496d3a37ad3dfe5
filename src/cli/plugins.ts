import path from 'node:path';
import type { AnnexaConfig } from '../config/config.js';

export interface PluginFlags {
  checksDir?: string[];
  mapping?: string[];
}

/**
 * The user's check folders and mapping files: the config's `plugins:` (made
 * absolute against the config's folder when it was read), then `--checks-dir`
 * and `--mapping` (relative to the working folder).
 */
export function pluginSources(config: AnnexaConfig, flags: PluginFlags, cwd: string): { checksDirs: string[]; mappingFiles: string[] } {
  const plugins = config.plugins ?? [];
  const abs = (p: string) => path.resolve(cwd, p);
  return {
    checksDirs: [...plugins.map((p) => p.checks), ...(flags.checksDir ?? []).map(abs)],
    mappingFiles: [...plugins.flatMap((p) => (p.mapping ? [p.mapping] : [])), ...(flags.mapping ?? []).map(abs)],
  };
}
