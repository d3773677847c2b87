import { factories } from '@strapi/strapi';
import { NewsroomKind, UIDS } from '../domain/kinds';
import newsroom from './newsroom';

/** Core controllers plus lookups by slug (following slugs an editor replaced). */
const withSlugLookup = (kind: NewsroomKind) =>
  factories.createCoreController(UIDS[kind] as any, ({ strapi }: { strapi: any }) => ({
    async bySlug(this: any, ctx: any) {
      const { slug } = ctx.params;
      const query = await this.sanitizeQuery(ctx);
      const doc = await strapi.plugin('newsroom').service('lookup').findPublishedBySlug(kind, slug, query);
      if (!doc) return ctx.notFound(`No published ${kind} with slug "${slug}"`);
      const sanitized = await this.sanitizeOutput(doc, ctx);
      return this.transformResponse(sanitized);
    },
  }));

export default {
  article: withSlugLookup('article'),
  neighbourhood: withSlugLookup('neighbourhood'),
  'news-item': withSlugLookup('news-item'),
  newsroom,
};
