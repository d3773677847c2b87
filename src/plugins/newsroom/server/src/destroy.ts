import { getService } from './utils';

export default async ({ strapi }: { strapi: any }) => {
  strapi.newsroomDatabaseHealth?.stop();
  await getService(strapi, 'scheduler').stop();
  await getService(strapi, 'partners').stop();
  await getService(strapi, 'read-cache').stop();
};
