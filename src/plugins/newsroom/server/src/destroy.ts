import { getService } from './utils';

export default async ({ strapi }: { strapi: any }) => {
  await getService(strapi, 'read-cache').stop();
};
