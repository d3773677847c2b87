/**
 * The text a translation was made from, kept per translated field and, for rich text, per paragraph:
 * what the "changed in the source" panel compares and what XLIFF units carry. A row's translated text
 * becomes a flat list of segments, each with a path:
 *   `title`                       a string or text field
 *   `body.3`                      the 4th top-level block of rich text (a list: its items, one per line)
 *   `bylines.0.name`              a text field of a component entry
 *   `keywords.2`                  an item of a JSON list of strings
 * The hash (translation.ts) stays the rule for `stale`; this snapshot only explains it.
 */
import { diffArrays, diffChars } from 'diff';
import { NewsroomKind, RICH_TEXT_FIELDS, TRANSLATED_FIELDS } from '../content-types/facts';
import { sourceHash } from './translation';
import type { Block, TextNode } from '../enforcement/blocks';
import bylineSchema from '../components/byline.json';
import serviceSchema from '../components/service.json';
import partnershipSchema from '../components/partnership.json';

export interface Segment {
  /** Where the text sits in the row (see above). */
  path: string;
  /** The translated field it belongs to. */
  field: string;
  text: string;
}

/** path → text: the source text a translation was made from (stored privately as `translatedFrom`). */
export type SourceSnapshot = Record<string, string>;

type ComponentSchema = { attributes: Record<string, { type: string }> };
/** Component fields that hold text to translate, read from the component schemas (enumerations are codes, not text). */
const textFieldsOf = (schema: ComponentSchema) =>
  Object.entries(schema.attributes)
    .filter(([, attr]) => attr.type === 'string' || attr.type === 'text')
    .map(([name]) => name);
export const COMPONENT_TEXT_FIELDS: Record<string, string[]> = {
  bylines: textFieldsOf(bylineSchema),
  services: textFieldsOf(serviceSchema),
  partnerships: textFieldsOf(partnershipSchema),
};

const nodeText = (node: Block | TextNode): string =>
  node.type === 'text' ? String((node as TextNode).text ?? '') : ((node as Block).children ?? []).map(nodeText).join('');

/** A top-level block's text: a list's items one per line, anything else its text run together. */
export function blockText(block: Block): string {
  if (block.type === 'list') return (block.children ?? []).map(nodeText).join('\n');
  return nodeText(block);
}

/** A block of the same kind (paragraph, heading level, list format) holding `text` (a list: one item per line). */
export function blockWithText(like: Block, text: string): Block {
  const { children: _children, ...shape } = like;
  if (like.type === 'list') {
    const items = text.split('\n').filter((line) => line.trim() !== '');
    return { ...shape, children: items.map((item) => ({ type: 'list-item', children: [{ type: 'text', text: item }] })) };
  }
  return { ...shape, children: [{ type: 'text', text }] };
}

function fieldSegments(kind: NewsroomKind, field: string, value: unknown): Segment[] {
  if (value === null || value === undefined) return [];
  if (RICH_TEXT_FIELDS[kind].includes(field)) {
    if (!Array.isArray(value)) return [];
    return (value as Block[]).flatMap((block, i) => {
      const text = blockText(block);
      return text.trim() === '' ? [] : [{ path: `${field}.${i}`, field, text }];
    });
  }
  const componentFields = COMPONENT_TEXT_FIELDS[field];
  if (componentFields) {
    if (!Array.isArray(value)) return [];
    return (value as Array<Record<string, unknown>>).flatMap((entry, i) =>
      componentFields.flatMap((sub) => {
        const text = entry?.[sub];
        return typeof text === 'string' && text.trim() !== '' ? [{ path: `${field}.${i}.${sub}`, field, text }] : [];
      }),
    );
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => (typeof item === 'string' && item.trim() !== '' ? [{ path: `${field}.${i}`, field, text: item }] : []));
  }
  return typeof value === 'string' && value.trim() !== '' ? [{ path: field, field, text: value }] : [];
}

/** Every segment of a row's translated fields, in field order. */
export function translatableSegments(kind: NewsroomKind, row: Record<string, unknown>): Segment[] {
  return TRANSLATED_FIELDS[kind].flatMap((field) => fieldSegments(kind, field, row[field]));
}

export const snapshotOf = (kind: NewsroomKind, row: Record<string, unknown>): SourceSnapshot =>
  Object.fromEntries(translatableSegments(kind, row).map((s) => [s.path, s.text]));

/** The translated field a snapshot path belongs to. */
export const fieldOfPath = (path: string): string => path.split('.')[0];

/**
 * What a translation records about its source when it is made or saved: the hash (the rule for `stale`)
 * and the text itself (what the diff panel shows). One rule for the write path (rules.service.ts) and the
 * importer's bulk path (import/bulk-rows.ts): a row with no source to be a translation of records nothing.
 */
export function sourceRecord(kind: NewsroomKind, source: Record<string, unknown> | null): { translatedFromHash?: string; translatedFrom?: SourceSnapshot } {
  if (!source) return {};
  return { translatedFromHash: sourceHash(kind, source), translatedFrom: snapshotOf(kind, source) };
}

export interface CharPart {
  text: string;
  added?: boolean;
  removed?: boolean;
}
export interface ParagraphChange {
  status: 'added' | 'removed' | 'changed';
  /** The source paragraph the translation was made from (removed, changed). */
  before?: string;
  /** The source paragraph now (added, changed). */
  after?: string;
  /** Changed: the character-level difference (Chinese has no spaces to diff words by). */
  parts?: CharPart[];
}
export interface FieldChanges {
  field: string;
  changes: ParagraphChange[];
}

const charParts = (before: string, after: string): CharPart[] =>
  diffChars(before, after).map((c) => ({ text: c.value, ...(c.added ? { added: true } : {}), ...(c.removed ? { removed: true } : {}) }));

/**
 * Per field, the paragraphs added, removed and changed between the snapshot a translation was made from
 * and the source now. Paragraphs are matched in order (jsdiff's array diff); a removed run followed by an
 * added run pairs up as changed paragraphs, with character-level parts.
 */
export function sourceChanges(kind: NewsroomKind, before: SourceSnapshot | null | undefined, now: SourceSnapshot): FieldChanges[] {
  const out: FieldChanges[] = [];
  for (const field of TRANSLATED_FIELDS[kind]) {
    const texts = (snapshot: SourceSnapshot) =>
      Object.keys(snapshot)
        .filter((p) => fieldOfPath(p) === field)
        .map((p) => snapshot[p]);
    const old = texts(before ?? {});
    const current = texts(now);
    const changes: ParagraphChange[] = [];
    const runs = diffArrays(old, current);
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      if (!run.added && !run.removed) continue;
      const next = runs[i + 1];
      if (run.removed && next?.added) {
        const pairs = Math.min(run.value.length, next.value.length);
        for (let k = 0; k < pairs; k++)
          changes.push({ status: 'changed', before: run.value[k], after: next.value[k], parts: charParts(run.value[k], next.value[k]) });
        for (const text of run.value.slice(pairs)) changes.push({ status: 'removed', before: text });
        for (const text of next.value.slice(pairs)) changes.push({ status: 'added', after: text });
        i += 1;
      } else if (run.removed) {
        for (const text of run.value) changes.push({ status: 'removed', before: text });
      } else {
        for (const text of run.value) changes.push({ status: 'added', after: text });
      }
    }
    if (changes.length) out.push({ field, changes });
  }
  return out;
}
