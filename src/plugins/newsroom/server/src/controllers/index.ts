import { factories } from '@strapi/strapi';
import { NewsroomKind, UIDS } from '../content-types/facts';
import newsroom from './newsroom.controller';
import feeds from '../syndication/feeds.controller';
import search from '../search/search.controller';
import { computeFigures } from '../enforcement/figures';
import { jsonLdScript } from '../syndication/jsonld';
import { getService } from '../boundary';
import type { Context, CoreController, Row, Strapi } from '../boundary';

/** Neighbourhood figures are computed on the way out, wherever a neighbourhood appears. */
function withFigures(kind: NewsroomKind, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((d) => withFigures(kind, d));
  if (!data || typeof data !== 'object') return data;
  const row = data as Row;
  if (kind === 'neighbourhood') return { ...row, figures: computeFigures(row) };
  if (kind === 'article' && row.neighbourhood && typeof row.neighbourhood === 'object') {
    return { ...row, neighbourhood: withFigures('neighbourhood', row.neighbourhood) };
  }
  return data;
}

/** Core controllers plus lookups by slug (following slugs an editor replaced). */
const withSlugLookup = (kind: NewsroomKind) =>
  factories.createCoreController(UIDS[kind], ({ strapi }: { strapi: Strapi }) => ({
    async bySlug(this: CoreController, ctx: Context) {
      const { slug } = ctx.params;
      const query = await this.sanitizeQuery(ctx);
      const doc = await getService(strapi, 'lookup').findPublishedBySlug(kind, slug, query);
      if (!doc) return ctx.notFound(`No published ${kind} with slug "${slug}"`);
      const sanitized = await this.sanitizeOutput(doc, ctx);
      return this.transformResponse(withFigures(kind, sanitized));
    },
    async find(ctx: Context) {
      const res = await super.find(ctx);
      return res && { ...res, data: withFigures(kind, res.data) };
    },
    async findOne(ctx: Context) {
      const res = await super.findOne(ctx);
      return res && { ...res, data: withFigures(kind, res.data) };
    },
    ...(kind === 'article' ? syndicationActions(strapi) : {}),
  }));

/** JSON-LD and ninjs of a published article, by documentId or slug. */
const syndicationActions = (strapi: Strapi) => {
  const resolve = async (ctx: Context): Promise<string | null> => {
    if (ctx.params.slug) {
      const doc = await getService(strapi, 'lookup').findPublishedBySlug('article', ctx.params.slug, { locale: ctx.query.locale, fields: ['documentId'] });
      return doc?.documentId ?? null;
    }
    return ctx.params.id ?? null;
  };
  /** JSON-LD is meant to be inlined in a page: `<`, `>`, `&`, U+2028/9 go out as \u escapes. */
  const action = (method: 'jsonLdFor' | 'ninjsFor', type: string, serialize: (v: unknown) => string) =>
    async function (ctx: Context) {
      const documentId = await resolve(ctx);
      const out = documentId && (await getService(strapi, 'syndication')[method](documentId, ctx.query.locale as string | undefined));
      if (!out) return ctx.notFound('No published article here in this locale');
      ctx.type = type;
      ctx.body = serialize(out);
    };
  return {
    jsonld: action('jsonLdFor', 'application/ld+json; charset=utf-8', jsonLdScript),
    ninjs: action('ninjsFor', 'application/json; charset=utf-8', (v) => JSON.stringify(v)),
  };
};

export default {
  article: withSlugLookup('article'),
  neighbourhood: withSlugLookup('neighbourhood'),
  'news-item': withSlugLookup('news-item'),
  newsroom,
  feeds,
  search,
};
