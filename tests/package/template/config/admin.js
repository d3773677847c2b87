const { newsroomPreview } = require('strapi-plugin-newsroom/preview');

module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
  flags: { nps: false, promoteEE: false },
  // The one line an installing newsroom adds: Strapi's Preview panel on the newsroom's types.
  preview: newsroomPreview(),
});
