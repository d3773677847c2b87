import { getService } from './boundary';
import type { Strapi } from './boundary';

export default async ({ strapi }: { strapi: Strapi }) => {
  getService(strapi, 'database-health').stop();
  await getService(strapi, 'scheduler').stop();
  await getService(strapi, 'partners').stop();
  await getService(strapi, 'read-cache').stop();
  getService(strapi, 'edge-purge').stop();
};
