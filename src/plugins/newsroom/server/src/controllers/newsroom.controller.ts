/** Plugin-level endpoints: the editor's settings view, front-end facts, translation status, history, deliveries. */
import { BYLINE_READING_ORDER, bylineRoleLabel, kindOf, KINDS, NewsroomKind, UIDS } from '../content-types/facts';
import { SchemaLike, buildOpenApi } from '../syndication/openapi';
import { textFor } from '../config/schema';
import { getService, dbQuery, validationError } from '../boundary';
import { newsroomConfig } from '../config/options';
import { mayRead } from '../roles/roles';
import type { Context, Routers, Strapi } from '../boundary';

const kindParam = (ctx: Context): NewsroomKind | null => {
  const k = ctx.params.kind;
  return (KINDS as string[]).includes(k) ? (k as NewsroomKind) : kindOf(k);
};

export default ({ strapi }: { strapi: Strapi }) => ({
  /** The resolved rules an admin panel previews with (texts, formats, outlet names). */
  settings(ctx: Context) {
    const c = newsroomConfig(strapi);
    ctx.body = {
      data: {
        defaultLocale: c.defaultLocale,
        locales: c.locales,
        publisher: c.publisher,
        reprintNotice: Object.fromEntries(c.locales.map((l) => [l, textFor(c, c.reprintNotice, l)])),
        creditFormat: Object.fromEntries(c.locales.map((l) => [l, textFor(c, c.creditFormat, l)])),
        outlets: c.outlets,
        // Admin panels show instants (embargo, history) at the newsroom's offset, not the browser's.
        utcOffset: c.utcOffset,
      },
    };
  },

  /**
   * What a front end needs to present each configured locale (the reader preview reads it): the
   * locales, the UTC offset dates are shown in, and the byline roles in reading order with their
   * title in each locale.
   */
  facts(ctx: Context) {
    const c = newsroomConfig(strapi);
    ctx.body = {
      data: {
        defaultLocale: c.defaultLocale,
        locales: c.locales,
        utcOffset: c.utcOffset,
        bylineRoles: BYLINE_READING_ORDER.map((role) => ({
          role,
          labels: Object.fromEntries(c.locales.map((l) => [l, bylineRoleLabel(role, l)])),
        })),
      },
    };
  },

  async documentTranslations(ctx: Context) {
    const kind = kindParam(ctx);
    if (!kind) return ctx.badRequest('Unknown newsroom content type');
    if (!mayRead(ctx.state, UIDS[kind])) return ctx.forbidden(`Reading translations needs read access to ${kind}`);
    ctx.body = { data: await getService(strapi, 'translations').forDocument(kind, ctx.params.documentId) };
  },

  /** The OpenAPI document of the content API, generated from the live route table. */
  openapi(ctx: Context) {
    const routes = (strapi.plugin('newsroom').routes as Routers)['content-api'].routes;
    const types = Object.fromEntries(KINDS.map((k) => [UIDS[k], strapi.contentType(UIDS[k]) as unknown as SchemaLike]));
    const components = Object.fromEntries(Object.entries(strapi.components).filter(([uid]) => uid.startsWith('newsroom.')));
    ctx.body = buildOpenApi(routes, types, components as unknown as Record<string, SchemaLike>);
  },

  /** The rights history of an article (API tokens over the content API; editors in the admin). */
  async articleHistory(ctx: Context) {
    if (!mayRead(ctx.state, UIDS.article)) return ctx.forbidden('Reading the history needs read access to articles');
    const documentId = String(ctx.params.documentId ?? '');
    if (!/^[a-z0-9]{1,64}$/i.test(documentId)) return ctx.badRequest('documentId must be a document id');
    const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined;
    if (locale !== undefined && !newsroomConfig(strapi).locales.includes(locale))
      return ctx.badRequest(`locale must be one of ${newsroomConfig(strapi).locales.join(', ')}`);
    const exists = await dbQuery(strapi, UIDS.article).findOne({ select: ['id'], where: { documentId } });
    const data = await getService(strapi, 'history').list(documentId, { locale });
    if (!exists && !data.length) return ctx.notFound('No article with this documentId');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { data, meta: { documentId } };
  },

  /** The partner delivery log, newest first (?documentId= narrows to one article). */
  async deliveries(ctx: Context) {
    if (!mayRead(ctx.state, UIDS.article)) return ctx.forbidden('Reading the delivery log needs read access to articles');
    const documentId = ctx.query.documentId;
    if (documentId !== undefined && (typeof documentId !== 'string' || !/^[a-z0-9]{1,64}$/i.test(documentId)))
      return ctx.badRequest('documentId must be a document id');
    const limit = ctx.query.limit === undefined ? 100 : Number(ctx.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) return ctx.badRequest('limit must be a whole number from 1 to 500');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { data: await getService(strapi, 'partners').list({ documentId, limit }) };
  },

  /** The edge purge log of this instance, newest first, its counters and the read cache's (operators; API tokens). */
  edgePurges(ctx: Context) {
    const limit = ctx.query.limit === undefined ? 100 : Number(ctx.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw validationError([{ path: ['limit'], message: 'must be a whole number from 1 to 500' }]);
    const purge = getService(strapi, 'edge-purge');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { data: purge.log(limit), meta: { drivers: purge.drivers, stats: purge.stats, readCache: getService(strapi, 'read-cache').stats } };
  },

  async translationSummary(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'translations').summary() };
  },
});
