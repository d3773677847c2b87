/**
 * The bulk write path of the importer, pure part: what a Document Service create (with the
 * newsroom's middleware) stores for a new document, computed without a database so a batch of
 * pages can be written in a few multi-row inserts. It calls the rules the write path calls, not
 * copies of them: prepareWriteData / recordTranslation (enforcement/write-rules.ts),
 * publicationPatches (workflow/publication.ts), slugFromTitle / firstFreeSlug (slugs/slug.ts),
 * historyEntries (workflow/history.ts). The importer service (import/importer.service.ts) reads what exists, then writes
 * these rows; tests/integration compares them with documents made through the Document Service.
 */
import { NewsroomConfig } from '../config/schema';
import { NewsroomKind } from '../content-types/facts';
import { prepareWriteData, recordTranslation } from '../enforcement/write-rules';
import { publicationPatches } from '../workflow/publication';
import { fallbackSlug, firstFreeSlug, slugFromTitle } from '../slugs/slug';
import { Actor, HistoryEntry, historyEntries } from '../workflow/history';
import { FieldProblem } from '../enforcement/problems';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows mix every column type and are read field by field; the rules (canonical, figures) take them as such
type Row = Record<string, any>;

/** The component fields of each kind (name → component UID, repeatable). */
export const COMPONENT_FIELDS: Record<NewsroomKind, Record<string, { uid: string; repeatable: boolean }>> = {
  article: {
    bylines: { uid: 'newsroom.byline', repeatable: true },
    origin: { uid: 'newsroom.origin', repeatable: false },
    corrections: { uid: 'newsroom.correction', repeatable: true },
  },
  neighbourhood: {
    services: { uid: 'newsroom.service', repeatable: true },
    partnerships: { uid: 'newsroom.partnership', repeatable: true },
  },
  'news-item': {},
};

/** Relation fields a plan may carry (set by the importer from what it matched or created). */
export const RELATION_FIELDS: Record<NewsroomKind, string[]> = {
  article: ['neighbourhood', 'relatedNews'],
  neighbourhood: ['articles'],
  'news-item': ['articles'],
};

export interface PreparedCreate {
  /** The data as the middleware leaves it for Strapi: system fields canonical, no slug yet. */
  data: Row;
  problems: FieldProblem[];
}

/**
 * What the write rules (enforcement/write-rules.ts) store for a `create` of a new document in
 * `locale`: system fields replaced by canonical values, contradictions found. The slug is chosen by
 * `chooseSlug` (it needs the slugs already taken), so old slugs are not carried over.
 */
export function prepareCreate(cfg: NewsroomConfig, kind: NewsroomKind, locale: string, input: Row): PreparedCreate {
  const data: Row = { ...input };
  delete data.previousSlugs;
  const prepared = prepareWriteData(cfg, kind, { action: 'create', locale, data, drafts: [] });
  // A new document has no source to be a translation of: an original in any locale.
  recordTranslation(cfg, kind, prepared, locale, null);
  return { data, problems: prepared.problems };
}

/** The slug a new document gets: its title's, or the first free `-N` among the slugs taken in its type and locale. */
export function chooseSlug(kind: NewsroomKind, title: unknown, documentId: string, taken: ReadonlySet<string>): string {
  const base = slugFromTitle(typeof title === 'string' ? title : null) || fallbackSlug(kind, documentId);
  return taken.has(base) ? firstFreeSlug(base, taken) : base;
}

/** The slug a title would start from (to look up what is taken before choosing). */
export const slugBase = (kind: NewsroomKind, title: unknown, documentId: string): string =>
  slugFromTitle(typeof title === 'string' ? title : null) || fallbackSlug(kind, documentId);

/** Splits a document's data into scalar columns, components and relations. */
export function splitData(kind: NewsroomKind, data: Row): { scalars: Row; components: Record<string, Row[]>; relations: Row } {
  const scalars: Row = {};
  const components: Record<string, Row[]> = {};
  const relations: Row = {};
  for (const [key, value] of Object.entries(data)) {
    const component = COMPONENT_FIELDS[kind][key];
    if (component) {
      if (value === null || value === undefined) continue;
      components[key] = (Array.isArray(value) ? value : [value]).map((v) => ({ ...v }));
    } else if (RELATION_FIELDS[kind].includes(key)) relations[key] = value;
    else scalars[key] = value;
  }
  return { scalars, components, relations };
}

export interface RowTimes {
  /** When the write started (the workflow's `now`): createdAt, updatedAt, contentModifiedAt of the draft. */
  now: Date;
  /** When the published row was made; null: a draft only. */
  publishedAt: Date | null;
}

/**
 * The rows of a new document in one locale: its draft, and its published copy when published.
 * Articles carry the publication dates the workflow sets after a write (workflow/publication.ts
 * publicationPatches): the draft's content dates from the write, a first publication dates both rows.
 */
export function documentRows(kind: NewsroomKind, scalars: Row, documentId: string, locale: string, times: RowTimes): Row[] {
  const now = times.now.toISOString();
  const draft: Row = { ...scalars, documentId, locale, createdAt: now, updatedAt: now, publishedAt: null };
  const rows = times.publishedAt ? [draft, { ...draft, publishedAt: times.publishedAt.toISOString() }] : [draft];
  if (kind !== 'article') return rows;
  const patches = publicationPatches({ isClone: false, before: [], rows, now: times.now, locale });
  return rows.map((row, i) => ({ ...row, ...patches[i] }));
}

/** The rights history a new article records (nothing before it; its rows with origin and corrections). */
export function newArticleHistory(documentId: string, rows: Row[], components: Record<string, Row[]>, actor: Actor, at: Date): HistoryEntry[] {
  const after = rows.map((r, i) => ({ ...r, id: -(i + 1), origin: components.origin?.[0] ?? null, corrections: components.corrections ?? [] }));
  return historyEntries(documentId, [], after, actor, at);
}

/**
 * Join-table rows that link a batch of new rows to their targets, with the order columns Strapi
 * writes: the owner's order 1…n in the order given, the inverse order after the target's current
 * highest (`inverseMax`, updated in place as rows are added).
 */
export function linkRows(
  links: Array<{ ownerId: number; targetIds: number[] }>,
  columns: { owner: string; target: string; order?: string; inverseOrder?: string },
  inverseMax: Map<number, number>,
): Row[] {
  const out: Row[] = [];
  for (const { ownerId, targetIds } of links) {
    [...new Set(targetIds)].forEach((targetId, i) => {
      const row: Row = { [columns.owner]: ownerId, [columns.target]: targetId };
      if (columns.order) row[columns.order] = i + 1;
      if (columns.inverseOrder) {
        const next = (inverseMax.get(targetId) ?? 0) + 1;
        inverseMax.set(targetId, next);
        row[columns.inverseOrder] = next;
      }
      out.push(row);
    });
  }
  return out;
}

/** Rows of a `_cmps` join table for the components of one entity row (order 1…n for lists, none for a single component). */
export function componentLinkRows(
  entityId: number,
  field: string,
  component: { uid: string; repeatable: boolean },
  componentIds: number[],
  columns: { entity: string; component: string; order: string },
): Row[] {
  return componentIds.map((cmpId, i) => ({
    [columns.entity]: entityId,
    [columns.component]: cmpId,
    component_type: component.uid,
    field,
    ...(component.repeatable ? { [columns.order]: i + 1 } : {}),
  }));
}

/** A content type's or component's attributes, as Strapi describes them (schema.json). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Strapi's attribute union (min as string on bigintegers…) read option by option
export type Attributes = Record<string, Record<string, any>>;

const isPlainObject = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Blocks as the importer makes them (paragraphsToBlocks): paragraphs of plain text, nothing else. */
const plainBlocks = (v: unknown): boolean =>
  Array.isArray(v) &&
  v.every(
    (node) =>
      isPlainObject(node) &&
      node.type === 'paragraph' &&
      Array.isArray(node.children) &&
      node.children.every((c: unknown) => isPlainObject(c) && c.type === 'text' && typeof c.text === 'string' && Object.keys(c).length === 2),
  );

const withinBounds = (n: number, attr: Row) => (attr.min === undefined || n >= Number(attr.min)) && (attr.max === undefined || n <= Number(attr.max));

/**
 * Whether data certainly passes Strapi's own validation of a create (entity-validator: types,
 * lengths — 255 by default for strings —, regex, enumerations, bounds, required fields of a
 * published row, components). Deliberately narrower than Strapi: anything it does not know for
 * sure (dates, media, relations, unique fields, unusual blocks, unknown keys) answers false, and
 * the importer then sends the page through the Document Service, which validates it itself.
 */
export function fitsSchema(
  attributes: Attributes,
  data: Row,
  { isDraft, componentAttributes }: { isDraft: boolean; componentAttributes: (uid: string) => Attributes | undefined },
): boolean {
  for (const key of Object.keys(data)) if (!attributes[key]) return false;
  for (const [key, attr] of Object.entries(attributes)) {
    const value = data[key];
    const required = !!attr.required && !isDraft;
    if (value === undefined || value === null) {
      if (required) return false;
      continue;
    }
    if (attr.unique) return false;
    switch (attr.type) {
      case 'string':
      case 'text': {
        if (typeof value !== 'string') return false;
        const max = Number.isInteger(attr.maxLength) ? attr.maxLength : attr.type === 'string' ? 255 : Infinity;
        if (value.length > max) return false;
        if (!isDraft && Number.isInteger(attr.minLength) && value.length < attr.minLength) return false;
        if (required && value === '') return false;
        if (!isDraft && attr.regex !== undefined && (value !== '' || attr.required) && !new RegExp(attr.regex).test(value)) return false;
        break;
      }
      case 'enumeration':
        if (typeof value !== 'string' || !(attr.enum ?? []).includes(value)) return false;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') return false;
        break;
      case 'integer':
        if (!Number.isInteger(value) || !withinBounds(value, attr)) return false;
        break;
      case 'float':
      case 'decimal':
        if (typeof value !== 'number' || !Number.isFinite(value) || !withinBounds(value, attr)) return false;
        break;
      case 'json':
        try {
          if (JSON.stringify(value) === undefined) return false;
        } catch {
          return false;
        }
        break;
      case 'blocks':
        if (!plainBlocks(value)) return false;
        break;
      case 'component': {
        const inner = componentAttributes(attr.component);
        if (!inner) return false;
        const items = attr.repeatable ? value : [value];
        if (!Array.isArray(items) || (attr.repeatable && !withinBounds(items.length, attr))) return false;
        if (required && attr.repeatable && items.length === 0) return false;
        // Inside components, required fields are required of drafts too (stricter than needed, never looser).
        for (const item of items) if (!isPlainObject(item) || !fitsSchema(inner, item, { isDraft: false, componentAttributes })) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

/**
 * The populate the Document Service uses for the entry of an `entry.*` event (every relation the
 * database manages, components in depth), built from the models' attributes.
 */
export function eventPopulate(attributesOf: (uid: string) => Attributes | undefined, uid: string): Row {
  const out: Row = {};
  for (const [name, attr] of Object.entries(attributesOf(uid) ?? {})) {
    if (attr.type === 'relation' && !attr.unstable_virtual) out[name] = { select: undefined };
    else if (attr.type === 'media') out[name] = { select: ['*'] };
    else if (attr.type === 'component') out[name] = { populate: eventPopulate(attributesOf, attr.component) };
  }
  return out;
}
