/**
 * The read cache's store and its invalidation, local and across instances. With REDIS_URL set,
 * every invalidation is published on a Redis channel and applied by every other instance: a
 * stale read after a write acknowledged elsewhere lasts at most the pub/sub delivery time, and
 * never longer than `readCache.ttlSeconds` even if Redis is unreachable.
 */
import { randomUUID } from 'crypto';
import { TaggedLru } from './cache';
import { newsroomConfig } from '../boundary';
import type { Strapi } from '../boundary';

const CHANNEL = 'newsroom:cache:invalidate';

/** The part of an ioredis client used here (ioredis is an optional peer, loaded only with REDIS_URL). */
interface RedisClient {
  status: string;
  on(event: string, listener: (...args: never[]) => void): unknown;
  subscribe(channel: string): Promise<unknown>;
  publish(channel: string, message: string): Promise<unknown>;
  quit(): Promise<unknown>;
}

export default ({ strapi }: { strapi: Strapi }) => {
  const instanceId = randomUUID();
  let store: TaggedLru | null = null;
  let epoch = 0;
  let publisher: RedisClient | null = null;
  let subscriber: RedisClient | null = null;
  const stats = { hits: 0, misses: 0, invalidations: 0, remoteInvalidations: 0 };

  let bounds: Record<string, unknown> = {};
  /** The store, made anew (empty) when its bounds change in the config: they apply at once. */
  const lru = () => {
    const raw = strapi.config.get<{ readCache?: Record<string, unknown> } | undefined>('plugin::newsroom')?.readCache ?? {};
    if (!store || raw.maxBytes !== bounds.maxBytes || raw.maxEntries !== bounds.maxEntries || raw.ttlSeconds !== bounds.ttlSeconds) {
      const { readCache } = newsroomConfig(strapi);
      store = new TaggedLru(readCache.maxEntries, readCache.ttlSeconds * 1000, readCache.maxBytes);
      bounds = { maxBytes: raw.maxBytes, maxEntries: raw.maxEntries, ttlSeconds: raw.ttlSeconds };
    }
    return store;
  };

  const applyLocally = (tags: string[]) => {
    epoch += 1; // fills that started before this are not stored
    stats.invalidations += lru().invalidate(tags);
  };

  return {
    get store() {
      return lru();
    },
    get epoch() {
      return epoch;
    },
    stats,

    async start() {
      const url = process.env.REDIS_URL;
      if (!url || !newsroomConfig(strapi).readCache.enabled) return;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Redis: new (url: string, options: object) => RedisClient = require('ioredis');
      const options = { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false };
      publisher = new Redis(url, options);
      subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
      for (const c of [publisher, subscriber]) c.on('error', (err: Error) => strapi.log.warn(`[newsroom] redis: ${err.message}`));
      subscriber.on('message', (_channel: string, message: string) => {
        try {
          const { from, tags } = JSON.parse(message);
          if (from === instanceId) return;
          stats.remoteInvalidations += 1;
          if (tags === '*') {
            epoch += 1;
            lru().clear();
          } else applyLocally(tags);
        } catch {
          /* a malformed message invalidates nothing */
        }
      });
      await subscriber.subscribe(CHANNEL);
      strapi.log.info(`[newsroom] read cache invalidations shared through Redis (${CHANNEL})`);
    },

    /** Drops the entries a write affects, here and (with Redis) on every other instance. */
    invalidate(tags: string[] | '*') {
      if (tags === '*') {
        epoch += 1;
        lru().clear();
      } else if (tags.length) applyLocally(tags);
      else return;
      if (publisher && publisher.status === 'ready') {
        publisher
          .publish(CHANNEL, JSON.stringify({ from: instanceId, tags }))
          .catch((err: Error) => strapi.log.warn(`[newsroom] redis publish: ${err.message}`));
      }
    },

    async stop() {
      await Promise.all([publisher?.quit().catch(() => undefined), subscriber?.quit().catch(() => undefined)]);
      publisher = subscriber = null;
    },
  };
};
