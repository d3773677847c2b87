/**
 * The newsroom workflow on the Document Service write path (embargo, first publication, corrections,
 * rights history, syndication), called by enforcement/document.middleware.ts around every article write:
 * `beforeWrite` may refuse (nothing is written) and prepares the data; `afterWrite` records what the
 * write did, inside the same transaction.
 */
import { STAMPED_FIELDS, UIDS } from '../content-types/facts';
import { embargoChangeProblems, parseInstant, publishProblems } from './embargo';
import { FieldProblem } from '../enforcement/problems';
import { WORKFLOW_COMPONENTS, firstPublishedProblems, publicationPatches } from './publication';
import { appendCorrections } from './corrections';
import { Actor, HISTORY_UID, HistoryEntry, actorFrom, historyEntries } from './history';
import { AsyncLocalStorage } from 'async_hooks';
import { getService, resultDocumentId, useDocuments, validationError, dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { DocumentCall, Row, Strapi } from '../boundary';

const actors = new AsyncLocalStorage<Actor>();

/** Runs `fn` on behalf of a named system actor (the scheduler), for the history. */
export const runAs = <T>(actor: Actor, fn: () => Promise<T>): Promise<T> => actors.run(actor, fn);

/** Who is writing: a system actor set by runAs, else the request's admin user, API token or user. */
export function currentActor(strapi: Strapi): Actor {
  const own = actors.getStore();
  if (own) return own;
  return actorFrom(strapi.requestContext?.get?.()?.state);
}

/** The history is append-only: no Document Service write (REST, GraphQL, admin, code) may touch it. */
const PROTECTED = [HISTORY_UID, 'plugin::newsroom.delivery'];

export function registerHistoryGuard(strapi: Strapi) {
  useDocuments(strapi, async (ctx, next) => {
    if (PROTECTED.includes(ctx.uid) && !['findOne', 'findMany', 'findFirst', 'count'].includes(ctx.action)) {
      throw validationError([
        { path: ['history'], message: 'the rights history and the delivery log are append-only and written by the newsroom plugin only' },
      ]);
    }
    return next();
  });
  // No GraphQL queries or mutations for it (the REST endpoint is the one way to read it).
  const graphql = strapi.plugin('graphql');
  if (graphql) for (const uid of PROTECTED) graphql.service('extension').shadowCRUD(uid).disable();
}

export interface WorkflowState {
  now: Date;
  documentId: string | null;
  publishing: boolean;
  /** Rows of the document before the write (each locale, draft and published). */
  before: Row[];
  /** The locale written by create / update. */
  locale: string;
  /** A first-publication date the client set (Strapi's own update would drop it): applied after the write. */
  firstPublishedAt?: { value: string | null };
}

const WRITES = new Set(['create', 'update', 'clone']);

/**
 * Every row of an article (each locale, draft and published) with the components the rules, the dates
 * and the history read. `only`: the components that can hold anything (componentsAfterWrite); the
 * others are not read and take their empty value, as a populated empty component reads.
 */
export async function documentRows(strapi: Strapi, documentId: string, only?: readonly string[]): Promise<Row[]> {
  const attributes = (strapi.contentType(UIDS.article)?.attributes ?? {}) as Record<string, { repeatable?: boolean }>;
  const fields = WORKFLOW_COMPONENTS.filter((f) => f in attributes);
  const populate = only ? fields.filter((f) => only.includes(f)) : fields;
  const rows = await dbQuery(strapi, UIDS.article).findMany({ where: { documentId }, populate });
  for (const field of fields) {
    if (!populate.includes(field)) for (const row of rows) row[field] = attributes[field].repeatable ? [] : null;
  }
  return rows;
}

export const isPublishing = (ctx: DocumentCall): boolean =>
  ctx.action === 'publish' || ((ctx.action === 'create' || ctx.action === 'update') && ctx.params?.status === 'published');

export async function beforeWrite(strapi: Strapi, ctx: DocumentCall): Promise<WorkflowState | null> {
  if (ctx.uid !== UIDS.article) return null;
  const now = new Date();
  const params = ctx.params ?? {};
  const documentId: string | null = ctx.action === 'create' ? null : ((params.documentId as string | undefined) ?? null);
  const before: Row[] = documentId ? await documentRows(strapi, documentId) : [];
  const locale: string = typeof params.locale === 'string' ? params.locale : newsroomConfig(strapi).defaultLocale;
  const storedEmbargo = before.find((r) => !r.publishedAt)?.embargoUntil ?? before[0]?.embargoUntil ?? null;
  const problems: FieldProblem[] = [];
  const data = params.data as Row | null | undefined;
  let effective: unknown = storedEmbargo;
  if (WRITES.has(ctx.action) && data && typeof data === 'object' && 'embargoUntil' in data) {
    const publishedLocales = ctx.action === 'clone' ? [] : [...new Set(before.filter((r) => r.publishedAt).map((r) => r.locale as string))];
    const changeProblems = embargoChangeProblems({ before: ctx.action === 'clone' ? null : storedEmbargo, after: data.embargoUntil, publishedLocales, now });
    problems.push(...changeProblems);
    const parsed = parseInstant(data.embargoUntil);
    if (parsed !== undefined) data.embargoUntil = parsed ? parsed.toISOString() : null;
    effective = data.embargoUntil;
  }
  // A boolean the document never set reads as null, and the edit view posts it back so (a clone sends the whole form).
  if (data && typeof data === 'object' && data.autoPublish === null) data.autoPublish = false;
  if (data && typeof data === 'object' && 'autoPublish' in data && typeof data.autoPublish !== 'boolean') {
    problems.push({ path: ['autoPublish'], message: 'must be true or false' });
  }
  let firstPublishedAt: WorkflowState['firstPublishedAt'];
  if (data && typeof data === 'object') {
    for (const field of STAMPED_FIELDS) delete data[field];
    if (WRITES.has(ctx.action) && 'firstPublishedAt' in data) {
      const fp = firstPublishedProblems(data.firstPublishedAt, now);
      problems.push(...fp);
      if (!fp.length) firstPublishedAt = { value: parseInstant(data.firstPublishedAt)?.toISOString() ?? null };
      delete data.firstPublishedAt;
    }
  }
  if (data && typeof data === 'object' && (ctx.action === 'create' || ctx.action === 'update') && 'corrections' in data) {
    const own = before.find((r) => r.locale === locale && !r.publishedAt);
    const { value, problems: cp } = appendCorrections(own?.corrections as Parameters<typeof appendCorrections>[0], data.corrections, now);
    problems.push(...cp);
    data.corrections = value;
  }
  const publishing = isPublishing(ctx);
  if (publishing && !problems.length) problems.push(...publishProblems(effective, now, newsroomConfig(strapi).utcOffset));
  if (problems.length) throw validationError(problems);
  return { now, documentId, publishing, before, locale, firstPublishedAt };
}

/** The document a write left rows in (a clone's is the new one). */
export const writtenDocumentId = (ctx: DocumentCall, result: unknown, state: WorkflowState): string | null =>
  (ctx.action === 'clone' ? resultDocumentId(result) : null) ?? state.documentId ?? resultDocumentId(result) ?? null;

/**
 * After the write, in its transaction (`read`: the document's rows as read after the write, from documentRows): first-publication dates (set once per locale, or as the
 * client set them) and `contentModifiedAt` (moved only when a row's content changed).
 */
export async function afterWrite(strapi: Strapi, ctx: DocumentCall, result: unknown, state: WorkflowState | null, read?: Row[]): Promise<HistoryEntry[]> {
  if (!state) return [];
  const documentId: string | null = writtenDocumentId(ctx, result, state);
  if (!documentId) return [];
  const query = dbQuery(strapi, UIDS.article);
  const rows = read ?? (await documentRows(strapi, documentId));
  const patches = publicationPatches({
    isClone: ctx.action === 'clone',
    before: state.before,
    rows,
    now: state.now,
    locale: state.locale,
    clientFirstPublishedAt: state.firstPublishedAt,
  });
  // One UPDATE per distinct patch (a publish usually gives the draft and the published row the same
  // dates), and no select around it (`update` reads the row before and after).
  const idsByPatch = new Map<string, { patch: Row; ids: unknown[] }>();
  for (const [i, patch] of patches.entries()) {
    Object.assign(rows[i], patch);
    if (!Object.keys(patch).length) continue;
    const key = JSON.stringify(patch);
    const group = idsByPatch.get(key) ?? { patch, ids: [] };
    group.ids.push(rows[i].id);
    idsByPatch.set(key, group);
  }
  for (const { patch, ids } of idsByPatch.values()) await query.updateMany({ where: { id: { $in: ids }, documentId }, data: patch });
  const entries = historyEntries(documentId, ctx.action === 'clone' ? [] : state.before, rows, currentActor(strapi), state.now);
  await getService(strapi, 'history').record(entries);
  await getService(strapi, 'partners').enqueue(documentId, ctx.action === 'clone' ? [] : state.before, rows);
  return entries;
}
