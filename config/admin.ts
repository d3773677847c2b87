import { newsroomPreview } from 'strapi-plugin-newsroom/preview';

export default ({ env }: { env: typeof import('@strapi/utils').env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
  // Strapi's Preview panel on the newsroom's types: the reader page with a signed draft token.
  preview: newsroomPreview(),
});
