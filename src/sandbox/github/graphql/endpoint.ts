import type { GraphqlEndpoint } from '../server.js';
import type { World } from '../world.js';

export function graphqlEndpoint(_world: World): GraphqlEndpoint {
  return async () => ({ status: 404, body: { message: 'Not Found' }, points: 0 });
}
