/** The one entry a newsroom adds to its own app: every option left at its default but the public URL. */
module.exports = ({ env }) => ({
  newsroom: {
    enabled: true,
    config: {
      articleUrlPattern: env('NEWSROOM_ARTICLE_URL', 'https://news.example.org/{locale}/{slug}'),
    },
  },
  'users-permissions': { config: { jwtSecret: env('JWT_SECRET') } },
  graphql: { enabled: true, config: { endpoint: '/graphql', landingPage: false } },
});
