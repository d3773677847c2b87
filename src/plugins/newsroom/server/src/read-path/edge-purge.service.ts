/**
 * Purges the edge by tag on every invalidation this instance makes (the instance that took the
 * write; the others only apply it to their own cache). Drivers and credentials come from the
 * environment (edge.ts, `driversFromEnv`). Invalidations within `edge.burstMs` go out as one purge
 * per driver; a hard one goes out at once (with what is pending), and the write waits for its first attempt (bounded by
 * `edge.timeoutMs`) so that the edge has dropped the old answer when the write answers.
 *
 * A failed purge never fails the write: it is retried with backoff until `edge.maxAttempts`, logged,
 * and kept in the purge log (GET /api/newsroom/edge-purges, like the partners' delivery log).
 */
import { PurgeBurst, PurgeDriver, PurgeRequest, driversFromEnv, mergeIntoBurst, purgeRequests, purgeRetryDelayMs, purgeSucceeded } from './edge';
import type { Strength } from './invalidation';
import { messageOf } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';

/** One purge request's record in the log (newest first; bounded). */
export interface PurgeRecord {
  id: number;
  driver: string;
  url: string;
  strength: Strength;
  tags: string[];
  status: 'pending' | 'delivered' | 'retrying' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

const LOG_SIZE = 500;
/** Bytes of an error body kept in the log. */
const ERROR_BYTES = 300;

export default ({ strapi }: { strapi: Strapi }) => {
  let drivers: PurgeDriver[] = [];
  let burst: PurgeBurst | null = null;
  let burstTimer: NodeJS.Timeout | null = null;
  /** Waiters of the burst being gathered: resolved when its first attempts are done. */
  let burstWaiters: Array<() => void> = [];
  const retries = new Set<NodeJS.Timeout>();
  const log: PurgeRecord[] = [];
  let nextId = 1;
  const stats = { purges: 0, delivered: 0, failedAttempts: 0, failed: 0 };
  const settings = () => newsroomConfig(strapi).edge;

  const record = (request: PurgeRequest, strength: Strength): PurgeRecord => {
    const entry: PurgeRecord = {
      id: nextId++,
      driver: request.driver,
      url: request.url,
      strength,
      tags: request.tags,
      status: 'pending',
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      createdAt: new Date().toISOString(),
      deliveredAt: null,
    };
    log.unshift(entry);
    if (log.length > LOG_SIZE) log.length = LOG_SIZE;
    return entry;
  };

  /** One attempt of one request; schedules the next on failure. Never throws. */
  async function attempt(request: PurgeRequest, entry: PurgeRecord): Promise<void> {
    const { timeoutMs, maxAttempts, retryBaseMs } = settings();
    entry.attempts += 1;
    try {
      const res = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      entry.lastStatusCode = res.status;
      if (purgeSucceeded(request.driver, res.status, text)) {
        entry.status = 'delivered';
        entry.lastError = null;
        entry.deliveredAt = new Date().toISOString();
        stats.delivered += 1;
        return;
      }
      entry.lastError = `HTTP ${res.status}: ${text.slice(0, ERROR_BYTES)}`;
    } catch (err) {
      entry.lastError = String(messageOf(err)).slice(0, ERROR_BYTES);
    }
    stats.failedAttempts += 1;
    if (entry.attempts >= maxAttempts) {
      entry.status = 'failed';
      stats.failed += 1;
      strapi.log.error(`[newsroom] edge purge failed for good (${request.driver} ${request.url}, ${entry.attempts} attempts): ${entry.lastError}`);
      return;
    }
    entry.status = 'retrying';
    strapi.log.warn(`[newsroom] edge purge attempt ${entry.attempts} failed (${request.driver} ${request.url}): ${entry.lastError}; retrying`);
    const timer = setTimeout(
      () => {
        retries.delete(timer);
        void attempt(request, entry);
      },
      purgeRetryDelayMs(entry.attempts + 1, retryBaseMs),
    );
    timer.unref?.();
    retries.add(timer);
  }

  /** Sends the gathered burst: every driver's requests at once; resolves when each first attempt is done. */
  async function flush() {
    if (burstTimer) clearTimeout(burstTimer);
    burstTimer = null;
    const sending = burst;
    const waiters = burstWaiters;
    burst = null;
    burstWaiters = [];
    if (sending && sending.tags.size) {
      const tags = [...sending.tags];
      const requests = drivers.flatMap((d) => purgeRequests(d, tags, sending.strength));
      stats.purges += 1;
      await Promise.all(requests.map((r) => attempt(r, record(r, sending.strength))));
    }
    for (const w of waiters) w();
  }

  return {
    stats,
    /** The purge log, newest first. */
    log: (limit = 100): PurgeRecord[] => log.slice(0, Math.max(1, Math.min(LOG_SIZE, limit))),
    /** Whether any edge is purged: answers then get the long edge lifetime (edge.ts, edgeLifetime). */
    get purging(): boolean {
      return drivers.length > 0;
    },
    get drivers(): string[] {
      return drivers.map((d) => d.name);
    },

    start() {
      const found = driversFromEnv(process.env);
      for (const p of found.problems) strapi.log.error(`[newsroom] edge purge: ${p} (driver skipped)`);
      drivers = found.drivers;
      if (drivers.length) strapi.log.info(`[newsroom] edge purge by tag through ${drivers.map((d) => d.name).join(', ')}`);
    },

    /**
     * Purges these tags at the edge. Soft purges gather for `edge.burstMs`; a hard one sends the
     * burst at once. The promise resolves when this purge's first attempt is done (delivered or not).
     */
    purge(tags: string[], strength: Strength): Promise<void> {
      if (!drivers.length || !tags.length) return Promise.resolve();
      burst = mergeIntoBurst(burst, tags, strength);
      const done = new Promise<void>((resolve) => burstWaiters.push(resolve));
      // A hard purge goes out on the next turn of the event loop (with whatever else came in this one).
      if (strength === 'hard' && burstTimer) clearTimeout(burstTimer);
      if (strength === 'hard' || !burstTimer) burstTimer = setTimeout(() => void flush(), strength === 'hard' ? 0 : settings().burstMs);
      return done;
    },

    stop() {
      if (burstTimer) clearTimeout(burstTimer);
      burstTimer = null;
      for (const t of retries) clearTimeout(t);
      retries.clear();
    },
  };
};
