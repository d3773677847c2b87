/**
 * When the database is unreachable, answer 503 with Retry-After at once instead of a 500 (or a
 * request hanging until a proxy gives up); the pool reconnects by itself when the database is back.
 */
const UNAVAILABLE = [
  /ECONNREFUSED/,
  /ECONNRESET/,
  /Timeout acquiring a connection/,
  /terminating connection due to administrator command/,
  /Connection terminated/,
  /the database system is (starting up|shutting down)/,
  /SQLITE_BUSY/,
];

export const isDatabaseUnavailable = (err: any): boolean => {
  const text = `${err?.code ?? ''} ${err?.message ?? ''}`;
  return UNAVAILABLE.some((re) => re.test(text));
};

export function databaseUnavailable(strapi: any) {
  return async (ctx: any, next: () => Promise<void>) => {
    try {
      await next();
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      strapi.log.warn(`[newsroom] database unavailable: ${(err as Error).message}`);
      ctx.status = 503;
      ctx.set('Retry-After', '5');
      ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'The database is unavailable; retry shortly', details: {} } };
    }
  };
}
