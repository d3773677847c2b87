/**
 * XLIFF 2.1 (and 1.2) for CAT tools, pure: the units of a document, the file written from them, a safe
 * reading of a file, and the plan an import applies. The adapter (xliff.service.ts) loads rows and
 * writes through the Document Service, so an import meets the same rules as any edit.
 *
 * A unit is one segment of translated text (source-text.ts: a field, a rich-text paragraph, a component
 * entry's text, a list item). Its id is `<path>-<fingerprint of the source text it was exported with>`:
 * a CAT tool keeps ids, so the fingerprint survives a round trip through any XLIFF library, and an
 * import can tell a `<source>` edited in the file (refused) from a source changed in the newsroom since
 * the export (lands, but the translation stays stale).
 */
import { createHash } from 'crypto';
import { SaxesParser } from 'saxes';
import { NewsroomKind, KINDS, RICH_TEXT_FIELDS, TRANSLATED_FIELDS } from '../content-types/facts';
import { FieldProblem, problem } from '../enforcement/problems';
import { COMPONENT_TEXT_FIELDS, Segment, SourceSnapshot, blockText, blockWithText, fieldOfPath, translatableSegments } from './source-text';
import type { Block } from '../enforcement/blocks';
import type { TranslationStatus } from './translation';

export const XLIFF_VERSIONS = ['2.1', '1.2'] as const;
export type XliffVersion = (typeof XLIFF_VERSIONS)[number];
/** Versions an import accepts: 2.0 and 2.1 share the core namespace (2.0 is what most libraries write). */
const NAMESPACES: Record<string, string> = {
  '2.0': 'urn:oasis:names:tc:xliff:document:2.0',
  '2.1': 'urn:oasis:names:tc:xliff:document:2.0',
  '1.2': 'urn:oasis:names:tc:xliff:document:1.2',
};
/** Larger files are refused before parsing (a newsroom export is kilobytes per story). */
export const XLIFF_MAX_BYTES = 20 * 1024 * 1024;

export type UnitState = 'new' | 'stale' | 'current';

export interface XliffUnit {
  id: string;
  /** The translated field (`name` in 2.x, `resname` in 1.2): a CAT tool's context. */
  field: string;
  source: string;
  target: string | null;
  state: UnitState;
  /** false: rights texts, written by the system from configuration. */
  translate: boolean;
  note?: string;
}

export interface XliffDocument {
  kind: NewsroomKind;
  documentId: string;
  units: XliffUnit[];
}

export interface XliffBundle {
  sourceLocale: string;
  targetLocale: string;
  documents: XliffDocument[];
}

/** Rights texts per kind: never translated, the system writes them from configuration. */
export const RIGHTS_FIELDS: Record<NewsroomKind, string[]> = {
  article: ['reprintNotice', 'creditLine'],
  neighbourhood: [],
  'news-item': ['creditLine'],
};

export const fingerprint = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);
export const unitId = (path: string, sourceText: string): string => `${path}-${fingerprint(sourceText)}`;
export const fileId = (kind: NewsroomKind, documentId: string): string => `${kind}.${documentId}`;

/** `<path>-<fingerprint>` → its parts (null: not a unit id the newsroom writes). */
export function parseUnitId(id: string): { path: string; fingerprint: string } | null {
  const match = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)-([0-9a-f]{8})$/.exec(id);
  return match ? { path: match[1], fingerprint: match[2] } : null;
}

export function parseFileId(id: string): { kind: NewsroomKind; documentId: string } | null {
  const dot = id.indexOf('.');
  const kind = id.slice(0, dot) as NewsroomKind;
  const documentId = id.slice(dot + 1);
  return dot > 0 && KINDS.includes(kind) && /^[A-Za-z0-9]{1,64}$/.test(documentId) ? { kind, documentId } : null;
}

/** Why a rights text is not the translator's, per locale (the note on its unit). */
export const rightsNote = (field: string, locale: string): string =>
  `Not for translation: the ${locale} ${field === 'reprintNotice' ? 'exclusive notice' : 'credit line'} comes from the newsroom configuration ` +
  `(${field === 'reprintNotice' ? `reprintNotice.${locale}` : `creditFormat.${locale}`}); the system writes it and replaces any edit.`;

/**
 * A document's units for a target locale: one per source segment, with the translation's text at the same
 * path; each unit is `new` (nothing translated there), `stale` (the translation is stale and this text is
 * not what it was made from) or `current`; then the rights texts, not translatable.
 */
export function documentUnits(kind: NewsroomKind, source: Record<string, unknown>, target: Record<string, unknown> | null, targetLocale: string): XliffUnit[] {
  const targetText = new Map((target ? translatableSegments(kind, target) : []).map((s) => [s.path, s.text]));
  const status = (target?.translationStatus as TranslationStatus | null | undefined) ?? null;
  const snapshot = (target?.translatedFrom as SourceSnapshot | null | undefined) ?? null;
  const units: XliffUnit[] = translatableSegments(kind, source).map((segment: Segment) => {
    const translated = targetText.get(segment.path) ?? null;
    const state: UnitState = translated === null ? 'new' : status === 'stale' && snapshot?.[segment.path] !== segment.text ? 'stale' : 'current';
    return { id: unitId(segment.path, segment.text), field: segment.field, source: segment.text, target: translated, state, translate: true };
  });
  for (const field of RIGHTS_FIELDS[kind]) {
    const text = source[field];
    if (typeof text !== 'string' || text === '') continue;
    const current = typeof target?.[field] === 'string' ? (target[field] as string) : null;
    units.push({
      id: field,
      field,
      source: text,
      target: current,
      state: current ? 'current' : 'new',
      translate: false,
      note: rightsNote(field, targetLocale),
    });
  }
  return units;
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string).replace(/\r/g, '&#13;');
const space = (text: string) => (/\n|^\s|\s$|\s\s/.test(text) ? ' xml:space="preserve"' : '');

/** XLIFF 2.x segment states: what is left to do; the newsroom's own state rides along as a subState. */
const STATE_2: Record<UnitState, string> = { new: 'initial', stale: 'translated', current: 'final' };
/** XLIFF 1.2 target states. */
const STATE_12: Record<UnitState, string> = { new: 'needs-translation', stale: 'needs-review-translation', current: 'final' };

function xliff2(bundle: XliffBundle): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${NAMESPACES['2.1']}" version="2.1" srcLang="${escapeXml(bundle.sourceLocale)}" trgLang="${escapeXml(bundle.targetLocale)}">`,
  ];
  for (const doc of bundle.documents) {
    lines.push(`  <file id="${fileId(doc.kind, doc.documentId)}">`);
    for (const u of doc.units) {
      lines.push(`    <unit id="${u.id}" name="${u.field}"${u.translate ? '' : ' translate="no"'}>`);
      if (u.note) lines.push(`      <notes><note category="rights">${escapeXml(u.note)}</note></notes>`);
      lines.push(`      <segment state="${STATE_2[u.state]}" subState="newsroom:${u.state}">`);
      lines.push(`        <source${space(u.source)}>${escapeXml(u.source)}</source>`);
      if (u.target !== null) lines.push(`        <target${space(u.target)}>${escapeXml(u.target)}</target>`);
      lines.push('      </segment>', '    </unit>');
    }
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}

function xliff12(bundle: XliffBundle): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<xliff xmlns="${NAMESPACES['1.2']}" version="1.2">`];
  for (const doc of bundle.documents) {
    lines.push(
      `  <file original="${fileId(doc.kind, doc.documentId)}" source-language="${escapeXml(bundle.sourceLocale)}" target-language="${escapeXml(bundle.targetLocale)}" datatype="plaintext">`,
      '    <body>',
    );
    for (const u of doc.units) {
      lines.push(`      <trans-unit id="${u.id}" resname="${u.field}"${u.translate ? '' : ' translate="no"'}${space(u.source)}>`);
      lines.push(`        <source>${escapeXml(u.source)}</source>`);
      lines.push(`        <target state="${STATE_12[u.state]}">${escapeXml(u.target ?? '')}</target>`);
      if (u.note) lines.push(`        <note from="newsroom">${escapeXml(u.note)}</note>`);
      lines.push('      </trans-unit>');
    }
    lines.push('    </body>', '  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}

export const writeXliff = (bundle: XliffBundle, version: XliffVersion = '2.1'): string => (version === '1.2' ? xliff12(bundle) : xliff2(bundle));

// ---- reading ---------------------------------------------------------------------------------------

interface XmlElement {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: Array<XmlElement | string>;
}

export interface ReadUnit {
  id: string;
  source: string;
  target: string | null;
  translate: boolean;
}
export interface ReadFile {
  id: string;
  units: ReadUnit[];
}
export interface ReadXliff {
  version: string;
  sourceLocale: string;
  targetLocale: string;
  files: ReadFile[];
}

/** A file refused as a whole (size, encoding, DTD, not XML, not XLIFF): nothing is applied. */
export class XliffRefused extends Error {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [problem('xliff', message)],
  ) {
    super(message);
  }
}

const fileProblem = (name: string, message: string) => new XliffRefused(`${name}: ${message}`, [problem(['xliff', name], message)]);

/** Parses XML without a DTD (no entities to expand: XXE and billion laughs are refused, not resolved). */
function parseXml(text: string, name: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, fileName: name });
  const root: XmlElement = { name: '#document', uri: '', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let failure: string | null = null;
  parser.on('error', (err) => {
    failure ??= err.message;
  });
  parser.on('doctype', () => {
    failure ??= 'a DOCTYPE (DTD) is not allowed in XLIFF';
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding && decl.encoding.toUpperCase() !== 'UTF-8') failure ??= `encoding ${decl.encoding} is not accepted: XLIFF files must be UTF-8`;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attr of Object.values(tag.attributes)) attributes[attr.prefix ? `${attr.prefix}:${attr.local}` : attr.local] = attr.value;
    const el: XmlElement = { name: tag.local, uri: tag.uri, attributes, children: [] };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => stack[stack.length - 1].children.push(t));
  parser.on('cdata', (t) => stack[stack.length - 1].children.push(t));
  try {
    parser.write(text);
    if (!failure) parser.close();
  } catch (err) {
    failure ??= (err as Error).message;
  }
  if (failure) throw fileProblem(name, `not accepted as XLIFF: ${failure}`);
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw fileProblem(name, 'no root element');
  return top;
}

const elements = (el: XmlElement, name: string) => el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
const textOf = (el: XmlElement): string => el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');

/**
 * Reads an XLIFF file safely: refuses more than XLIFF_MAX_BYTES, invalid UTF-8, a DTD, malformed XML and
 * anything but XLIFF 2.0/2.1/1.2. Every refusal names the file (and the unit, when one is at fault).
 */
export function readXliff(bytes: Uint8Array, name = 'file'): ReadXliff {
  if (bytes.byteLength > XLIFF_MAX_BYTES) throw fileProblem(name, `${bytes.byteLength} bytes is over the limit of ${XLIFF_MAX_BYTES} bytes`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileProblem(name, 'not valid UTF-8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const root = parseXml(text, name);
  const version = root.attributes.version ?? '';
  if (root.name !== 'xliff') throw fileProblem(name, `the root element is <${root.name}>, not <xliff>`);
  if (!NAMESPACES[version] || NAMESPACES[version] !== root.uri) {
    throw fileProblem(name, `XLIFF version "${version}" in namespace "${root.uri}" is not accepted (2.1, 2.0 or 1.2)`);
  }
  if (version === '1.2') {
    const files = elements(root, 'file');
    const langs = files.map((f) => [f.attributes['source-language'] ?? '', f.attributes['target-language'] ?? '']);
    if (!files.length) throw fileProblem(name, 'no <file> element');
    if (langs.some(([s, t]) => s !== langs[0][0] || t !== langs[0][1])) throw fileProblem(name, 'every <file> must have the same source and target language');
    return {
      version,
      sourceLocale: langs[0][0],
      targetLocale: langs[0][1],
      files: files.map((f) => ({
        id: f.attributes.original ?? '',
        units: elements(f, 'body').flatMap((body) => unitsOf12(body)),
      })),
    };
  }
  return {
    version,
    sourceLocale: root.attributes.srcLang ?? '',
    targetLocale: root.attributes.trgLang ?? '',
    files: elements(root, 'file').map((f) => ({ id: f.attributes.id ?? '', units: unitsOf2(f) })),
  };
}

/** 2.x: units, possibly inside groups; a CAT tool may have split a unit into several segments. */
function unitsOf2(parent: XmlElement, translate = true): ReadUnit[] {
  return parent.children.flatMap((c): ReadUnit[] => {
    if (typeof c === 'string') return [];
    const own = c.attributes.translate ? c.attributes.translate !== 'no' : translate;
    if (c.name === 'group') return unitsOf2(c, own);
    if (c.name !== 'unit') return [];
    const parts = c.children.filter((s): s is XmlElement => typeof s !== 'string' && (s.name === 'segment' || s.name === 'ignorable'));
    const sources = parts.map((s) => elements(s, 'source').map(textOf).join(''));
    const targets = parts.map((s) => elements(s, 'target'));
    const hasTarget = targets.some((t) => t.length > 0);
    return [
      {
        id: c.attributes.id ?? '',
        source: sources.join(''),
        target: hasTarget ? targets.map((t, i) => (t.length ? t.map(textOf).join('') : sources[i])).join('') : null,
        translate: own,
      },
    ];
  });
}

function unitsOf12(parent: XmlElement, translate = true): ReadUnit[] {
  return parent.children.flatMap((c): ReadUnit[] => {
    if (typeof c === 'string') return [];
    const own = c.attributes.translate ? c.attributes.translate !== 'no' : translate;
    if (c.name === 'group') return unitsOf12(c, own);
    if (c.name !== 'trans-unit') return [];
    const target = elements(c, 'target')[0];
    return [{ id: c.attributes.id ?? '', source: elements(c, 'source').map(textOf).join(''), target: target ? textOf(target) : null, translate: own }];
  });
}

// ---- import plan -----------------------------------------------------------------------------------

export interface ImportPlan {
  kind: NewsroomKind;
  documentId: string;
  /** path → translated text, for the units that carry a target. */
  targets: Record<string, string>;
  /** Units whose source text changed in the newsroom since the export: the translation stays stale. */
  changedSince: string[];
  /** path → the source text those units were exported with (what the translation was made from). */
  exportedSources: Record<string, string>;
}

/**
 * Checks one `<file>` against the document's source now and returns what to write. Refused (problems
 * naming the unit): a file id that is not a newsroom document, a unit id that is not a unit of the
 * document, a `<source>` that is not the text the unit was exported with, a unit given twice.
 * Rights units (`translate="no"`) are skipped: the system writes those texts.
 */
export function planFile(
  file: ReadFile,
  documentExists: (kind: NewsroomKind, documentId: string) => Record<string, unknown> | null,
): { plan: ImportPlan | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const doc = parseFileId(file.id);
  if (!doc)
    return { plan: null, problems: [problem(['xliff', file.id || '(no id)'], 'this <file> is not a newsroom document (expected "<type>.<documentId>")')] };
  const source = documentExists(doc.kind, doc.documentId);
  if (!source) return { plan: null, problems: [problem(['xliff', file.id], `no ${doc.kind} ${doc.documentId} in the source locale`)] };
  const now = new Map(translatableSegments(doc.kind, source).map((s) => [s.path, s.text]));
  const targets: Record<string, string> = {};
  const changedSince: string[] = [];
  const exportedSources: Record<string, string> = {};
  const seen = new Set<string>();
  for (const unit of file.units) {
    const at = ['xliff', file.id, unit.id || '(no id)'];
    if (seen.has(unit.id)) {
      problems.push(problem(at, 'unit given twice'));
      continue;
    }
    seen.add(unit.id);
    if (RIGHTS_FIELDS[doc.kind].includes(unit.id)) continue;
    const parsed = parseUnitId(unit.id);
    if (!parsed || !unitPathBelongs(doc.kind, parsed.path)) {
      problems.push(problem(at, `unit ${unit.id} does not belong to ${file.id}`));
      continue;
    }
    if (fingerprint(unit.source) !== parsed.fingerprint) {
      problems.push(problem(at, `the <source> of unit ${unit.id} is not the text it was exported with (source text must not be edited)`));
      continue;
    }
    const current = now.get(parsed.path);
    if (current === undefined) {
      problems.push(problem(at, `unit ${unit.id} does not belong to ${file.id}: the source has no ${parsed.path} now`));
      continue;
    }
    if (!unit.translate || unit.target === null) continue;
    if (fingerprint(current) !== parsed.fingerprint) {
      changedSince.push(unit.id);
      exportedSources[parsed.path] = unit.source;
    }
    targets[parsed.path] = unit.target;
  }
  return { plan: problems.length ? null : { ...doc, targets, changedSince, exportedSources }, problems };
}

const unitPathBelongs = (kind: NewsroomKind, path: string): boolean => TRANSLATED_FIELDS[kind].includes(fieldOfPath(path));

/**
 * The data an import writes: each field that has a translated unit, rebuilt in the source's shape (its
 * blocks, entries and items, in order) with, per segment, the imported text, else the translation's
 * text at that place now, else the source text (not yet translated). Non-text parts (a byline's role,
 * a heading's level) follow the source.
 */
export function translationData(
  kind: NewsroomKind,
  source: Record<string, unknown>,
  current: Record<string, unknown> | null,
  targets: Record<string, string>,
): Record<string, unknown> {
  const now = new Map((current ? translatableSegments(kind, current) : []).map((s) => [s.path, s.text]));
  const text = (path: string, fallback: string) => targets[path] ?? now.get(path) ?? fallback;
  const data: Record<string, unknown> = {};
  const fields = new Set(Object.keys(targets).map(fieldOfPath));
  for (const field of fields) {
    const value = source[field];
    if (RICH_TEXT_FIELDS[kind].includes(field) && Array.isArray(value)) {
      data[field] = (value as Block[]).map((block, i) => {
        const original = blockText(block);
        return original.trim() === '' ? block : blockWithText(block, text(`${field}.${i}`, original));
      });
    } else if (COMPONENT_TEXT_FIELDS[field] && Array.isArray(value)) {
      data[field] = (value as Array<Record<string, unknown>>).map((entry, i) => {
        const { id: _id, ...rest } = entry;
        const out: Record<string, unknown> = { ...rest };
        for (const sub of COMPONENT_TEXT_FIELDS[field]) if (typeof entry[sub] === 'string') out[sub] = text(`${field}.${i}.${sub}`, entry[sub] as string);
        return out;
      });
    } else if (Array.isArray(value)) {
      data[field] = value.map((item, i) => (typeof item === 'string' ? text(`${field}.${i}`, item) : item));
    } else if (typeof value === 'string') {
      data[field] = text(field, value);
    }
  }
  return data;
}
