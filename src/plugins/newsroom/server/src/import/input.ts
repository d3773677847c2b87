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

/**
 * Non-blank characters of markup: tags, runs of '<', and the content of script/style elements.
 * One pass with precomputed positions: linear on any input (200,000 × '<a' included), where a
 * regex like /<[a-z][^>]*>/ would rescan to the end of the line from every '<'.
 */
export function markupChars(text: string): number {
  const n = text.length;
  const blank = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u3000';
  // prefix[i] = non-blank characters in text[0, i)
  const prefix = new Uint32Array(n + 1);
  for (let i = 0; i < n; i += 1) prefix[i + 1] = prefix[i] + (blank(text[i]) ? 0 : 1);
  // nextGt[i] = index of the first '>' at or after i, or -1
  const nextGt = new Int32Array(n + 1).fill(-1);
  for (let i = n - 1; i >= 0; i -= 1) nextGt[i] = text[i] === '>' ? i : nextGt[i + 1];
  const lower = text.toLowerCase();
  let count = 0;
  let i = 0;
  while (i < n) {
    if (text[i] !== '<') {
      i += 1;
      continue;
    }
    const rawEl = lower.startsWith('<script', i) ? 'script' : lower.startsWith('<style', i) ? 'style' : null;
    if (rawEl) {
      const close = lower.indexOf(`</${rawEl}`, i + 1);
      const end = close < 0 ? n : nextGt[close] < 0 ? n : nextGt[close] + 1;
      count += prefix[end] - prefix[i];
      i = end;
      continue;
    }
    if (text[i + 1] === '<') {
      let j = i;
      while (j < n && text[j] === '<') j += 1;
      count += j - i;
      i = j;
      continue;
    }
    const c = text[i + 1] ?? '';
    const opensTag = /[a-zA-Z!]/.test(c) || (c === '/' && /[a-zA-Z]/.test(text[i + 2] ?? ''));
    const gt = opensTag ? nextGt[i + 1] : -1;
    if (gt >= 0) {
      count += prefix[gt + 1] - prefix[i];
      i = gt + 1;
    } else i += 1;
  }
  return count;
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
