import { factories } from '@strapi/strapi';
import { UIDS } from '../domain/kinds';

const publishedOnly = { policies: ['plugin::newsroom.published-only'] };
const coreConfig = { find: publishedOnly, findOne: publishedOnly };

const core = (uid: string): any[] => (factories.createCoreRouter(uid as any, { config: coreConfig } as any) as any).routes;

const bySlug = (plural: string, uid: string) => ({
  method: 'GET',
  path: `/${plural}/by-slug/:slug`,
  handler: `${uid}.bySlug`,
  config: {},
});

/** Content-API routes, mounted by Strapi under /api/newsroom/. */
export default {
  'content-api': {
    type: 'content-api',
    get routes() {
      return [
        bySlug('articles', UIDS.article),
        bySlug('neighbourhoods', UIDS.neighbourhood),
        bySlug('news-items', UIDS['news-item']),
        ...core(UIDS.article),
        ...core(UIDS.neighbourhood),
        ...core(UIDS['news-item']),
      ];
    },
  },
};
