import { getService } from './boundary';

export default async ({ strapi }: { strapi: any }) => {
  getService(strapi, 'database-health').stop();
  await getService(strapi, 'scheduler').stop();
  await getService(strapi, 'partners').stop();
  await getService(strapi, 'read-cache').stop();
};
