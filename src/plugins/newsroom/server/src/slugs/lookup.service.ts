import { NewsroomKind, UIDS } from '../content-types/facts';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi, Row } from '../boundary';
import { previousSlugLookupSql } from '../setup/indexes';

export default ({ strapi }: { strapi: Strapi }) => ({
  /** The published document whose current or previous slug matches, in the requested locale. */
  async findPublishedBySlug(kind: NewsroomKind, slug: string, query: Record<string, unknown> = {}) {
    const uid = UIDS[kind];
    const locale = (query.locale as string | undefined) ?? newsroomConfig(strapi).defaultLocale;
    const { filters, status, locale: _l, ...rest } = query;
    const docs = strapi.documents(uid);
    const current = await docs.findFirst({ ...rest, locale, status: 'published', filters: { ...((filters as Row | undefined) ?? {}), slug } });
    if (current) return current;
    // Old slugs live in a JSON list: one indexed statement on SQLite and PostgreSQL (setup/indexes.ts).
    const meta = strapi.db.metadata.get(uid) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
    const column = (a: string) => meta.attributes[a]?.columnName ?? a;
    const statement = previousSlugLookupSql(
      String(strapi.db.dialect.client),
      meta.tableName,
      { documentId: column('documentId'), locale: column('locale'), publishedAt: column('publishedAt'), previousSlugs: column('previousSlugs') },
      locale,
      slug,
    );
    if (statement) {
      const raw = (await strapi.db.connection.raw(statement.sql, statement.bindings)) as { rows?: Row[] } | Row[];
      const found = (Array.isArray(raw) ? raw : (raw.rows ?? []))[0];
      return found ? docs.findOne({ ...rest, documentId: found.document_id as string, locale, status: 'published' }) : null;
    }
    // Elsewhere (JSON operators differ per database) the renamed documents are filtered here.
    const renamed = await dbQuery(strapi, uid).findMany({
      select: ['documentId', 'previousSlugs'],
      where: { locale, publishedAt: { $notNull: true }, previousSlugs: { $notNull: true } },
    });
    const row: Row | undefined = renamed.find((r: Row) => Array.isArray(r.previousSlugs) && r.previousSlugs.includes(slug));
    if (!row) return null;
    return docs.findOne({ ...rest, documentId: row.documentId as string, locale, status: 'published' });
  },
});
