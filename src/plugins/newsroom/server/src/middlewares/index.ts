/**
 * The read path's Koa middlewares, as the plugin exports them. An app lists them first in its
 * config/middlewares.ts, in this order (`plugin::newsroom.read-path`, then the other three); bootstrap
 * mounts those not listed behind Strapi's own stack, so they are always there.
 */
import { readPathMiddleware } from '../read-path/front-door.middleware';
import { writeRateLimit } from '../read-path/write-rate-limit.middleware';
import { graphqlGate } from '../read-path/graphql-gate.middleware';
import { getService } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';

export const READ_PATH_MIDDLEWARES = ['read-path', 'graphql-gate', 'write-rate-limit', 'database-probe'] as const;
export type ReadPathMiddleware = (typeof READ_PATH_MIDDLEWARES)[number];

type Factory = (config: unknown, context: { strapi: Strapi }) => ReturnType<typeof readPathMiddleware>;

const enabled = (strapi: Strapi): boolean => newsroomConfig(strapi).readPath.enabled;
const passThrough = (_ctx: unknown, next: () => Promise<void>) => next();

const middlewares: Record<ReadPathMiddleware, Factory> = {
  // Cached answers first: they need neither a database nor a rate-limit slot.
  'read-path': (_config, { strapi }) => readPathMiddleware(strapi),
  // GraphQL documents too large or with too many fragment spreads, refused before anything parses them.
  'graphql-gate': (_config, { strapi }) => (enabled(strapi) ? graphqlGate(strapi) : passThrough),
  // Then write limits, then the outage check (503 instead of a 401 or a hang); both off with the
  // read path (`readPath.enabled: false`, the benchmark baseline).
  'write-rate-limit': (_config, { strapi }) => (enabled(strapi) ? writeRateLimit(strapi) : passThrough),
  'database-probe': (_config, { strapi }) => (enabled(strapi) ? getService(strapi, 'database-health').middleware() : passThrough),
};

export default middlewares;
