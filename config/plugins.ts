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
