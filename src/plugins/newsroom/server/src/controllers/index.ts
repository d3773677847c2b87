import { factories } from '@strapi/strapi';
import { NewsroomKind, UIDS } from '../content-types/facts';
import newsroom from './newsroom.controller';
import feeds from '../syndication/feeds.controller';
import preview from '../preview/preview.controller';
import { withFigures } from '../enforcement/figures';
import xliff from '../translations/xliff.controller';
import search from '../search/search.controller';
import { jsonLdScript } from '../syndication/jsonld';
import { getService } from '../boundary';
import type { Context, CoreController, Strapi } from '../boundary';

/** Core controllers plus lookups by slug (following slugs an editor replaced). */
const withSlugLookup = (kind: NewsroomKind) =>
  factories.createCoreController(UIDS[kind], ({ strapi }: { strapi: Strapi }) => ({
    async bySlug(this: CoreController, ctx: Context) {
      const { slug } = ctx.params;
      // As the core actions do: a malformed query (e.g. `filters[$notNull]`) is a 400, not a 500 from the query builder.
      await this.validateQuery(ctx);
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
  preview,
  xliff,
  search,
};
