/**
 * Loads seed content (database/seed/newsroom.json) through the Document Service, so every rule
 * and slug applies. Idempotent: each item carries a key; existing items are left as editors made them.
 */
import { NewsroomKind, UIDS } from '../content-types/facts';
import { paragraphsToBlocks } from '../enforcement/blocks';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';
import { runEnforcing } from '../enforcement/write-scope';

interface SeedItem {
  key: string;
  shared: Record<string, unknown>;
  locales: Record<string, Record<string, unknown>>;
}
export interface SeedFile {
  neighbourhoods: SeedItem[];
  newsItems: SeedItem[];
  articles: SeedItem[];
}

export default ({ strapi }: { strapi: Strapi }) => {
  const findByKey = async (kind: NewsroomKind, key: string): Promise<string | null> => {
    const row = await dbQuery<{ documentId: string }>(strapi, UIDS[kind]).findOne({ select: ['documentId'], where: { importKey: key } });
    return row?.documentId ?? null;
  };

  async function upsert(kind: NewsroomKind, item: SeedItem, toData: (loc: Record<string, unknown>, locale: string) => Record<string, unknown>) {
    const { defaultLocale } = newsroomConfig(strapi);
    const existing = await findByKey(kind, item.key);
    if (existing) return { documentId: existing, created: false };
    const docs = strapi.documents(UIDS[kind]);
    const others = Object.keys(item.locales).filter((l) => l !== defaultLocale);
    const locales = item.locales[defaultLocale] ? [defaultLocale, ...others] : others;
    let documentId: string | null = null;
    for (const locale of locales) {
      const data: Record<string, unknown> = { ...toData(item.locales[locale], locale), ...(documentId ? {} : { ...item.shared, importKey: item.key }) };
      if (!documentId) {
        documentId = (await docs.create({ locale, data, status: 'published' })).documentId;
      } else {
        await docs.update({ documentId, locale, data, status: 'published' });
      }
    }
    await settle(kind, documentId!);
    return { documentId: documentId!, created: true };
  }

  /**
   * Writing the second locale re-syncs the first one's draft (i18n copies shared fields, the rules
   * reconcile), which leaves that draft newer than its published row: the admin would show the seed
   * as "Modified". Publishing every locale once more makes each published row a copy of its draft,
   * and giving both the same updatedAt makes them identical to the Content Manager too.
   */
  async function settle(kind: NewsroomKind, documentId: string) {
    const uid = UIDS[kind];
    await strapi.documents(uid).publish({ documentId, locale: '*' });
    const rows = await dbQuery<{ id: number; locale: string; publishedAt: unknown; updatedAt: unknown }>(strapi, uid).findMany({
      select: ['id', 'locale', 'publishedAt', 'updatedAt'],
      where: { documentId },
    });
    await runEnforcing(async () => {
      for (const draft of rows.filter((r) => !r.publishedAt)) {
        const published = rows.find((r) => r.publishedAt && r.locale === draft.locale);
        if (published && String(published.updatedAt) !== String(draft.updatedAt)) {
          await dbQuery(strapi, uid).update({ where: { id: published.id }, data: { updatedAt: draft.updatedAt } });
        }
      }
    });
  }

  return {
    /** Whether `npm run develop` loads the seed on start (option seedOnDevelop, default true). */
    onDevelop(): boolean {
      return newsroomConfig(strapi).seedOnDevelop;
    },

    async load(seed: SeedFile) {
      const counts = { created: 0, existing: 0 };
      const tally = (r: { created: boolean }) => (r.created ? (counts.created += 1) : (counts.existing += 1));
      const ids = new Map<string, string>();
      const localesOf = new Map<string, string[]>();
      for (const n of [...seed.neighbourhoods, ...seed.newsItems]) localesOf.set(n.key, Object.keys(n.locales));
      for (const n of seed.neighbourhoods) {
        const r = await upsert('neighbourhood', n, (l) => l);
        ids.set(n.key, r.documentId);
        tally(r);
      }
      for (const n of seed.newsItems) {
        const r = await upsert('news-item', n, (l) => l);
        ids.set(n.key, r.documentId);
        tally(r);
      }
      for (const a of seed.articles) {
        const shared = { ...a.shared };
        // Relations are per locale: link only what exists in the locale being written.
        const linked = (key: string, locale: string) => (localesOf.get(key)?.includes(locale) ? ids.get(key) : undefined);
        const neighbourhoodKey = shared.neighbourhood as string | undefined;
        const relatedKeys = (shared.relatedNews as string[] | undefined) ?? [];
        delete shared.neighbourhood;
        delete shared.relatedNews;
        const r = await upsert('article', { ...a, shared }, ({ paragraphs, ...rest }, locale) => ({
          ...rest,
          body: paragraphsToBlocks((paragraphs as string[] | undefined) ?? []),
          neighbourhood: neighbourhoodKey ? (linked(neighbourhoodKey, locale) ?? null) : null,
          relatedNews: relatedKeys.map((k) => linked(k, locale)).filter(Boolean),
        }));
        tally(r);
      }
      return counts;
    },
  };
};
