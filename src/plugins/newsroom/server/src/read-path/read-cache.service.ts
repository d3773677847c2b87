/**
 * The read cache's store, its renders in progress (collapsed misses) and its invalidation, local,
 * across instances and at the edge.
 *
 * With REDIS_URL set, every invalidation is published on a Redis channel and applied by every other
 * instance. A soft one (invalidation.ts) is published and forgotten: another instance may serve the
 * old answer, marked stale, for the pub/sub delivery time plus `readCache.softStaleSeconds`. A hard
 * one waits — at most `readCache.hardDeliveryMs` — until every instance that received it has
 * applied it and said so on the ack channel, and until the edge purge's first attempt is done:
 * then the write answers. If Redis is unreachable, entries still expire after `readCache.ttlSeconds`.
 */
import { randomUUID } from 'crypto';
import { CachedResponse, TaggedLru } from './cache';
import { MissCollapser, waitAtMost } from './collapse';
import { EDGE_ALL_TAG } from './edge';
import type { Strength } from './invalidation';
import { currentRequest, getService } from '../boundary';
import { liveOption, newsroomConfig } from '../config/options';
import type { Context, Strapi } from '../boundary';

const CHANNEL = 'newsroom:cache:invalidate';
/** Instances that applied a hard invalidation say so here (`{ id, from }`). */
const ACK_CHANNEL = 'newsroom:cache:applied';

/** The part of an ioredis client used here (ioredis is an optional peer, loaded only with REDIS_URL). */
interface RedisClient {
  status: string;
  on(event: string, listener: (...args: never[]) => void): unknown;
  subscribe(...channels: string[]): Promise<unknown>;
  publish(channel: string, message: string): Promise<number>;
  quit(): Promise<unknown>;
}

/**
 * Hard invalidations started while a request was handled. Its HTTP answer waits for them
 * (front-door.middleware.ts): a write's commit can come after the Document Service call returned —
 * the Content Manager wraps its actions in its own transaction — so the call cannot wait for them.
 */
const heldAnswers = new WeakMap<Context, Promise<void>[]>();

/** Resolves when every hard invalidation the request started has been applied everywhere it can be. */
export const invalidationsOf = (ctx: Context): Promise<unknown> => Promise.all(heldAnswers.get(ctx) ?? []);

export default ({ strapi }: { strapi: Strapi }) => {
  const instanceId = randomUUID();
  let store: TaggedLru | null = null;
  let epoch = 0;
  let publisher: RedisClient | null = null;
  let subscriber: RedisClient | null = null;
  const stats = {
    hits: 0,
    misses: 0,
    /** Requests answered by another request's render (collapsed misses). */
    collapsed: 0,
    /** Answers served stale after a soft invalidation, while their refresh ran. */
    stale: 0,
    invalidations: 0,
    remoteInvalidations: 0,
    hardInvalidations: 0,
    /** Hard invalidations some instance did not confirm within `readCache.hardDeliveryMs`. */
    hardUnconfirmed: 0,
  };
  const renders = new MissCollapser<CachedResponse>();
  /** Hard invalidations published by this instance, waiting for acks (`expected` is known once `publish` answers). */
  const awaitingAcks = new Map<string, { acks: number; expected: number | null; resolve: () => void }>();
  const checkAcks = (id: string) => {
    const w = awaitingAcks.get(id);
    if (w && w.expected !== null && w.acks >= w.expected) w.resolve();
  };

  let bounds = { maxBytes: 0, maxEntries: 0, ttlSeconds: 0 };
  /** The store, made anew (empty) when its bounds change in the config: they apply at once. */
  const lru = () => {
    const now = {
      maxBytes: liveOption(strapi, 'readCache', 'maxBytes'),
      maxEntries: liveOption(strapi, 'readCache', 'maxEntries'),
      ttlSeconds: liveOption(strapi, 'readCache', 'ttlSeconds'),
    };
    if (!store || now.maxBytes !== bounds.maxBytes || now.maxEntries !== bounds.maxEntries || now.ttlSeconds !== bounds.ttlSeconds) {
      store = new TaggedLru(now.maxEntries, now.ttlSeconds * 1000, now.maxBytes);
      bounds = now;
    }
    return store;
  };

  const applyLocally = (tags: string[] | '*', strength: Strength) => {
    epoch += 1; // fills that started before this are not stored
    if (tags === '*') return lru().clear();
    const soft = newsroomConfig(strapi).readCache.softStaleSeconds;
    stats.invalidations += lru().invalidate(tags, strength === 'soft' && soft > 0 ? Date.now() + soft * 1000 : undefined);
  };

  /** Publishes to the other instances; for a hard invalidation, resolves once each receiver applied it. */
  async function deliver(tags: string[] | '*', strength: Strength): Promise<void> {
    if (!publisher || publisher.status !== 'ready') {
      if (strength === 'hard' && publisher) stats.hardUnconfirmed += 1;
      return;
    }
    const id = randomUUID();
    const message = JSON.stringify({ from: instanceId, id, tags, strength });
    if (strength === 'soft') {
      await publisher.publish(CHANNEL, message).catch((err: Error) => strapi.log.warn(`[newsroom] redis publish: ${err.message}`));
      return;
    }
    // Registered before publishing: an ack can arrive before `publish` resolves.
    const acked = new Promise<void>((resolve) => awaitingAcks.set(id, { acks: 0, expected: null, resolve }));
    try {
      const receivers = await publisher.publish(CHANNEL, message);
      // Our own subscriber is one of the receivers (it ignores our messages).
      const waiting = awaitingAcks.get(id);
      if (waiting) waiting.expected = Math.max(0, receivers - 1);
      checkAcks(id);
    } catch (err) {
      strapi.log.warn(`[newsroom] redis publish: ${(err as Error).message}`);
      awaitingAcks.get(id)?.resolve();
    }
    const confirmed = await waitAtMost(
      acked.then(() => true),
      newsroomConfig(strapi).readCache.hardDeliveryMs,
    );
    awaitingAcks.delete(id);
    if (!confirmed) {
      stats.hardUnconfirmed += 1;
      strapi.log.warn(`[newsroom] a hard cache invalidation was not confirmed by every instance within readCache.hardDeliveryMs`);
    }
  }

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
      subscriber.on('message', (channel: string, message: string) => {
        try {
          const parsed = JSON.parse(message) as { from?: unknown; id?: unknown; tags?: unknown; strength?: unknown };
          if (parsed.from === instanceId) return;
          if (channel === ACK_CHANNEL) {
            const w = typeof parsed.id === 'string' ? awaitingAcks.get(parsed.id) : undefined;
            if (w && parsed.from !== undefined) {
              w.acks += 1;
              checkAcks(parsed.id as string);
            }
            return;
          }
          const tags = parsed.tags === '*' ? '*' : Array.isArray(parsed.tags) ? parsed.tags.filter((t): t is string => typeof t === 'string') : null;
          if (!tags) return;
          const strength: Strength = parsed.strength === 'soft' ? 'soft' : 'hard';
          stats.remoteInvalidations += 1;
          applyLocally(tags, strength);
          if (strength === 'hard' && typeof parsed.id === 'string' && publisher?.status === 'ready') {
            publisher
              .publish(ACK_CHANNEL, JSON.stringify({ id: parsed.id, from: instanceId }))
              .catch((err: Error) => strapi.log.warn(`[newsroom] redis ack: ${err.message}`));
          }
        } catch {
          /* a malformed message invalidates nothing */
        }
      });
      await subscriber.subscribe(CHANNEL, ACK_CHANNEL);
      strapi.log.info(`[newsroom] read cache invalidations shared through Redis (${CHANNEL})`);
    },

    /** Renders in progress, per key: concurrent misses wait for one (front-door.middleware.ts). */
    renders,

    /**
     * Invalidates what a write affected: here at once, then on every other instance (Redis) and at
     * the edge (purge by tag). The promise resolves when a hard invalidation has been applied
     * everywhere it can be within its bounds — the write answers after it; a soft one resolves at once.
     * Never rejects: a failed delivery is logged and counted, it does not fail the write.
     */
    invalidate(tags: string[] | '*', strength: Strength = 'hard'): Promise<void> {
      if (tags !== '*' && !tags.length) return Promise.resolve();
      if (strength === 'hard') stats.hardInvalidations += 1;
      applyLocally(tags, strength);
      const edge = getService(strapi, 'edge-purge');
      const edgeTags = tags === '*' ? [EDGE_ALL_TAG] : tags;
      // The edge is purged once the instances have dropped the old answer: a purge before that
      // could be refilled by an instance that still held it.
      const done = deliver(tags, strength)
        .catch(() => undefined)
        .then(() => edge.purge(edgeTags, strength));
      if (strength === 'soft') return Promise.resolve();
      const request = currentRequest(strapi);
      if (request) heldAnswers.set(request, [...(heldAnswers.get(request) ?? []), done]);
      return done;
    },

    async stop() {
      await Promise.all([publisher?.quit().catch(() => undefined), subscriber?.quit().catch(() => undefined)]);
      publisher = subscriber = null;
    },
  };
};
