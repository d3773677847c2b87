/**
 * When the database is unreachable, answer 503 with Retry-After at once instead of a 500, a 401
 * (users-permissions swallows the failed role lookup) or a request hanging until the pool times
 * out. A probe watches the database every second while it is down, so recovery needs no restart.
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

export const isDatabaseUnavailable = (err: any): boolean => {
  const text = `${err?.code ?? ''} ${err?.message ?? ''}`;
  return UNAVAILABLE.some((re) => re.test(text));
};

export function databaseHealth(strapi: any) {
  let down = false;
  let timer: NodeJS.Timeout | null = null;
  const probe = async () => {
    try {
      await strapi.db.connection.raw('select 1').timeout(1500);
      if (down) strapi.log.info('[newsroom] database is back');
      down = false;
    } catch (err) {
      if (!down) strapi.log.warn(`[newsroom] database unavailable: ${(err as Error).message}`);
      down = isDatabaseUnavailable(err) || /timeout/i.test(String((err as Error).message));
    }
  };
  return {
    get down() {
      return down;
    },
    start(intervalMs = 1000) {
      if (strapi.db.config?.connection?.client !== 'postgres') return;
      timer = setInterval(probe, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
    markDown() {
      down = true;
    },
    middleware() {
      return async (ctx: any, next: () => Promise<void>) => {
        const unavailable = () => {
          ctx.status = 503;
          ctx.set('Retry-After', '5');
          ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'The database is unavailable; retry shortly', details: {} } };
        };
        if (down && !ctx.path.startsWith('/_health')) return unavailable();
        try {
          await next();
        } catch (err) {
          if (!isDatabaseUnavailable(err)) throw err;
          down = true;
          return unavailable();
        }
        // An anonymous request is never "unauthenticated": a 401 there means the role lookup failed.
        if (ctx.status === 401 && !ctx.get('authorization')) {
          await probe();
          if (down) unavailable();
        }
      };
    },
  };
}
