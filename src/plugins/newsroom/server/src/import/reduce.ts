/**
 * The reducer: folds classified lines (classify.ts) into what the page says — title, paragraphs,
 * image notes, credits, notices, keywords, teasers — and an account of where every line went.
 * Where a line goes depends on the section the page is in: before the title, in the body, after
 * the body (credits and notices), among related news; and on whether an 'X 关闭' advertising
 * block is open. Imports nothing from Strapi.
 */
import { classifyLine, isRunningText, type LineKind } from './classify';
import type { Line } from './input';
import { hasCjk, isProse, normaliseLine, outletOpening } from './lines';

/** A personal name on its own line, in Latin script: 'Zhu Yuqing', 'Gu Xiaoyun'. */
const BARE_NAME = /^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$/;
import type { Byline, DroppedLine, RelatedNewsItem, ReportEntry } from './types';

export const DROP_REASONS = {
  closeBlock: 'page chrome: X 关闭 block',
  advert: 'advertising headline',
  separator: 'separator',
  chrome: 'page chrome',
  beforeTitle: 'page chrome: before the title',
  endMarker: 'end marker',
  copyright: 'copyright notice',
  relatedHeading: 'section heading: related news',
  trending: 'page chrome: trending list',
  duplicateTitle: 'duplicate of the title',
} as const;

/** What the lines of a page say, before datelines, language and figures are read from it. */
export interface PageLines {
  title: string | null;
  column: string | null;
  paragraphs: string[];
  imageNotes: string[];
  bylines: Byline[];
  exclusive: boolean;
  /** The outlet of a '来源:' / 'Source:' line. */
  sourceOutlet: string | null;
  keywords: string[];
  related: RelatedNewsItem[];
  report: ReportEntry[];
  dropped: DroppedLine[];
  /** Lines that belong to an article other than its title and paragraphs: credits, notices, keywords, teasers. */
  otherContent: number;
  /** The page ended inside an 'X 关闭' block. */
  endedInCloseBlock: boolean;
}

type Section = 'pre' | 'body' | 'post' | 'related';

/** Where the fold is: the section, an open close block, and the teaser being filled. */
interface Cursor {
  section: Section;
  inCloseBlock: boolean;
  /** Among related news under a heading ('相关新闻', 'Related'), not '-'-separated teaser blocks. */
  underHeading: boolean;
  /** The open block is a trending list: a related-reading heading ends it. */
  trending: boolean;
  /** A plain headline-like line swallowed by a close block before any title was found. */
  titleCandidate: Line | null;
  /** The teaser block being filled: its headline is set, its summary may follow. */
  teaser: number | null;
  titleNorm: string;
}

interface Fold {
  page: PageLines;
  at: Cursor;
}

/**
 * `text.split(/\s*[|｜]\s*\/)` in linear time: that regex retries its leading `\s*` from every blank
 * of a long run of blanks with no bar after it, quadratic on a line padded with 200,000 spaces.
 */
const splitOnBars = (text: string): string[] => {
  const parts = text.split(/[|｜]/);
  return parts.map((p, i) => {
    const start = i > 0 ? p.trimStart() : p;
    return i < parts.length - 1 ? start.trimEnd() : start;
  });
};

/** Title and the site column after '|', '｜' or ' | ' (the last short segment). */
export function splitTitle(text: string): { title: string; column: string | null } {
  const parts = splitOnBars(text);
  if (parts.length >= 2) {
    const column = parts[parts.length - 1].trim();
    const title = parts.slice(0, -1).join(' | ').trim();
    const maxLen = hasCjk(column) ? 12 : 40;
    if (title && column && [...column].length <= maxLen && !/[。！？.!?]$/.test(column)) return { title, column };
  }
  return { title: text.trim(), column: null };
}

// ---------------------------------------------------------------------------------------------
// Effects on the fold

function put({ page }: Fold, l: Line, field: string): void {
  page.report.push({ line: l.no, text: l.text, field });
}
function drop({ page }: Fold, l: Line, reason: string): void {
  page.dropped.push({ line: l.no, text: l.text, reason });
}

function takeTitle(f: Fold, l: Line): void {
  const { title, column } = splitTitle(l.text);
  f.page.title = title;
  f.page.column = column;
  f.at.titleNorm = normaliseLine(title);
  put(f, l, 'article.title');
  f.at.section = 'body';
}

/** Advertising, a teaser separator or a headline list: the article is over. */
function leaveArticle(at: Cursor): void {
  if (at.section === 'body' || at.section === 'post') at.section = 'related';
  at.teaser = null;
}

/** Credits and notices close the body once it has paragraphs. */
function closeBody(f: Fold, needsParagraphs: boolean): void {
  if (f.at.section === 'body' && (!needsParagraphs || f.page.paragraphs.length > 0)) f.at.section = 'post';
}

function addTeaser(f: Fold, l: Line, headline: string): number {
  f.page.related.push({ headline, summary: null, outlet: null, dateline: null, reporters: [] });
  const index = f.page.related.length - 1;
  put(f, l, `relatedNews[${index}].headline`);
  return index;
}

function addBylines({ page }: Fold, bylines: Byline[]): void {
  for (const b of bylines) if (!page.bylines.some((x) => x.name === b.name && x.role === b.role)) page.bylines.push(b);
}

/** A plain text line: the title, a body line, or a teaser's headline or summary. */
function text(f: Fold, l: Line, imageNote: string | null, captionCredits: Byline[]): void {
  const { page, at } = f;
  if (at.section === 'pre') return takeTitle(f, l);
  if (at.section === 'body') {
    if (page.paragraphs.length <= 1 && imageNote === null && BARE_NAME.test(l.norm)) {
      // 'Zhu Yuqing' alone between an English headline (and its standfirst) and its story: the byline without 'By'.
      addBylines(f, [{ name: l.norm, role: 'reporter' }]);
      put(f, l, 'article.bylines');
      page.otherContent++;
      return;
    }
    if (imageNote !== null) {
      page.imageNotes.push(imageNote);
      addBylines(f, captionCredits);
      put(f, l, 'article.imageNote');
    } else if (l.norm === at.titleNorm) drop(f, l, DROP_REASONS.duplicateTitle);
    else {
      page.paragraphs.push(l.text);
      put(f, l, `article.paragraphs[${page.paragraphs.length - 1}]`);
    }
    return;
  }
  // After the credits, or among related news: teaser blocks of a headline and a summary.
  at.section = 'related';
  page.otherContent++;
  // Under a related-reading heading, a headline-shaped line after a headline is the next headline, not its summary.
  if (imageNote !== null && page.related.length === 0) {
    // A caption or header-image note under the credits belongs to the article.
    page.imageNotes.push(imageNote);
    put(f, l, 'article.imageNote');
    return;
  }
  if (at.teaser === null || (at.underHeading && !isProse(l.norm) && !outletOpening(l.norm) && page.related[at.teaser].summary === null)) {
    at.teaser = addTeaser(f, l, l.text);
    return;
  }
  const teaser = page.related[at.teaser];
  teaser.summary = teaser.summary === null ? l.text : `${teaser.summary} ${l.text}`;
  put(f, l, `relatedNews[${at.teaser}].summary`);
}

/** What each kind of line does to the fold (outside a close block). */
function apply(f: Fold, l: Line, k: LineKind): void {
  const { page, at } = f;
  switch (k.kind) {
    case 'close-marker':
      drop(f, l, DROP_REASONS.closeBlock);
      at.inCloseBlock = true;
      at.trending = false;
      return leaveArticle(at);
    case 'trending-heading':
      drop(f, l, DROP_REASONS.trending);
      // A comment count above the story ('评论(56)') is a widget; after it, comments and hot lists are chrome.
      if (page.paragraphs.length === 0) return;
      at.inCloseBlock = true;
      at.trending = true;
      return leaveArticle(at);
    case 'rule':
      drop(f, l, DROP_REASONS.separator);
      if (k.dashes) leaveArticle(at);
      if (k.dashes) at.underHeading = false;
      at.teaser = null;
      return;
    case 'advert':
      drop(f, l, DROP_REASONS.advert);
      return leaveArticle(at);
    case 'chrome':
      return drop(f, l, DROP_REASONS.chrome);
    case 'end-marker':
      return drop(f, l, DROP_REASONS.endMarker);
    case 'credits':
      addBylines(f, k.bylines);
      put(f, l, 'article.bylines');
      // A credit line straight under the title ('记者 王文娟 李晨琰') opens the body; after paragraphs it closes it.
      closeBody(f, true);
      page.otherContent++;
      return;
    case 'exclusive-notice':
      page.exclusive = true;
      put(f, l, 'article.exclusive');
      closeBody(f, false);
      page.otherContent++;
      return;
    case 'copyright-notice':
      drop(f, l, DROP_REASONS.copyright);
      return closeBody(f, false);
    case 'keywords':
      page.keywords = page.keywords.length ? page.keywords : k.keywords;
      put(f, l, 'article.keywords');
      at.section = 'related';
      at.teaser = null;
      page.otherContent++;
      return;
    case 'source':
      page.sourceOutlet = page.sourceOutlet ?? k.outlet;
      put(f, l, 'article.origin');
      page.otherContent++;
      return;
    case 'related-heading':
      drop(f, l, DROP_REASONS.relatedHeading);
      leaveArticle(at);
      at.underHeading = true;
      if (at.section !== 'pre') at.section = 'related';
      return;
    case 'list-item':
      if (at.section === 'pre') return drop(f, l, DROP_REASONS.beforeTitle);
      leaveArticle(at);
      addTeaser(f, l, k.headline);
      at.teaser = null;
      page.otherContent++;
      return;
    case 'text':
      return text(f, l, k.imageNote, k.captionCredits);
  }
}

/**
 * Inside an 'X 关闭' block every line is chrome, except that before any title, running text
 * ends the block: its last headline-like line was the title. Returns true when the line is used up.
 */
function insideCloseBlock(f: Fold, l: Line, k: LineKind): boolean {
  const { page, at } = f;
  const bareAdvert = k.kind === 'advert' && !k.listItem;
  if (at.trending && (k.kind === 'related-heading' || k.kind === 'trending-heading')) {
    at.inCloseBlock = false;
    return false;
  }
  if (at.trending) {
    drop(f, l, DROP_REASONS.trending);
    return true;
  }
  if (at.section === 'pre' && !bareAdvert && isRunningText(l)) {
    at.inCloseBlock = false;
    const candidate = at.titleCandidate;
    if (candidate) {
      const i = page.dropped.findIndex((d) => d.line === candidate.no);
      if (i >= 0) page.dropped.splice(i, 1);
      takeTitle(f, candidate);
    }
    return false;
  }
  if (bareAdvert) drop(f, l, DROP_REASONS.advert);
  else if (k.kind === 'rule') drop(f, l, DROP_REASONS.separator);
  else {
    drop(f, l, DROP_REASONS.closeBlock);
    if (at.section === 'pre' && k.kind !== 'list-item' && k.kind !== 'advert' && k.kind !== 'chrome') at.titleCandidate = l;
  }
  return true;
}

function step(f: Fold, l: Line): Fold {
  const phase = () => (f.at.section === 'pre' ? 'before-title' : 'in-page');
  let k = classifyLine(l, phase());
  if (f.at.inCloseBlock && k.kind !== 'close-marker') {
    if (insideCloseBlock(f, l, k)) return f;
    k = classifyLine(l, phase()); // the block may have given the page its title
  }
  apply(f, l, k);
  return f;
}

/** Folds the page's lines, in order, into what they say. */
export function foldLines(lines: Line[]): PageLines {
  const start: Fold = {
    page: {
      title: null,
      column: null,
      paragraphs: [],
      imageNotes: [],
      bylines: [],
      exclusive: false,
      sourceOutlet: null,
      keywords: [],
      related: [],
      report: [],
      dropped: [],
      otherContent: 0,
      endedInCloseBlock: false,
    },
    at: { section: 'pre', inCloseBlock: false, trending: false, underHeading: false, titleCandidate: null, teaser: null, titleNorm: '' },
  };
  const { page, at } = lines.reduce(step, start);
  return { ...page, endedInCloseBlock: at.inCloseBlock };
}
