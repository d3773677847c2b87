import type { Strapi, Context } from '../boundary';
/**
 * When the database is unreachable, answer 503 with Retry-After at once instead of a 500, a 401
 * (users-permissions swallows the failed role lookup) or a request hanging until the pool times
 * out. A probe watches the database every second (one in flight at a time, results reused for a
 * second), so recovery needs no restart on SQLite or PostgreSQL.
 * Cached public pages are served before this check, so readers keep getting them.
 */
const UNAVAILABLE = [
  /ECONNREFUSED/,
  /ECONNRESET/,
  /Timeout acquiring a connection/,
  /terminating connection due to administrator command/,
  /Connection terminated/,
  /the database system is (starting up|shutting down)/,
];

export const isDatabaseUnavailable = (err: unknown): boolean => {
  const e = err as { code?: unknown; message?: unknown } | null | undefined;
  const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
  return UNAVAILABLE.some((re) => re.test(text));
};

export function databaseHealth(strapi: Strapi, { reuseMs = 1000, timeoutMs = 1500 } = {}) {
  let down = false;
  let timer: NodeJS.Timeout | null = null;
  let inflight: Promise<void> | null = null;
  let checkedAt = 0;
  let probes = 0;

  const runProbe = async () => {
    probes += 1;
    try {
      await strapi.db.connection.raw('select 1').timeout(timeoutMs);
      if (down) strapi.log.info('[newsroom] database is back');
      down = false;
    } catch (err) {
      const unavailable = isDatabaseUnavailable(err) || /timeout/i.test(String((err as Error)?.message));
      if (unavailable && !down) strapi.log.warn(`[newsroom] database unavailable: ${(err as Error).message}`);
      down = unavailable;
    }
  };

  /**
   * One probe in flight at a time (callers share it), and a result younger than `reuseMs` is
   * reused: a flood of anonymous 401s costs at most one `select 1` per interval, never a pool.
   */
  const probe = ({ force = false } = {}): Promise<void> => {
    if (inflight) return inflight;
    if (!force && Date.now() - checkedAt < reuseMs) return Promise.resolve();
    inflight = runProbe().finally(() => {
      checkedAt = Date.now();
      inflight = null;
    });
    return inflight;
  };

  return {
    get down() {
      return down;
    },
    /** How many probes ran (each one `select 1`): tests and operators can see the single-flight hold. */
    get probes() {
      return probes;
    },
    probe,
    /** Watches the database on every client (SQLite and PostgreSQL), so a marked-down database recovers without a restart. */
    start(intervalMs = 1000) {
      if (timer) return;
      // Failures the driver sees are news at once: a refused or dropped connection marks the
      // database down before the request that met it answers (users-permissions would turn its
      // failed role lookup into a 401); the watch below brings it back up.
      const seen = (err: unknown) => {
        if (!isDatabaseUnavailable(err) || down) return;
        strapi.log.warn(`[newsroom] database unavailable: ${(err as Error)?.message}`);
        down = true;
      };
      strapi.db.connection?.client?.pool?.on?.('createFail', (_id: unknown, err: unknown) => seen(err));
      strapi.db.connection?.on?.('query-error', (err: unknown) => seen(err));
      timer = setInterval(() => {
        void probe({ force: down });
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    markDown() {
      down = true;
    },
    middleware() {
      return async (ctx: Context, next: () => Promise<void>) => {
        const unavailable = () => {
          ctx.status = 503;
          ctx.set('Retry-After', '5');
          ctx.body = {
            data: null,
            error: { status: 503, name: 'ServiceUnavailableError', message: 'The database is unavailable; retry shortly', details: {} },
          };
        };
        if (down && !ctx.path.startsWith('/_health')) return unavailable();
        try {
          await next();
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          down = true;
          return unavailable();
        }
        // An anonymous request is never "unauthenticated": a 401 there may mean the role lookup failed.
        if (ctx.status === 401 && !ctx.get('authorization')) {
          await probe();
          if (down) unavailable();
        }
      };
    },
  };
}
