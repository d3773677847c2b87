/**
 * Writes import plans through the Document Service (so every rule and slug applies).
 *
 * Throughput: pages are written in batches, one database transaction per batch and a savepoint
 * per page. A page the rules refuse (or that fails for any reason) is rolled back to its savepoint
 * alone and reported; the others of the batch commit together. A crash (kill -9) loses at most the
 * uncommitted batch, never part of a page.
 *
 * Finding what exists: before creating, each document is matched in the same locale by import
 * key, then by normalised title (neighbourhoods: name + district). A key match is ours and is
 * updated; a title match (made in the admin, or by the seed) is linked and left as editors made it.
 */
import { UIDS, NewsroomKind } from '../content-types/facts';
import { ImportPlan } from './plan';
import { ExistingRow, Match, MatchIndex, MatchedBy } from './match';
import type { Strapi } from '../boundary';

export type DocAction = 'created' | 'updated' | 'linked';

export interface DocOutcome {
  documentId: string | null;
  action: DocAction | 'would-create' | 'would-update' | 'would-link';
  matchedBy: MatchedBy | null;
}

export interface ImportOutcome {
  article: { documentId: string; action: DocAction; matchedBy: MatchedBy | null };
  neighbourhood: { documentId: string; action: 'created' | 'linked'; matchedBy: MatchedBy | null } | null;
  newsItems: { created: number; updated: number; linked: number; items: Array<{ documentId: string; action: DocAction; matchedBy: MatchedBy | null }> };
}

export interface DryRunOutcome {
  article: DocOutcome;
  neighbourhood: DocOutcome | null;
  newsItems: DocOutcome[];
}

export type BatchResult = { ok: true; outcome: ImportOutcome } | { ok: false; error: any };

const TITLE: Record<NewsroomKind, string> = { article: 'title', neighbourhood: 'name', 'news-item': 'headline' };

export default ({ strapi }: { strapi: Strapi }) => {
  /** Match indexes per kind and locale, loaded once per session (one query each) and kept current. */
  function createSession() {
    const indexes = new Map<string, Promise<MatchIndex>>();
    const load = async (kind: NewsroomKind, locale: string): Promise<MatchIndex> => {
      const select = ['documentId', TITLE[kind], 'importKey', ...(kind === 'neighbourhood' ? ['district'] : [])];
      const rows: any[] = await strapi.db.query(UIDS[kind]).findMany({ select, where: { locale }, orderBy: { id: 'asc' } });
      return new MatchIndex(
        rows.map((r): ExistingRow => ({ documentId: r.documentId, title: r[TITLE[kind]], importKey: r.importKey ?? null, district: r.district ?? null })),
        kind === 'neighbourhood',
      );
    };
    const index = (kind: NewsroomKind, locale: string) => {
      const k = `${kind}\u0000${locale}`;
      if (!indexes.has(k)) indexes.set(k, load(kind, locale));
      return indexes.get(k) as Promise<MatchIndex>;
    };
    return {
      index,
      /** After a rolled-back page the indexes may hold documents that no longer exist. */
      reset: () => indexes.clear(),
    };
  }
  type Session = ReturnType<typeof createSession>;

  async function matchPlan(session: Session, plan: ImportPlan) {
    const { locale } = plan;
    const article = (await session.index('article', locale)).find(plan.article.key, plan.article.data.title as string);
    const neighbourhood = plan.neighbourhood
      ? (await session.index('neighbourhood', locale)).find(null, plan.neighbourhood.name, plan.neighbourhood.data.district as string | null)
      : null;
    const newsIndex = await session.index('news-item', locale);
    const newsItems = plan.newsItems.map((n) => newsIndex.find(n.key, n.data.headline as string));
    return { article, neighbourhood, newsItems };
  }

  async function writePlan(session: Session, plan: ImportPlan, publish: boolean): Promise<ImportOutcome> {
    const status = publish ? 'published' : 'draft';
    const { locale } = plan;
    const matches = await matchPlan(session, plan);

    let neighbourhood: ImportOutcome['neighbourhood'] = null;
    if (plan.neighbourhood) {
      const m = matches.neighbourhood;
      if (m) neighbourhood = { documentId: m.documentId, action: 'linked', matchedBy: m.by };
      else {
        // New profiles stay drafts for an editor to review, whatever --publish says.
        const created = await strapi.documents(UIDS.neighbourhood).create({ locale, data: plan.neighbourhood.data, status: 'draft' });
        neighbourhood = { documentId: created.documentId, action: 'created', matchedBy: null };
        (await session.index('neighbourhood', locale)).add({
          documentId: created.documentId,
          title: plan.neighbourhood.name,
          importKey: null,
          district: (plan.neighbourhood.data.district as string) ?? null,
        });
      }
    }

    const upsert = async (kind: 'article' | 'news-item', key: string, title: string, m: Match | null, data: Record<string, unknown>) => {
      const docs = strapi.documents(UIDS[kind]);
      if (m && m.by === 'importKey') {
        await docs.update({ documentId: m.documentId, locale, data, status });
        return { documentId: m.documentId, action: 'updated' as const, matchedBy: m.by };
      }
      if (m) return { documentId: m.documentId, action: 'linked' as const, matchedBy: m.by };
      const created = await docs.create({ locale, data: { ...data, importKey: key }, status });
      (await session.index(kind, locale)).add({ documentId: created.documentId, title, importKey: key });
      return { documentId: created.documentId as string, action: 'created' as const, matchedBy: null };
    };

    const news: ImportOutcome['newsItems'] = { created: 0, updated: 0, linked: 0, items: [] };
    for (let i = 0; i < plan.newsItems.length; i += 1) {
      const item = plan.newsItems[i];
      // The same headline twice on one page: the second is the first.
      const m = matches.newsItems[i] ?? (await session.index('news-item', locale)).find(item.key, item.data.headline as string);
      const r = await upsert('news-item', item.key, item.data.headline as string, m, item.data);
      news[r.action] += 1;
      news.items.push(r);
    }
    const related = [...new Set(news.items.map((n) => n.documentId))];
    const article = await upsert('article', plan.article.key, plan.article.data.title as string, matches.article, {
      ...plan.article.data,
      neighbourhood: neighbourhood?.documentId ?? null,
      relatedNews: related,
    });
    return { article, neighbourhood, newsItems: news };
  }

  let savepoints = 0;

  /**
   * Writes plans in one transaction, a savepoint per page: returns one result per plan, in
   * order. A failed page is rolled back alone; the batch commits the others.
   */
  async function importBatch(
    plans: ImportPlan[],
    { publish = false, session = createSession() }: { publish?: boolean; session?: Session } = {},
  ): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    await strapi.db.transaction(async ({ trx }: { trx: any }) => {
      for (const plan of plans) {
        const name = `newsroom_import_${(savepoints += 1)}`;
        await trx.raw(`SAVEPOINT ${name}`);
        try {
          const outcome = await writePlan(session, plan, publish);
          await trx.raw(`RELEASE SAVEPOINT ${name}`);
          results.push({ ok: true, outcome });
        } catch (error) {
          await trx.raw(`ROLLBACK TO SAVEPOINT ${name}`);
          await trx.raw(`RELEASE SAVEPOINT ${name}`);
          session.reset();
          results.push({ ok: false, error });
        }
      }
    });
    return results;
  }

  return {
    createSession,
    importBatch,

    /** One page, its own transaction; throws what the rules throw. */
    async importPlan(plan: ImportPlan, { publish = false } = {}): Promise<ImportOutcome> {
      const [result] = await importBatch([plan], { publish });
      if (!result.ok) throw result.error;
      return result.outcome;
    },

    /** What importing would do, without writing: the documents each part would create, update or link. */
    async dryRun(plan: ImportPlan, session: Session = createSession()): Promise<DryRunOutcome> {
      const m = await matchPlan(session, plan);
      const doc = (match: Match | null, linkOnly = false): DocOutcome =>
        !match
          ? { documentId: null, action: 'would-create', matchedBy: null }
          : { documentId: match.documentId, action: match.by === 'importKey' && !linkOnly ? 'would-update' : 'would-link', matchedBy: match.by };
      return {
        article: doc(m.article),
        neighbourhood: plan.neighbourhood ? doc(m.neighbourhood, true) : null,
        newsItems: m.newsItems.map((n) => doc(n)),
      };
    },
  };
};
