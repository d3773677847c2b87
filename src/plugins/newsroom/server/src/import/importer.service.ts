/**
 * Writes import plans: through the Document Service (so every rule and slug applies), or — for
 * pages that only create or link documents — through the bulk path, which applies the same rules
 * (import/bulk-rows.ts) and writes a batch's documents in multi-row inserts.
 *
 * Throughput: pages are written in batches, one database transaction per batch. Consecutive pages
 * the bulk path can take are written together under one savepoint; any other page gets its own
 * savepoint and the Document Service. A page the rules refuse (or that fails for any reason) is
 * rolled back to its savepoint alone and reported; if a bulk write fails, its savepoint is rolled
 * back and its pages are written again one by one. The others of the batch commit together. A
 * crash (kill -9) loses at most the uncommitted batch, never part of a page.
 *
 * Finding what exists: before creating, each document is matched in the same locale by import
 * key, then by normalised title (neighbourhoods: name + district). A key match is ours and is
 * updated; a title match (made in the admin, or by the seed) is linked and left as editors made it.
 */
import { UIDS, NewsroomKind, TITLE_FIELD } from '../content-types/facts';
import { ImportPlan } from './plan';
import { ExistingRow, Match, MatchIndex, unchangedByImport } from './match';
import type { BatchResult, DocOutcome, DryRunOutcome, ImportOutcome } from './types';
import { fitsSchema, prepareCreate, splitData } from './bulk-rows';
import { tagsForWrite } from '../read-path/cache';
import { runEnforcing } from '../enforcement/write-scope';
import { dbQuery, getService, messageOf } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Knex } from 'knex';
import { bulkWriter } from './bulk-writer.strapi';
import type { NewDoc, PreparedPage } from './bulk-writer.strapi';
import type { Strapi } from '../boundary';

type ModelUid = Parameters<Strapi['getModel']>[0];

const TITLE: Record<NewsroomKind, string> = { article: 'title', neighbourhood: 'name', 'news-item': 'headline' };
/**
 * Kinds whose import data are plain columns, so a stored row tells whether a re-import would change
 * anything (then it is a link and stays on the bulk path). Articles carry components and relations:
 * a key match is always written through the Document Service; neighbourhoods are only ever linked.
 */
const CONTENT_COMPARED: NewsroomKind[] = ['news-item'];

export default ({ strapi }: { strapi: Strapi }) => {
  /** Match indexes per kind and locale, loaded once per session (one query each) and kept current. */
  function createSession() {
    const indexes = new Map<string, Promise<MatchIndex>>();
    const load = async (kind: NewsroomKind, locale: string): Promise<MatchIndex> => {
      const withContent = CONTENT_COMPARED.includes(kind);
      // Without `select`, every column: the content a re-import is compared with.
      const select = withContent ? undefined : ['documentId', TITLE[kind], 'importKey', ...(kind === 'neighbourhood' ? ['district'] : [])];
      const rows = await dbQuery<Record<string, unknown>>(strapi, UIDS[kind]).findMany({ select, where: { locale }, orderBy: { id: 'asc' } });
      return new MatchIndex(
        rows.map((r): ExistingRow => ({
          documentId: r.documentId as string,
          title: (r[TITLE[kind]] as string | null) ?? null,
          importKey: (r.importKey as string | null) ?? null,
          district: (r.district as string | null) ?? null,
          ...(withContent && r.importKey ? { content: r, published: Boolean(r.publishedAt) } : {}),
        })),
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
      /** Pages written by each path (bulk inserts, or the Document Service one page at a time), and bulk writes that fell back. */
      stats: { bulk: 0, documents: 0, fallbacks: 0 },
      /** After a rolled-back page the indexes may hold documents that no longer exist. */
      reset: () => indexes.clear(),
    };
  }
  type Session = ReturnType<typeof createSession>;

  /** Records what a document now holds (created or updated by this import), so a later page compares with it. */
  async function remember(session: Session, kind: NewsroomKind, locale: string, row: ExistingRow, data: Record<string, unknown>, published: boolean) {
    const index = await session.index(kind, locale);
    index.add({ ...row, content: data, published: false });
    if (published) index.add({ ...row, content: data, published: true });
  }

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
      if (m && m.by === 'importKey' && !unchangedByImport(m, data, publish)) {
        await docs.update({ documentId: m.documentId, locale, data, status });
        if (CONTENT_COMPARED.includes(kind)) await remember(session, kind, locale, { documentId: m.documentId, title, importKey: key }, data, publish);
        return { documentId: m.documentId, action: 'updated' as const, matchedBy: m.by };
      }
      if (m) return { documentId: m.documentId, action: 'linked' as const, matchedBy: m.by };
      const created = await docs.create({ locale, data: { ...data, importKey: key }, status });
      await remember(session, kind, locale, { documentId: created.documentId, title, importKey: key }, CONTENT_COMPARED.includes(kind) ? data : {}, publish);
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

  // ---------------------------------------------------------------------------------------------
  // The bulk path: pages whose documents are all new (or linked) are checked by the same rules
  // first, then written together in multi-row inserts. A page that updates a document, or that a
  // rule or Strapi's validation would refuse, goes through the Document Service (one page, one
  // savepoint), which refuses it with the very error the rules give.

  const newDocumentId = (kind: NewsroomKind): string =>
    (strapi.db.metadata.get(UIDS[kind]).attributes.documentId as unknown as { default: () => string }).default();

  /** One new document checked as the write path would: null when it must take the Document Service path. */
  async function newDoc(kind: NewsroomKind, locale: string, input: Record<string, unknown>, published: boolean): Promise<NewDoc | null> {
    const documentId = newDocumentId(kind);
    const { data, problems } = prepareCreate(newsroomConfig(strapi), kind, locale, input);
    if (problems.length || 'slug' in data) return null;
    const { relations } = splitData(kind, data);
    const fields = { ...data };
    for (const field of Object.keys(relations)) delete fields[field];
    // Strapi's own checks of a create (lengths, types, required fields of a published row), without the relations (linked below).
    const valid = fitsSchema(strapi.contentType(UIDS[kind]).attributes, fields, {
      isDraft: !published,
      componentAttributes: (uid) => strapi.getModel(uid as ModelUid)?.attributes,
    });
    if (!valid) return null;
    const { scalars, components } = splitData(kind, fields);
    return { kind, documentId, locale, published, title: scalars[TITLE_FIELD[kind]], scalars, components, relations };
  }

  /** A page for the bulk path, matched against the session's indexes; null: Document Service path. */
  async function preparePage(session: Session, plan: ImportPlan, publish: boolean): Promise<PreparedPage | null> {
    const { locale } = plan;
    const m = await matchPlan(session, plan);
    const docs: NewDoc[] = [];
    const adds: PreparedPage['adds'] = [];
    let neighbourhood: ImportOutcome['neighbourhood'] = null;
    if (plan.neighbourhood) {
      if (m.neighbourhood) neighbourhood = { documentId: m.neighbourhood.documentId, action: 'linked', matchedBy: m.neighbourhood.by };
      else {
        // New profiles stay drafts for an editor to review, whatever --publish says.
        const doc = await newDoc('neighbourhood', locale, plan.neighbourhood.data, false);
        if (!doc) return null;
        docs.push(doc);
        neighbourhood = { documentId: doc.documentId, action: 'created', matchedBy: null };
        adds.push({
          kind: 'neighbourhood',
          locale,
          row: { documentId: doc.documentId, title: plan.neighbourhood.name, importKey: null, district: (plan.neighbourhood.data.district as string) ?? null },
        });
      }
    }
    const own = new MatchIndex();
    const news: ImportOutcome['newsItems'] = { created: 0, updated: 0, linked: 0, items: [] };
    for (let i = 0; i < plan.newsItems.length; i += 1) {
      const item = plan.newsItems[i];
      const headline = item.data.headline as string;
      // The same headline twice on one page: the second is the first.
      const match = m.newsItems[i] ?? own.find(item.key, headline);
      if (match?.by === 'importKey' && !unchangedByImport(match, item.data, publish)) return null;
      if (match) {
        news.linked += 1;
        news.items.push({ documentId: match.documentId, action: 'linked', matchedBy: match.by });
        continue;
      }
      const doc = await newDoc('news-item', locale, { ...item.data, importKey: item.key }, publish);
      if (!doc) return null;
      docs.push(doc);
      const row = { documentId: doc.documentId, title: headline, importKey: item.key };
      own.add(row);
      adds.push({ kind: 'news-item', locale, row: { ...row, content: item.data, published: false } });
      if (publish) adds.push({ kind: 'news-item', locale, row: { ...row, content: item.data, published: true } });
      news.created += 1;
      news.items.push({ documentId: doc.documentId, action: 'created', matchedBy: null });
    }
    const related = [...new Set(news.items.map((n) => n.documentId))];
    let article: ImportOutcome['article'];
    if (m.article?.by === 'importKey' && !unchangedByImport(m.article, plan.article.data, publish)) return null;
    if (m.article) article = { documentId: m.article.documentId, action: 'linked', matchedBy: m.article.by };
    else {
      const data = { ...plan.article.data, importKey: plan.article.key, neighbourhood: neighbourhood?.documentId ?? null, relatedNews: related };
      const doc = await newDoc('article', locale, data, publish);
      if (!doc) return null;
      docs.push(doc);
      adds.push({ kind: 'article', locale, row: { documentId: doc.documentId, title: plan.article.data.title as string, importKey: plan.article.key } });
      article = { documentId: doc.documentId, action: 'created', matchedBy: null };
    }
    return { outcome: { article, neighbourhood, newsItems: news }, docs, adds };
  }

  const { writePages, emitEvents } = bulkWriter(strapi);

  async function savepoint<T>(trx: Knex.Transaction, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    const name = `newsroom_import_${(savepoints += 1)}`;
    await trx.raw(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      await trx.raw(`RELEASE SAVEPOINT ${name}`);
      return { ok: true, value };
    } catch (error) {
      await trx.raw(`ROLLBACK TO SAVEPOINT ${name}`);
      await trx.raw(`RELEASE SAVEPOINT ${name}`);
      return { ok: false, error };
    }
  }

  /**
   * Writes plans in one transaction, a savepoint per page: returns one result per plan, in
   * order. A failed page is rolled back alone; the batch commits the others.
   *
   * `bulk` (the default): consecutive pages that only create (or link) documents and pass every
   * rule are written together in multi-row inserts under one savepoint; the others take the
   * Document Service path one by one. If a bulk write fails, its savepoint is rolled back and its
   * pages are written again one by one through the Document Service.
   */
  async function importBatch(
    plans: ImportPlan[],
    { publish = false, session = createSession(), bulk = true }: { publish?: boolean; session?: Session; bulk?: boolean } = {},
  ): Promise<BatchResult[]> {
    const results: BatchResult[] = [];
    const useBulk = bulk && newsroomConfig(strapi).enforce;
    await strapi.db.transaction(async ({ trx, onCommit }: { trx: Knex.Transaction; onCommit: (fn: () => void) => void }) => {
      const onePage = async (plan: ImportPlan) => {
        session.stats.documents += 1;
        const r = await savepoint(trx, () => writePlan(session, plan, publish));
        if (r.ok) results.push({ ok: true, outcome: r.value });
        else {
          session.reset();
          results.push({ ok: false, error: r.error });
        }
      };
      if (!useBulk) {
        for (const plan of plans) await onePage(plan);
        return;
      }
      const touched = new Set<string>();
      const written: Array<{ kind: NewsroomKind; ids: number[] }> = [];
      let i = 0;
      while (i < plans.length) {
        const segment: Array<{ plan: ImportPlan; page: PreparedPage }> = [];
        let stop: ImportPlan | null = null;
        for (; i < plans.length; i += 1) {
          const page = await preparePage(session, plans[i], publish);
          if (!page) {
            stop = plans[i];
            i += 1;
            break;
          }
          // Later pages of the segment see this page's new documents (linked, not created twice).
          for (const add of page.adds) (await session.index(add.kind, add.locale)).add(add.row);
          segment.push({ plan: plans[i], page });
        }
        if (segment.length) {
          const scope = { touched: new Set<string>() };
          const segmentRows: typeof written = [];
          const result = await savepoint(trx, () =>
            runEnforcing(
              () =>
                writePages(
                  trx,
                  segment.map((s) => s.page),
                  touched,
                  segmentRows,
                ),
              scope,
            ),
          );
          if (result.ok) {
            written.push(...segmentRows);
            session.stats.bulk += segment.length;
            for (const s of segment) results.push({ ok: true, outcome: s.page.outcome });
          } else {
            session.stats.fallbacks += 1;
            strapi.log.warn(`[newsroom] bulk import of ${segment.length} pages failed (${messageOf(result.error)}); writing them one by one`);
            session.reset();
            for (const s of segment) await onePage(s.plan);
          }
        }
        if (stop) await onePage(stop);
      }
      if (touched.size) {
        const tags = (['article', 'neighbourhood', 'news-item'] as NewsroomKind[]).flatMap((k) => tagsForWrite(k, null));
        const all = [...new Set([...tags, ...[...touched].map((id) => `doc:${id}`)])];
        const cache = getService(strapi, 'read-cache');
        cache.invalidate(all);
        // Readers that filled the cache while the batch was in flight are dropped once it is committed.
        onCommit(() => cache.invalidate(all));
      }
      if (written.length) {
        onCommit(() => {
          emitEvents(written).catch((err) => strapi.log.warn(`[newsroom] import events: ${err.message}`));
        });
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
    async dryRun(plan: ImportPlan, session: Session = createSession(), { publish = false } = {}): Promise<DryRunOutcome> {
      const m = await matchPlan(session, plan);
      const doc = (match: Match | null, data: Record<string, unknown> | null): DocOutcome =>
        !match
          ? { documentId: null, action: 'would-create', matchedBy: null }
          : {
              documentId: match.documentId,
              action: match.by === 'importKey' && data && !unchangedByImport(match, data, publish) ? 'would-update' : 'would-link',
              matchedBy: match.by,
            };
      return {
        article: doc(m.article, plan.article.data),
        neighbourhood: plan.neighbourhood ? doc(m.neighbourhood, null) : null,
        newsItems: m.newsItems.map((n, i) => doc(n, plan.newsItems[i].data)),
      };
    },
  };
};
