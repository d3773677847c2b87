/**
 * Writes an import plan through the Document Service (so every rule and slug applies), one page
 * per transaction: a crash or a refused rule leaves nothing of that page behind.
 */
import { UIDS, NewsroomKind } from '../domain/kinds';
import { ImportPlan } from '../domain/import/plan';

export interface ImportOutcome {
  article: { documentId: string; action: 'created' | 'updated' };
  neighbourhood: { documentId: string; action: 'created' | 'linked' } | null;
  newsItems: { created: number; updated: number };
}

export default ({ strapi }: { strapi: any }) => {
  const byKey = async (kind: NewsroomKind, importKey: string, locale: string) =>
    strapi.db.query(UIDS[kind]).findOne({ select: ['documentId'], where: { importKey, locale } });

  async function upsert(kind: NewsroomKind, importKey: string, locale: string, data: Record<string, unknown>, status: string) {
    const docs = strapi.documents(UIDS[kind]);
    const existing = await byKey(kind, importKey, locale);
    if (existing) {
      await docs.update({ documentId: existing.documentId, locale, data, status });
      return { documentId: existing.documentId as string, action: 'updated' as const };
    }
    const created = await docs.create({ locale, data: { ...data, importKey }, status });
    return { documentId: created.documentId as string, action: 'created' as const };
  }

  return {
    async importPlan(plan: ImportPlan, { publish = false } = {}): Promise<ImportOutcome> {
      const status = publish ? 'published' : 'draft';
      const { locale } = plan;
      return strapi.db.transaction(async () => {
        let neighbourhood: ImportOutcome['neighbourhood'] = null;
        if (plan.neighbourhood) {
          const existing = await strapi.db.query(UIDS.neighbourhood).findOne({
            select: ['documentId'],
            where: { name: plan.neighbourhood.name, locale },
          });
          neighbourhood = existing
            ? { documentId: existing.documentId, action: 'linked' }
            : {
                // New profiles stay drafts for an editor to review, whatever --publish says.
                documentId: (await strapi.documents(UIDS.neighbourhood).create({ locale, data: plan.neighbourhood.data, status: 'draft' })).documentId,
                action: 'created',
              };
        }
        const news = { created: 0, updated: 0 };
        const related: string[] = [];
        for (const item of plan.newsItems) {
          const r = await upsert('news-item', item.key, locale, item.data, status);
          news[r.action] += 1;
          related.push(r.documentId);
        }
        const article = await upsert(
          'article',
          plan.article.key,
          locale,
          { ...plan.article.data, neighbourhood: neighbourhood?.documentId ?? null, relatedNews: related },
          status,
        );
        return { article, neighbourhood, newsItems: news };
      });
    },
  };
};
