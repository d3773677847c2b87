export default ({ env }: { env: typeof import('@strapi/utils').env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  // Behind a reverse proxy set IS_PROXIED=true: the client address is then read from the last
  // X-Forwarded-For entry (the one the proxy appended; earlier ones are the client's to invent).
  // Without it every client behind the proxy shares the proxy's address for per-address limits.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: 1 },
  app: {
    keys: env.array('APP_KEYS'),
  },
});
