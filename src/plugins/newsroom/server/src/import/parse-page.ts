/**
 * A pure parser for a scraped news page (Chinese or English): the article (title, column,
 * paragraphs, image note, credits, notices, origin), the neighbourhood facts it states, the
 * related-news teasers around it, and a line-by-line account of where every line went.
 *
 * Page shape it expects (see tests/fixtures/import/):
 *   title[|column]
 *   body paragraphs, maybe an image note '(资料图片仅供参考)', maybe '来源:中新网'
 *   credits (作者: / 编辑: / 责任编辑: / By … / Editor: …), notices ('*文汇独家稿件,转载请注明出处。')
 *   关键词: then '- headline' items and '-'-separated teaser blocks (headline, summary)
 *   page chrome: 'X 关闭' followed by advertising headlines.
 *
 * Imports nothing from Strapi.
 */
import { createHash } from 'crypto';
import {
  creditLine,
  dashItem,
  hasCjk,
  imageNote,
  isAdHeadline,
  isChromeLine,
  isCloseMarker,
  isCopyrightNotice,
  isDashSeparator,
  isEndMarker,
  isExclusiveNotice,
  isProse,
  isRelatedHeading,
  isRule,
  keywordsLine,
  normaliseLine,
  outletOpening,
  SELF_OUTLETS,
  sourceLine,
} from './lines';
import { extractNeighbourhood } from './neighbourhood';
import type { Byline, DroppedLine, ImportParseErrorCode, Origin, ParsedPage, ParsePageOptions, RelatedNewsItem, ReportEntry } from './types';

export type {
  Byline,
  BylineRole,
  DroppedLine,
  ImportParseErrorCode,
  Origin,
  ParsedArticle,
  ParsedNeighbourhood,
  ParsedPage,
  ParsedPartnership,
  ParsedService,
  ParsePageOptions,
  RelatedNewsItem,
  ReportEntry,
} from './types';

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

export const DROP_REASONS = {
  closeBlock: 'page chrome: X 关闭 block',
  advert: 'advertising headline',
  separator: 'separator',
  chrome: 'page chrome',
  beforeTitle: 'page chrome: before the title',
  endMarker: 'end marker',
  copyright: 'copyright notice',
  relatedHeading: 'section heading: related news',
  duplicateTitle: 'duplicate of the title',
} as const;

// ---------------------------------------------------------------------------------------------
// Whole-file checks

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

function rejectNonText(text: string, sourceName?: string): void {
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

// ---------------------------------------------------------------------------------------------

interface Line {
  no: number;
  /** Trimmed original text, reported and stored. */
  text: string;
  /** NFKC-normalised text, matched against. */
  norm: string;
}

/** Title and the site column after '|', '｜' or ' | ' (the last short segment). */
function splitTitle(text: string): { title: string; column: string | null } {
  const parts = text.split(/\s*[|｜]\s*/);
  if (parts.length >= 2) {
    const column = parts[parts.length - 1].trim();
    const title = parts.slice(0, -1).join(' | ').trim();
    const maxLen = hasCjk(column) ? 12 : 40;
    if (title && column && [...column].length <= maxLen && !/[。！？.!?]$/.test(column)) return { title, column };
  }
  return { title: text.trim(), column: null };
}

const normaliseForHash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

export function contentHashOf(title: string, paragraphs: string[]): string {
  const canonical = [title, ...paragraphs].map(normaliseForHash).join('\n');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function detectLanguage(text: string): 'zh-Hans' | 'en' {
  const cjk = (text.match(/[\u3400-\u4dbf\u4e00-\u9fff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  // One CJK character carries about as much as a short English word.
  return cjk * 3 >= latin ? 'zh-Hans' : 'en';
}

function languageOf(locale: string | undefined, fallbackText: string): 'zh-Hans' | 'en' {
  if (locale && /^zh/i.test(locale)) return 'zh-Hans';
  if (locale && /^en/i.test(locale)) return 'en';
  return detectLanguage(fallbackText);
}

export function parsePage(text: string, options: ParsePageOptions = {}): ParsedPage {
  const { sourceName } = options;
  if (typeof text !== 'string') throw new ImportParseError('binary', 'the input is not text', sourceName);
  rejectNonText(text, sourceName);

  const lines: Line[] = text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ no: i + 1, text: raw.replace(/[\u200b-\u200d]/g, '').trim(), norm: normaliseLine(raw) }))
    .filter((l) => l.norm !== '');

  const report: ReportEntry[] = [];
  const dropped: DroppedLine[] = [];
  const put = (l: Line, field: string) => report.push({ line: l.no, text: l.text, field });
  const drop = (l: Line, reason: string) => dropped.push({ line: l.no, text: l.text, reason });

  let title = null as string | null;
  let column = null as string | null;
  let titleNorm = '';
  const paragraphs: string[] = [];
  const imageNotes: string[] = [];
  const bylines: Byline[] = [];
  let exclusive = false;
  let sourceOutlet = null as string | null;
  let keywords: string[] = [];
  const related: RelatedNewsItem[] = [];

  type State = 'pre' | 'body' | 'post' | 'related';
  let state = 'pre' as State;
  /** Inside an 'X 关闭' block: everything up to the next 'X 关闭' or the end is chrome. */
  let inCloseBlock = false;
  /** A plain headline-like line swallowed by a close block before any title was found. */
  let titleCandidate = null as Line | null;
  /** The teaser block being filled: its headline is set, its summary may follow. */
  let block = null as number | null;
  let otherContent = 0;

  const addByline = (b: Byline) => {
    if (!bylines.some((x) => x.name === b.name && x.role === b.role)) bylines.push(b);
  };
  const takeTitle = (l: Line) => {
    ({ title, column } = splitTitle(l.text));
    titleNorm = normaliseLine(title);
    put(l, 'article.title');
    state = 'body';
  };
  const leaveArticle = () => {
    if (state === 'body' || state === 'post') state = 'related';
    block = null;
  };

  for (const l of lines) {
    const s = l.norm;

    if (isCloseMarker(s)) {
      drop(l, DROP_REASONS.closeBlock);
      inCloseBlock = true;
      leaveArticle();
      continue;
    }
    if (inCloseBlock) {
      // A close block before the article ends where running text starts; its last headline was the title.
      if (state === 'pre' && !isAdHeadline(s) && isProse(s)) {
        inCloseBlock = false;
        if (titleCandidate) {
          const at = dropped.findIndex((d) => d.line === titleCandidate?.no);
          if (at >= 0) dropped.splice(at, 1);
          takeTitle(titleCandidate);
        }
      } else {
        if (isAdHeadline(s)) drop(l, DROP_REASONS.advert);
        else if (isRule(s)) drop(l, DROP_REASONS.separator);
        else {
          drop(l, DROP_REASONS.closeBlock);
          if (state === 'pre' && !dashItem(s) && !isChromeLine(s)) titleCandidate = l;
        }
        continue;
      }
    }

    if (isRule(s)) {
      drop(l, DROP_REASONS.separator);
      if (isDashSeparator(s)) leaveArticle();
      block = null;
      continue;
    }
    if (isAdHeadline(s) || (dashItem(s) !== null && isAdHeadline(dashItem(s) as string))) {
      drop(l, DROP_REASONS.advert);
      leaveArticle();
      continue;
    }
    if (isChromeLine(s)) {
      drop(l, DROP_REASONS.chrome);
      continue;
    }
    if (isEndMarker(s)) {
      drop(l, DROP_REASONS.endMarker);
      continue;
    }

    const credits = state === 'pre' ? null : creditLine(s);
    if (credits) {
      credits.forEach(addByline);
      put(l, 'article.bylines');
      // A credit line straight under the title ('记者 王文娟 李晨琰') opens the body; after paragraphs it closes it.
      if (state === 'body' && paragraphs.length > 0) state = 'post';
      otherContent++;
      continue;
    }
    if (state !== 'pre' && isExclusiveNotice(s)) {
      exclusive = true;
      put(l, 'article.exclusive');
      if (state === 'body') state = 'post';
      otherContent++;
      continue;
    }
    if (isCopyrightNotice(s)) {
      drop(l, DROP_REASONS.copyright);
      if (state === 'body') state = 'post';
      continue;
    }
    const kw = state === 'pre' ? null : keywordsLine(s);
    if (kw) {
      keywords = keywords.length ? keywords : kw;
      put(l, 'article.keywords');
      state = 'related';
      block = null;
      otherContent++;
      continue;
    }
    const source = state === 'pre' ? null : sourceLine(s);
    if (source) {
      sourceOutlet = sourceOutlet ?? source;
      put(l, 'article.origin');
      otherContent++;
      continue;
    }
    if (isRelatedHeading(s)) {
      drop(l, DROP_REASONS.relatedHeading);
      leaveArticle();
      state = state === 'pre' ? 'pre' : 'related';
      continue;
    }

    const item = dashItem(s);
    if (state === 'pre') {
      if (item !== null) drop(l, DROP_REASONS.beforeTitle);
      else takeTitle(l);
      continue;
    }
    if (item !== null) {
      leaveArticle();
      related.push({ headline: dashItem(l.text) ?? item, summary: null, outlet: null, dateline: null, reporters: [] });
      put(l, `relatedNews[${related.length - 1}].headline`);
      block = null;
      otherContent++;
      continue;
    }

    if (state === 'body') {
      const note = imageNote(l.text);
      if (note !== null) {
        imageNotes.push(note);
        put(l, 'article.imageNote');
      } else if (s === titleNorm) {
        drop(l, DROP_REASONS.duplicateTitle);
      } else {
        paragraphs.push(l.text);
        put(l, `article.paragraphs[${paragraphs.length - 1}]`);
      }
      continue;
    }

    // After the credits, or among related news: teaser blocks of a headline and a summary.
    state = 'related';
    otherContent++;
    if (block !== null) {
      const teaser = related[block];
      teaser.summary = teaser.summary === null ? l.text : `${teaser.summary} ${l.text}`;
      put(l, `relatedNews[${block}].summary`);
    } else {
      related.push({ headline: l.text, summary: null, outlet: null, dateline: null, reporters: [] });
      block = related.length - 1;
      put(l, `relatedNews[${block}].headline`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Is it an article at all?

  if (title === null) {
    throw new ImportParseError('not-article', 'no article found: the page holds only chrome, advertising or lists', sourceName);
  }
  if (paragraphs.length === 0) {
    if (otherContent === 0 && !inCloseBlock) {
      throw new ImportParseError('truncated', 'the page stops after the title: no body paragraphs', sourceName);
    }
    throw new ImportParseError('not-article', 'no body paragraphs under the title', sourceName);
  }
  if (!paragraphs.some((p) => isProse(normaliseLine(p)))) {
    throw new ImportParseError('not-article', 'no running text: the lines under the title read as headlines, not paragraphs', sourceName);
  }
  const articleTitle: string = title;

  // ------------------------------------------------------------------------------------------
  // Datelines, origin and outlet credits

  const opening = outletOpening(paragraphs[0]);
  const dateline = opening?.dateline ?? null;
  const openingOutlet = opening?.outlet && !SELF_OUTLETS.has(opening.outlet) ? opening.outlet : null;
  let origin: Origin | null = null;
  if (sourceOutlet) origin = { outlet: sourceOutlet, dateline };
  else if (openingOutlet) origin = { outlet: openingOutlet, dateline };
  if (opening && !bylines.some((b) => b.role === 'reporter')) {
    // Reporters named in the dateline brackets come first, as they do on the page.
    const fromOpening = opening.reporters.map((name): Byline => ({ name, role: 'reporter' }));
    bylines.unshift(...fromOpening.filter((b) => !bylines.some((x) => x.name === b.name)));
  }

  for (const teaser of related) {
    const credit = teaser.summary ? outletOpening(teaser.summary, true) : null;
    if (credit) {
      teaser.outlet = credit.outlet && !SELF_OUTLETS.has(credit.outlet) ? credit.outlet : null;
      teaser.dateline = credit.dateline;
      teaser.reporters = credit.reporters;
    }
  }

  const language = languageOf(options.locale, [articleTitle, ...paragraphs].join('\n'));
  const neighbourhood = extractNeighbourhood(paragraphs, language);
  const notStored = neighbourhood?.notStored ?? [];

  return {
    language,
    contentHash: contentHashOf(articleTitle, paragraphs),
    article: {
      title: articleTitle,
      column,
      paragraphs,
      imageNote: imageNotes.length ? imageNotes.join(language === 'en' ? '; ' : '；') : null,
      bylines,
      exclusive,
      origin,
      keywords,
      dateline,
    },
    neighbourhood,
    relatedNews: related,
    report,
    dropped,
    notStored,
  };
}
