/**
 * What the page parser accepts: whole-file checks (empty, binary, HTML markup) and the split into
 * numbered lines. Imports nothing from Strapi.
 */
import { normaliseLine } from './lines';
import type { ImportParseErrorCode } from './types';

export class ImportParseError extends Error {
  readonly code: ImportParseErrorCode;
  readonly sourceName: string | null;

  constructor(code: ImportParseErrorCode, message: string, sourceName?: string) {
    super(sourceName ? `${sourceName}: ${message}` : message);
    this.name = 'ImportParseError';
    this.code = code;
    this.sourceName = sourceName ?? null;
    Object.setPrototypeOf(this, ImportParseError.prototype);
  }
}

/** Blank for the markup count: space, tab, line breaks, form feed, vertical tab, ideographic space. */
const isBlankCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0x3000;

/** 'a'–'z' or 'A'–'Z'. */
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Non-blank characters of markup: tags, runs of '<', and the content of script/style elements.
 * Linear on any input (200,000 × '<a' included), where a regex like /<[a-z][^>]*>/ would rescan to
 * the end of the line from every '<'. Text between tags is skipped with indexOf, never read a
 * character at a time: a per-character `text[i]` loop over a long CJK line (one string allocated per
 * character) ran for minutes once the loop had been optimised by an earlier, ordinary page.
 */
export function markupChars(text: string): number {
  const n = text.length;
  // prefix[i] = non-blank characters in text[0, i)
  const prefix = new Uint32Array(n + 1);
  for (let i = 0; i < n; i += 1) prefix[i + 1] = prefix[i] + (isBlankCode(text.charCodeAt(i)) ? 0 : 1);
  // The first '>' at or after a position: positions only grow, so one forward search serves many tags.
  let gtAt = text.indexOf('>');
  const nextGt = (from: number): number => {
    if (gtAt >= 0 && gtAt < from) gtAt = text.indexOf('>', from);
    return gtAt;
  };
  const opensAt = (at: number, name: string): boolean => text.slice(at, at + name.length).toLowerCase() === name;
  let count = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    const rawEl = opensAt(i, '<script') ? 'script' : opensAt(i, '<style') ? 'style' : null;
    let end = i + 1;
    if (rawEl) {
      const close = indexOfIgnoringCase(text, `</${rawEl}`, i + 1);
      const gt = close < 0 ? -1 : nextGt(close);
      end = gt < 0 ? n : gt + 1;
      count += prefix[end] - prefix[i];
    } else if (text.charCodeAt(i + 1) === 60) {
      end = i + 1;
      while (end < n && text.charCodeAt(end) === 60) end += 1;
      count += end - i;
    } else {
      const c = text.charCodeAt(i + 1);
      const opensTag = isAsciiLetter(c) || c === 33 || (c === 47 && isAsciiLetter(text.charCodeAt(i + 2)));
      const gt = opensTag ? nextGt(i + 1) : -1;
      if (gt >= 0) {
        count += prefix[gt + 1] - prefix[i];
        end = gt + 1;
      }
    }
    i = end < n ? text.indexOf('<', end) : -1;
  }
  return count;
}

/** indexOf for an ASCII needle, ignoring case, without lower-casing the whole text (which may change its length). */
function indexOfIgnoringCase(text: string, needle: string, from: number): number {
  const re = new RegExp(needle, 'gi');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}

/** Refuses what is not a text scrape: empty, binary (NUL bytes, mostly unprintable), HTML markup. */
export function rejectNonText(text: string, sourceName?: string): void {
  const visible = text.replace(/^\ufeff/, '').replace(/[\u200b-\u200d]/g, '');
  if (visible.trim() === '') throw new ImportParseError('empty', 'the file is empty', sourceName);
  if (visible.includes('\u0000')) throw new ImportParseError('binary', 'the file is binary (NUL bytes)', sourceName);
  const chars = [...visible];
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const unprintable = chars.filter((c) => /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/.test(c)).length;
  if (unprintable / chars.length > 0.1) {
    throw new ImportParseError('binary', 'the file is binary (mostly non-printable characters)', sourceName);
  }
  const nonBlank = visible.replace(/\s+/g, '').length;
  const tagChars = markupChars(visible);
  if (tagChars / nonBlank > 0.4 || (/^\s*<(!doctype|html)\b/i.test(visible) && tagChars / nonBlank > 0.15)) {
    throw new ImportParseError('html', 'the file is HTML markup, not a text scrape', sourceName);
  }
}

/** One non-blank line of the page. */
export interface Line {
  /** 1-based line number in the file. */
  no: number;
  /** Trimmed original text, reported and stored. */
  text: string;
  /** NFKC-normalised text, matched against. */
  norm: string;
}

/** The page's non-blank lines, numbered as in the file. */
export function splitLines(text: string): Line[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: i + 1, text: raw.replace(/[\u200b-\u200d]/g, '').trim(), norm: normaliseLine(raw) }))
    .filter((l) => l.norm !== '');
}
