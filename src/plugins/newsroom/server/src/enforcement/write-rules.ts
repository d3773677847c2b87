/**
 * What a create, update or clone of one locale stores, decided once for every write path: the
 * Document Service middleware (rules.service.ts, and through it the Content Manager, REST and
 * GraphQL) and the importer's bulk path (import/bulk-rows.ts). Pure: the caller reads the
 * document's draft rows, chooses the slug (slugs/) and, when `recordsSource` says so, reads the
 * default locale's draft for `recordTranslation`.
 */
import { NewsroomConfig } from '../config/schema';
import { NewsroomKind, SHARED_FIELDS, SYSTEM_FIELDS, TITLE_FIELD } from '../content-types/facts';
import { canonicalValues, contentProblems } from './canonical';
import { FieldProblem } from './problems';
import { touchesTranslatedText, translationStatus } from '../translations/translation';
import { sourceRecord } from '../translations/source-text';

type Row = Record<string, unknown>;

export type WriteAction = 'create' | 'update' | 'clone';

export interface WriteInput {
  action: WriteAction;
  locale: string;
  /** The client's data: changed in place into what is stored (system fields canonical). */
  data: Row;
  /** The document's draft rows before the write, every locale (none for a new document). */
  drafts: readonly Row[];
  /** Whether a component field is repeatable (a blanked one becomes [] rather than null). */
  isRepeatable?: (field: string) => boolean;
}

export interface PreparedWrite {
  data: Row;
  /** The written locale's draft before the write; undefined when this write creates the locale. */
  own: Row | undefined;
  /** The row as it will read: the shared fields stored, the locale's own, then the data. */
  merged: Row;
  creatingLocale: boolean;
  problems: FieldProblem[];
  /** The write records the source text it translates: read the default locale's draft for `recordTranslation`. */
  recordsSource: boolean;
}

/** An object whose every value is empty (null, undefined, ''): what the Content Manager writes for a component a role may not set. */
const isBlankComponent = (value: unknown): boolean =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => v === null || v === undefined || v === '');

/**
 * Before the write: contradictions and bad figures found (the caller refuses the write when there
 * are any), system-managed fields replaced by their canonical values. `previousSlugs` is left to
 * the slug rules.
 */
export function prepareWriteData(cfg: NewsroomConfig, kind: NewsroomKind, input: WriteInput): PreparedWrite {
  const { action, locale, data, drafts } = input;
  for (const field of SYSTEM_FIELDS) if (field !== 'previousSlugs') delete data[field];

  let own = drafts.find((r) => r.locale === locale);
  const basis = own ?? drafts[0];
  let base: Row = {};
  if (basis) {
    base = own ? { ...own } : {};
    for (const field of SHARED_FIELDS[kind]) if (field in basis) base[field] = basis[field];
  }
  if (action === 'clone') {
    // The edit view posts the source's slug back with the rest of the form: the clone gets its own, from its title.
    if (own && data.slug === own.slug) delete data.slug;
    // The Content Manager blanks the fields a role may not create, a component as an object of
    // nulls (a translator's clone): that is no value, not an origin without an outlet.
    for (const [field, value] of Object.entries(data)) if (isBlankComponent(value)) data[field] = input.isRepeatable?.(field) ? [] : null;
    own = undefined;
  }
  const merged: Row = { ...base, ...data };
  if (kind === 'article') merged.exclusive = data.exclusive ?? base.exclusive ?? false;
  const creatingLocale = !own;
  const titleField = TITLE_FIELD[kind];
  const checked = { ...merged };
  if (!creatingLocale && !(titleField in data)) delete checked[titleField];
  if (creatingLocale && !(titleField in checked)) checked[titleField] = '';
  const problems = contentProblems(cfg, kind, checked);

  const values = canonicalValues(cfg, kind, { ...merged, locale }, null);
  if (kind === 'article') data.reprintNotice = values.reprintNotice ?? null;
  if (kind !== 'neighbourhood') data.creditLine = values.creditLine ?? null;

  // A translation records which source text it was made from: when its locale is created from an
  // existing document, and when a translator saves text of a row that already is a translation.
  // An original written in a non-default locale (no recorded hash) stays an original.
  const isDefault = locale === cfg.defaultLocale;
  const recordsSource =
    !isDefault && drafts.length > 0 && (creatingLocale ? action !== 'clone' : !!own?.translatedFromHash && touchesTranslatedText(kind, data));
  return { data, own, merged, creatingLocale, problems, recordsSource };
}

/**
 * A translation's source record and its status, once the default locale's draft is known (`source`:
 * null when none was read). The same status rule as reconciliation and the check
 * (translations/translation.ts); updates, clones and deletes are reconciled after the write as well.
 */
export function recordTranslation(cfg: NewsroomConfig, kind: NewsroomKind, prepared: PreparedWrite, locale: string, source: Row | null): void {
  const { data } = prepared;
  const isDefault = locale === cfg.defaultLocale;
  let currentSource: string | null = null;
  if (source) {
    // The hash decides `stale`; the text beside it (private) shows a translator what changed since.
    Object.assign(data, sourceRecord(kind, source));
    currentSource = data.translatedFromHash as string;
  }
  if (prepared.creatingLocale || isDefault || currentSource) {
    data.translationStatus = translationStatus(isDefault, (data.translatedFromHash as string | null | undefined) ?? null, currentSource);
  }
}
