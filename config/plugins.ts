/**
 * The newsroom plugin's options live here; every key is optional and falls back to the typed
 * defaults in src/plugins/newsroom/server/src/domain/config.ts (validated at boot).
 */
export default ({ env }) => ({
  newsroom: {
    enabled: true,
    resolve: './src/plugins/newsroom',
    config: {
      enforce: env.bool('NEWSROOM_ENFORCE', true),
      articleUrlPattern: env('NEWSROOM_ARTICLE_URL', 'http://localhost:1337/preview/?slug={slug}&locale={locale}'),
      readCache: { enabled: env.bool('NEWSROOM_READ_CACHE', true) },
      seedOnDevelop: env.bool('NEWSROOM_SEED_ON_DEVELOP', true),
      rateLimit: { enabled: env.bool('NEWSROOM_RATE_LIMIT', true), writesPerWindow: env.int('NEWSROOM_WRITES_PER_MINUTE', 600), windowSeconds: 60 },
      scheduler: { enabled: env.bool('NEWSROOM_SCHEDULER', true), intervalMs: env.int('NEWSROOM_SCHEDULER_INTERVAL_MS', 2000) },
      // Partners: here, or for simple setups NEWSROOM_PARTNERS='[{"url":…,"secret":…,"locales":["en"],"exclusivesOnly":true}]'.
      syndication: { partners: env.json('NEWSROOM_PARTNERS', []) },
    },
  },
  'users-permissions': {
    config: {
      // Sign-in, registration and password routes: 10 attempts per minute per client.
      ratelimit: { enabled: true, interval: 60000, max: 10 },
    },
  },
  graphql: {
    enabled: true,
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
      landingPage: env('NODE_ENV', 'development') !== 'production',
      apolloServer: { introspection: true },
    },
  },
});
