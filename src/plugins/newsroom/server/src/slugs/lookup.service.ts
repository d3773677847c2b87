import { NewsroomKind, UIDS } from '../content-types/facts';
import { newsroomConfig, dbQuery } from '../boundary';
import type { Strapi, Row } from '../boundary';

export default ({ strapi }: { strapi: Strapi }) => ({
  /** The published document whose current or previous slug matches, in the requested locale. */
  async findPublishedBySlug(kind: NewsroomKind, slug: string, query: Record<string, unknown> = {}) {
    const uid = UIDS[kind];
    const locale = (query.locale as string | undefined) ?? newsroomConfig(strapi).defaultLocale;
    const { filters, status, locale: _l, ...rest } = query;
    const docs = strapi.documents(uid);
    const current = await docs.findFirst({ ...rest, locale, status: 'published', filters: { ...((filters as Row | undefined) ?? {}), slug } });
    if (current) return current;
    // Old slugs live in a JSON list (JSON operators differ per database): only renamed documents have one.
    const renamed = await dbQuery(strapi, uid).findMany({
      select: ['documentId', 'previousSlugs'],
      where: { locale, publishedAt: { $notNull: true }, previousSlugs: { $notNull: true } },
    });
    const row: Row | undefined = renamed.find((r: Row) => Array.isArray(r.previousSlugs) && r.previousSlugs.includes(slug));
    if (!row) return null;
    return docs.findOne({ ...rest, documentId: row.documentId as string, locale, status: 'published' });
  },
});
