/**
 * The importer's bulk writer (Strapi adapter): the documents of prepared pages written in
 * multi-row inserts — rows, components, relations, slugs, history — and the events Strapi would
 * have emitted for them. What each row holds is decided by the pure rules (import/bulk-rows.ts,
 * which calls the write path's own rules); orchestration and matching stay in importer.service.ts.
 */
import { sanitize } from '@strapi/utils';
import { UIDS, NewsroomKind } from '../content-types/facts';
import { ExistingRow } from './match';
import { COMPONENT_FIELDS, chooseSlug, componentLinkRows, documentRows, eventPopulate, linkRows, newArticleHistory, slugBase } from './bulk-rows';
import type { ImportOutcome } from './types';
import { currentActor } from '../workflow/write-hooks.strapi';
import { dbQuery, getService } from '../boundary';
import type { Knex } from 'knex';
import type { Row, Strapi } from '../boundary';

type ModelUid = Parameters<Strapi['getModel']>[0];
/** The join table Strapi's metadata gives a component or relation attribute. */
interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName: string;
  inverseOrderColumnName: string;
  morphColumn?: { typeColumn: { name: string }; idColumn: { name: string } };
}

export interface NewDoc {
  kind: NewsroomKind;
  documentId: string;
  locale: string;
  published: boolean;
  title: string;
  scalars: Row;
  components: Record<string, Row[]>;
  relations: { neighbourhood?: string | null; relatedNews?: string[] };
}
export interface PreparedPage {
  outcome: ImportOutcome;
  docs: NewDoc[];
  adds: Array<{ kind: NewsroomKind; locale: string; row: ExistingRow }>;
}

export function bulkWriter(strapi: Strapi) {
  const inChunks = async <T>(items: T[], size: number, fn: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
  };

  /** Draft and published row ids of documents in a locale. */
  async function rowIds(kind: NewsroomKind, documentIds: string[]): Promise<Map<string, { draft?: number; published?: number; locale: string }[]>> {
    const out = new Map<string, { draft?: number; published?: number; locale: string }[]>();
    await inChunks([...new Set(documentIds)], 500, async (chunk) => {
      const rows = await dbQuery<{ id: number; documentId: string; publishedAt: string | null; locale: string }>(strapi, UIDS[kind]).findMany({
        select: ['id', 'documentId', 'publishedAt', 'locale'],
        where: { documentId: { $in: chunk } },
      });
      for (const r of rows) {
        const list = out.get(r.documentId) ?? [];
        let entry = list.find((e) => e.locale === r.locale);
        if (!entry) list.push((entry = { locale: r.locale }));
        if (r.publishedAt) entry.published = r.id;
        else entry.draft = r.id;
        out.set(r.documentId, list);
      }
    });
    return out;
  }
  const idIn = (ids: Map<string, { draft?: number; published?: number; locale: string }[]>, documentId: string, locale: string) =>
    ids.get(documentId)?.find((e) => e.locale === locale);

  /** Slugs for new documents of one kind and locale, in page order, unique against the database and each other. */
  async function assignSlugs(trx: Knex.Transaction, kind: NewsroomKind, locale: string, docs: NewDoc[]): Promise<Map<string, string>> {
    await getService(strapi, 'slugs').lock(kind, locale, trx);
    const query = strapi.db.query(UIDS[kind]);
    const bases = docs.map((d) => slugBase(kind, d.title, d.documentId));
    const taken = new Set<string>();
    await inChunks([...new Set(bases)], 500, async (chunk) => {
      for (const r of await query.findMany({ select: ['slug'], where: { locale, slug: { $in: chunk } } })) taken.add(r.slug);
    });
    const scanned = new Set<string>();
    const slugs = new Map<string, string>();
    for (let i = 0; i < docs.length; i += 1) {
      const base = bases[i];
      if (taken.has(base) && !scanned.has(base)) {
        // Taken: the prefix scan the write path makes, once per base.
        scanned.add(base);
        for (const r of await query.findMany({ select: ['slug'], where: { locale, slug: { $startsWith: `${base}-` } } })) taken.add(r.slug);
      }
      const slug = chooseSlug(kind, docs[i].title, docs[i].documentId, taken);
      taken.add(slug);
      slugs.set(docs[i].documentId, slug);
    }
    return slugs;
  }

  async function insertJoinRows(trx: Knex.Transaction, table: string, rows: Array<Record<string, unknown>>) {
    await inChunks(rows, strapi.db.dialect.getBatchInsertSize(), async (chunk) => {
      await strapi.db.getConnection(table).insert(chunk).transacting(trx);
    });
  }

  /** Writes the documents of prepared pages in multi-row inserts; throws on any failure (the caller rolls back). */
  async function writePages(trx: Knex.Transaction, pages: PreparedPage[], touched: Set<string>, written: Array<{ kind: NewsroomKind; ids: number[] }>) {
    const now = new Date();
    const docs = pages.flatMap((p) => p.docs);
    const created = new Map<NewsroomKind, Map<string, { draft?: number; published?: number; locale: string }[]>>();
    const rowsOf = new Map<string, Row[]>();
    for (const kind of ['neighbourhood', 'news-item', 'article'] as NewsroomKind[]) {
      const ofKind = docs.filter((d) => d.kind === kind);
      if (!ofKind.length) continue;
      const slugs = new Map<string, string>();
      for (const locale of [...new Set(ofKind.map((d) => d.locale))]) {
        for (const [id, slug] of await assignSlugs(
          trx,
          kind,
          locale,
          ofKind.filter((d) => d.locale === locale),
        ))
          slugs.set(id, slug);
      }
      const rows = ofKind.flatMap((d) => {
        const r = documentRows(kind, { ...d.scalars, slug: slugs.get(d.documentId) }, d.documentId, d.locale, { now, publishedAt: d.published ? now : null });
        rowsOf.set(d.documentId, r);
        return r;
      });
      await inChunks(rows, 500, (chunk) => strapi.db.query(UIDS[kind]).createMany({ data: chunk }));
      const ids = await rowIds(
        kind,
        ofKind.map((d) => d.documentId),
      );
      created.set(kind, ids);
      for (const d of ofKind) touched.add(d.documentId);
      // Drafts first, then published rows: the order of the Document Service's entry.create / entry.publish.
      const entries = ofKind.map((d) => idIn(ids, d.documentId, d.locale)!);
      written.push({
        kind,
        ids: [...entries.flatMap((e) => (e.draft !== undefined ? [e.draft] : [])), ...entries.flatMap((e) => (e.published !== undefined ? [e.published] : []))],
      });

      // Components: each row (draft and published) has its own copies, as Strapi makes them.
      const meta = strapi.db.metadata.get(UIDS[kind]);
      for (const [field, component] of Object.entries(COMPONENT_FIELDS[kind])) {
        const owners: Array<{ entityId: number; items: Row[] }> = [];
        for (const d of ofKind) {
          const items = d.components[field];
          if (!items?.length) continue;
          const e = idIn(ids, d.documentId, d.locale)!;
          for (const entityId of [e.draft, e.published]) if (entityId !== undefined) owners.push({ entityId, items });
        }
        if (!owners.length) continue;
        const data = owners.flatMap((o) => o.items);
        const cmpIds: number[] = [];
        await inChunks(data, 500, async (chunk) => {
          const result = await strapi.db.query(component.uid).createMany({ data: chunk });
          cmpIds.push(...result.ids.map((id) => Number(typeof id === 'object' && id !== null ? (id as { id: number }).id : id)));
        });
        if (cmpIds.length !== data.length) throw new Error(`bulk import: ${data.length} ${component.uid} rows written, ${cmpIds.length} ids returned`);
        const join = (meta.attributes[field] as unknown as { joinTable: JoinTable }).joinTable;
        const columns = { entity: join.joinColumn.name, component: join.inverseJoinColumn.name, order: join.orderColumnName };
        let k = 0;
        const links = owners.flatMap((o) => {
          const ids2 = cmpIds.slice(k, (k += o.items.length));
          return componentLinkRows(o.entityId, field, component, ids2, columns);
        });
        await insertJoinRows(trx, join.name, links);
      }
    }

    // Relations of new articles: drafts to the targets' drafts, published rows to published targets.
    const articles = docs.filter((d) => d.kind === 'article');
    if (articles.length) {
      const meta = strapi.db.metadata.get(UIDS.article);
      const targets = { neighbourhood: 'neighbourhood', relatedNews: 'news-item' } as const;
      for (const field of ['neighbourhood', 'relatedNews'] as const) {
        const kind = targets[field];
        const wanted = articles.flatMap((a) => {
          const v = a.relations[field];
          return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
        });
        if (!wanted.length) continue;
        const fresh = created.get(kind) ?? new Map();
        const existing = await rowIds(
          kind,
          wanted.filter((id) => !fresh.has(id)),
        );
        const lookup = (documentId: string, locale: string) => idIn(fresh, documentId, locale) ?? idIn(existing, documentId, locale);
        const join = (meta.attributes[field] as unknown as { joinTable: JoinTable }).joinTable;
        const links: Array<{ ownerId: number; targetIds: number[] }> = [];
        for (const a of articles) {
          const v = a.relations[field];
          const list: string[] = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
          if (!list.length) continue;
          const own = idIn(created.get('article')!, a.documentId, a.locale)!;
          const targetRows = list.map((id) => lookup(id, a.locale));
          if (own.draft !== undefined) links.push({ ownerId: own.draft, targetIds: targetRows.flatMap((t) => (t?.draft !== undefined ? [t.draft] : [])) });
          if (own.published !== undefined)
            links.push({ ownerId: own.published, targetIds: targetRows.flatMap((t) => (t?.published !== undefined ? [t.published] : [])) });
        }
        const inverseMax = new Map<number, number>();
        const old = [...new Set(links.flatMap((l) => l.targetIds))].filter(
          (id) => ![...fresh.values()].some((es) => es.some((e: { draft?: number; published?: number }) => e.draft === id || e.published === id)),
        );
        if (join.inverseOrderColumnName && old.length) {
          await inChunks(old, 500, async (chunk) => {
            const max = await strapi.db
              .getConnection(join.name)
              .select(join.inverseJoinColumn.name)
              .max(join.inverseOrderColumnName, { as: 'max' })
              .whereIn(join.inverseJoinColumn.name, chunk)
              .groupBy(join.inverseJoinColumn.name)
              .transacting(trx);
            for (const r of max) inverseMax.set(Number(r[join.inverseJoinColumn.name]), Number(r.max) || 0);
          });
        }
        const rows = linkRows(
          links.filter((l) => l.targetIds.length),
          { owner: join.joinColumn.name, target: join.inverseJoinColumn.name, order: join.orderColumnName, inverseOrder: join.inverseOrderColumnName },
          inverseMax,
        );
        await insertJoinRows(trx, join.name, rows);
        for (const id of wanted) touched.add(id);
      }

      // The rights history and partner deliveries a create records (workflow/write-hooks.strapi.ts afterWrite).
      const actor = currentActor(strapi);
      await getService(strapi, 'history').record(articles.flatMap((a) => newArticleHistory(a.documentId, rowsOf.get(a.documentId)!, a.components, actor, now)));
      const partners = getService(strapi, 'partners');
      for (const a of articles) {
        const own = idIn(created.get('article')!, a.documentId, a.locale)!;
        const rows = rowsOf.get(a.documentId)!.map((r) => ({ ...r, id: r.publishedAt ? own.published : own.draft, origin: a.components.origin?.[0] ?? null }));
        await partners.enqueue(a.documentId, [], rows);
      }
    }
  }

  /**
   * After commit, the events the Document Service emits for what was created (entry.create for each
   * draft, entry.publish for each published row), with the same deep-populated, sanitised entry —
   * webhooks and audit see a bulk import as they see any other. Read in one query per kind.
   */
  async function emitEvents(written: Array<{ kind: NewsroomKind; ids: number[] }>) {
    for (const { kind, ids } of written) {
      const uid = UIDS[kind];
      const model = strapi.getModel(uid as ModelUid);
      const populate = eventPopulate((u) => strapi.getModel(u as ModelUid)?.attributes, uid);
      await inChunks(ids, 500, async (chunk) => {
        const rows = await dbQuery(strapi, uid).findMany({ where: { id: { $in: chunk } }, populate });
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const id of chunk) {
          const row = byId.get(id);
          if (!row) continue;
          const entry = await sanitize.sanitizers.defaultSanitizeOutput(
            { schema: model, getModel: (u: string) => strapi.getModel(u as ModelUid) },
            row as Parameters<typeof sanitize.sanitizers.defaultSanitizeOutput>[1],
          );
          await strapi.eventHub.emit(row.publishedAt ? 'entry.publish' : 'entry.create', { model: model.modelName, uid, entry });
        }
      });
    }
  }

  return { inChunks, writePages, emitEvents };
}
