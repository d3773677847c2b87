import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { KINDS, NewsroomKind, PLURAL_NAMES, UIDS } from '../content-types/facts';
// Type-only: the controllers are checked here, never loaded by this module.
import type controllers from '../controllers';

type RouteInput = Core.RouteInput;
type Controllers = typeof controllers;
type ControllerName = keyof Controllers;
/** The actions a controller of the registry (controllers/index.ts) has. */
type ActionOf<C extends ControllerName> = Extract<keyof ReturnType<Controllers[C]>, string>;

/**
 * A route's handler, `controller.action`, checked against the controllers: an action its controller
 * lacks fails tsc. A content type's controller is named by its UID, as Strapi's core routes name it.
 */
const handler = <C extends ControllerName>(controller: C, action: ActionOf<C>): string =>
  `${controller in UIDS ? UIDS[controller as NewsroomKind] : controller}.${action}`;

const PUBLISHED_ONLY = 'plugin::newsroom.published-only';

const core = (kind: NewsroomKind): RouteInput[] => factories.createCoreRouter(UIDS[kind]).routes as RouteInput[];

/** Every content-API route of the plugin refuses anonymous draft reads, whatever its handler. */
const guarded = (routes: RouteInput[]) =>
  routes.map((route) => ({ ...route, config: { ...(route.config ?? {}), policies: [...(route.config?.policies ?? []), PUBLISHED_ONLY] } }));

const bySlug = (kind: NewsroomKind): RouteInput => ({
  method: 'GET',
  path: `/${PLURAL_NAMES[kind]}/by-slug/:slug`,
  handler: handler(kind, 'bySlug'),
  config: {},
});

/**
 * Signed previews (preview/preview.controller.ts): not `guarded` — the token, not the published-only
 * policy, decides. Public may call it (setup.service.ts), so its answer is sanitized as the public's.
 */
const previewRoute: RouteInput = { method: 'GET', path: '/preview/:kind/:documentId', handler: handler('preview', 'open'), config: {} };

let contentApiRoutes: RouteInput[] | undefined;

/** Content-API routes, mounted by Strapi under /api/newsroom/. */
export default {
  'content-api': {
    type: 'content-api',
    // Built on first read (content types must be registered), then kept: Strapi annotates these objects.
    get routes() {
      contentApiRoutes ??= [
        ...guarded([
          { method: 'GET', path: '/translations/status', handler: handler('newsroom', 'translationSummary'), config: {} },
          { method: 'GET', path: '/openapi.json', handler: handler('newsroom', 'openapi'), config: { auth: false } },
          { method: 'GET', path: '/facts', handler: handler('newsroom', 'facts'), config: { auth: false } },
          { method: 'GET', path: '/articles/:documentId/history', handler: handler('newsroom', 'articleHistory'), config: {} },
          { method: 'GET', path: '/deliveries', handler: handler('newsroom', 'deliveries'), config: {} },
          { method: 'GET', path: '/edge-purges', handler: handler('newsroom', 'edgePurges'), config: {} },
          { method: 'GET', path: '/articles/:id/jsonld', handler: handler('article', 'jsonld'), config: {} },
          { method: 'GET', path: '/articles/:id/ninjs', handler: handler('article', 'ninjs'), config: {} },
          { method: 'GET', path: '/articles/by-slug/:slug/jsonld', handler: handler('article', 'jsonld'), config: {} },
          { method: 'GET', path: '/articles/by-slug/:slug/ninjs', handler: handler('article', 'ninjs'), config: {} },
          { method: 'GET', path: '/feeds/:file', handler: handler('feeds', 'feed'), config: {} },
          { method: 'GET', path: '/sitemap.xml', handler: handler('feeds', 'sitemap'), config: {} },
          { method: 'GET', path: '/news-sitemap.xml', handler: handler('feeds', 'newsSitemap'), config: {} },
          { method: 'GET', path: '/sitemaps/:file', handler: handler('feeds', 'sitemapPage'), config: {} },
          { method: 'GET', path: '/search', handler: handler('search', 'search'), config: {} },
          ...KINDS.map(bySlug),
          ...KINDS.flatMap(core),
        ]),
        previewRoute,
      ];
      return contentApiRoutes;
    },
  },
  /** Admin-panel routes (admin JWT), under /newsroom/. */
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/settings', handler: handler('newsroom', 'settings'), config: { policies: ['admin::isAuthenticatedAdmin'] } },
      {
        method: 'GET',
        path: '/translations/:kind/:documentId',
        handler: handler('newsroom', 'documentTranslations'),
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: '/history/:documentId',
        handler: handler('newsroom', 'articleHistory'),
        // Editors: every admin who may read articles in the Content Manager (checked in the controller).
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      {
        method: 'GET',
        path: '/deliveries',
        handler: handler('newsroom', 'deliveries'),
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      // Translators (translations/xliff.controller.ts): read access checked there, an import keeps the role's scope.
      { method: 'GET', path: '/xliff', handler: handler('xliff', 'exportAll'), config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/xliff/:kind/:documentId', handler: handler('xliff', 'exportDocument'), config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'POST', path: '/xliff/import', handler: handler('xliff', 'importFiles'), config: { policies: ['admin::isAuthenticatedAdmin'] } },
      {
        method: 'GET',
        path: '/source-changes/:kind/:documentId',
        handler: handler('xliff', 'sourceChanges'),
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
      // Editors search drafts too (read access to articles checked in the controller).
      { method: 'GET', path: '/search', handler: handler('search', 'adminSearch'), config: { policies: ['admin::isAuthenticatedAdmin'] } },
      { method: 'GET', path: '/edge-purges', handler: handler('newsroom', 'edgePurges'), config: { policies: ['admin::isAuthenticatedAdmin'] } },
    ],
  },
};
