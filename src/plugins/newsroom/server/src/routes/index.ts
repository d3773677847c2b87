import { factories } from '@strapi/strapi';
import { UIDS } from '../content-types/facts';

const PUBLISHED_ONLY = 'plugin::newsroom.published-only';

const core = (uid: string): any[] => (factories.createCoreRouter(uid as any) as any).routes;

/** Every content-API route of the plugin refuses anonymous draft reads, whatever its handler. */
const guarded = (routes: any[]) =>
  routes.map((route) => ({ ...route, config: { ...(route.config ?? {}), policies: [...(route.config?.policies ?? []), PUBLISHED_ONLY] } }));

const bySlug = (plural: string, uid: string) => ({
  method: 'GET',
  path: `/${plural}/by-slug/:slug`,
  handler: `${uid}.bySlug`,
  config: {},
});

let contentApiRoutes: any[] | undefined;

/** Content-API routes, mounted by Strapi under /api/newsroom/. */
export default {
  'content-api': {
    type: 'content-api',
    // Built on first read (content types must be registered), then kept: Strapi annotates these objects.
    get routes() {
      contentApiRoutes ??= guarded([
        { method: 'GET', path: '/translations/status', handler: 'newsroom.translationSummary', config: {} },
        { method: 'GET', path: '/openapi.json', handler: 'newsroom.openapi', config: { auth: false } },
        { method: 'GET', path: '/articles/:documentId/history', handler: 'newsroom.articleHistory', config: {} },
        { method: 'GET', path: '/deliveries', handler: 'newsroom.deliveries', config: {} },
        { method: 'GET', path: '/articles/:id/jsonld', handler: `${UIDS.article}.jsonld`, config: {} },
        { method: 'GET', path: '/articles/:id/ninjs', handler: `${UIDS.article}.ninjs`, config: {} },
        { method: 'GET', path: '/articles/by-slug/:slug/jsonld', handler: `${UIDS.article}.jsonld`, config: {} },
        { method: 'GET', path: '/articles/by-slug/:slug/ninjs', handler: `${UIDS.article}.ninjs`, config: {} },
        { method: 'GET', path: '/feeds/:file', handler: 'feeds.feed', config: {} },
        { method: 'GET', path: '/sitemap.xml', handler: 'feeds.sitemap', config: {} },
        { method: 'GET', path: '/news-sitemap.xml', handler: 'feeds.newsSitemap', config: {} },
        bySlug('articles', UIDS.article),
        bySlug('neighbourhoods', UIDS.neighbourhood),
        bySlug('news-items', UIDS['news-item']),
        ...core(UIDS.article),
        ...core(UIDS.neighbourhood),
        ...core(UIDS['news-item']),
      ]);
      return contentApiRoutes;
    },
  },
  /** Admin-panel routes (admin JWT), under /newsroom/. */
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/settings', handler: 'newsroom.settings', config: { policies: ['admin::isAuthenticatedAdmin'] } },
      {
        method: 'GET',
        path: '/translations/:kind/:documentId',
        handler: 'newsroom.documentTranslations',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: '/history/:documentId',
        handler: 'newsroom.articleHistory',
        // Editors: every admin who may read articles in the Content Manager (checked in the controller).
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: '/deliveries',
        handler: 'newsroom.deliveries',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  },
};
