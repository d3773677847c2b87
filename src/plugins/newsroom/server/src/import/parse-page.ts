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
 * Three steps: input.ts splits the file into lines (after refusing what is not a text scrape),
 * classify.ts gives each line its kind, reduce.ts folds the classified lines into what the page
 * says; this module then reads datelines, origin, language and figures from the result.
 * Vocabulary (CJK ranges, numerals, outlets, roles) is in vocabulary.ts. Imports nothing from Strapi.
 */
import { createHash } from 'crypto';
import { containerDepth, htmlToText, isHtmlDocument, MAX_CONTAINER_DEPTH } from './html';
import { ImportParseError, rejectNonText, splitLines } from './input';
import { isProse, normaliseLine, outletOpening } from './lines';
import { extractNeighbourhood } from './neighbourhood';
import { foldFullWidth, isSectionIndex, locateArticle, pageOutlet } from './page-shape';
import { DROP_REASONS, foldLines, type PageLines } from './reduce';
import type { Byline, Origin, ParsedPage, ParsePageOptions } from './types';
import { countCjk, SELF_OUTLETS } from './vocabulary';

export { ImportParseError, markupChars } from './input';
export { DROP_REASONS } from './reduce';
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

const normaliseForHash = (s: string): string => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

export function contentHashOf(title: string, paragraphs: string[]): string {
  const canonical = [title, ...paragraphs].map(normaliseForHash).join('\n');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

function detectLanguage(text: string): 'zh-Hans' | 'en' {
  const cjk = countCjk(text);
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  // One CJK character carries about as much as a short English word.
  return cjk * 3 >= latin ? 'zh-Hans' : 'en';
}

function languageOf(locale: string | undefined, fallbackText: string): 'zh-Hans' | 'en' {
  if (locale && /^zh/i.test(locale)) return 'zh-Hans';
  if (locale && /^en/i.test(locale)) return 'en';
  return detectLanguage(fallbackText);
}

/** The page's title, unless the lines are not an article: chrome only, stopped after the title, or headlines only. */
function articleTitleOf(page: PageLines, sourceName: string | undefined): string {
  if (page.title === null) {
    throw new ImportParseError('not-article', 'no article found: the page holds only chrome, advertising or lists', sourceName);
  }
  if (page.paragraphs.length === 0) {
    if (page.otherContent === 0 && !page.endedInCloseBlock) {
      throw new ImportParseError('truncated', 'the page stops after the title: no body paragraphs', sourceName);
    }
    throw new ImportParseError('not-article', 'no body paragraphs under the title', sourceName);
  }
  if (!page.paragraphs.some((p) => isProse(normaliseLine(p)))) {
    throw new ImportParseError('not-article', 'no running text: the lines under the title read as headlines, not paragraphs', sourceName);
  }
  return page.title;
}

/** Two names of one organisation: its site and its agency ('新华网' / '新华社'), a short form ('中国新闻网' / '中新网'). */
function sameOrganisation(a: string, b: string): boolean {
  if (a === b || (a.length >= 2 && b.length >= 2 && a.slice(0, 2) === b.slice(0, 2))) return true;
  const isSubsequence = (short: string, long: string) => {
    let i = 0;
    for (const c of long) if (c === short[i]) i++;
    return i === short.length;
  };
  return a.length < b.length ? isSubsequence(a, b) : isSubsequence(b, a);
}

/**
 * The dateline and origin from the body's first paragraph ('新华社上海12月27日电(记者 …)') or a
 * '来源:' line; reporters named in the dateline's brackets join the credits. Teasers get their outlet
 * and dateline from their summaries.
 */
function readCredits(page: PageLines, aroundTitle: () => string | null): { dateline: string | null; origin: Origin | null } {
  const { bylines, sourceOutlet } = page;
  const opening = outletOpening(page.paragraphs[0]);
  const dateline = opening?.dateline ?? null;
  const openingOutlet = opening?.outlet && !SELF_OUTLETS.has(opening.outlet) ? opening.outlet : null;
  let origin: Origin | null = null;
  // The story's own dateline names who wrote it; a source line may name the site's channel ('人民网-上海频道').
  const source = sourceOutlet ? sourceOutlet.split(/\s*[-－—]\s*/)[0] : null;
  if (source && !SELF_OUTLETS.has(source) && !(openingOutlet && sameOrganisation(source, openingOutlet))) origin = { outlet: source, dateline };
  else if (openingOutlet) origin = { outlet: openingOutlet, dateline };
  else if (!source && !opening?.outlet) {
    const around = aroundTitle();
    if (around && !SELF_OUTLETS.has(around)) origin = { outlet: around, dateline };
  }
  if (opening && !bylines.some((b) => b.role === 'reporter')) {
    // Reporters named in the dateline brackets come first, as they do on the page.
    const fromOpening = opening.reporters.map((name): Byline => ({ name, role: 'reporter' }));
    bylines.unshift(...fromOpening.filter((b) => !bylines.some((x) => x.name === b.name)));
  }
  for (const teaser of page.related) {
    const credit = teaser.summary ? outletOpening(teaser.summary, true) : null;
    if (credit) {
      teaser.outlet = credit.outlet && !SELF_OUTLETS.has(credit.outlet) ? credit.outlet : null;
      teaser.dateline = credit.dateline;
      teaser.reporters = credit.reporters;
    }
  }
  return { dateline, origin };
}

export function parsePage(input: string, options: ParsePageOptions = {}): ParsedPage {
  const { sourceName } = options;
  if (typeof input !== 'string') throw new ImportParseError('binary', 'the input is not text', sourceName);
  // A saved HTML page: its article found by Readability, written out as a text page for the same rules.
  const isHtml = isHtmlDocument(sourceName) && !input.includes('\u0000') && input.trim() !== '';
  if (isHtml && containerDepth(input) > MAX_CONTAINER_DEPTH) {
    throw new ImportParseError('html', `the HTML nests more than ${MAX_CONTAINER_DEPTH} elements deep: not a saved news page`, sourceName);
  }
  const html = isHtml ? htmlToText(input) : null;
  const text = html ? html.text : input;
  rejectNonText(text, sourceName);
  const lines = splitLines(foldFullWidth(text));
  // A whole saved page: the article is found inside it; what stands above its title is chrome.
  const start = locateArticle(lines);
  if (start.refused) throw new ImportParseError('not-article', `not an article: ${start.refused}`, sourceName);
  const page = foldLines(lines.slice(start.title));
  page.dropped.unshift(...lines.slice(0, start.title).map((l) => ({ line: l.no, text: l.text, reason: DROP_REASONS.beforeTitle })));
  // The account of lines quotes the file as it is; the values read from it are folded.
  const original = splitLines(text);
  const asInFile = new Map(original.map((l) => [l.no, l.text]));
  for (const entry of [...page.report, ...page.dropped]) entry.text = asInFile.get(entry.line) ?? entry.text;
  const title = articleTitleOf(page, sourceName);
  if (isSectionIndex(lines.slice(start.title))) {
    throw new ImportParseError('not-article', 'not an article: a section index (headlines and teasers, each with its own date)', sourceName);
  }
  const { paragraphs, imageNotes } = page;
  const language = languageOf(options.locale, [title, ...paragraphs].join('\n'));
  const { dateline, origin } = readCredits(page, () => (html ? html.publisher : start.title > 0 ? pageOutlet(lines, start.title, language === 'en') : null));
  const neighbourhood = extractNeighbourhood(paragraphs, language);
  return {
    language,
    contentHash: contentHashOf(title, paragraphs),
    article: {
      title,
      column: page.column,
      paragraphs,
      imageNote: imageNotes.length ? imageNotes.join(language === 'en' ? '; ' : '；') : null,
      bylines: page.bylines,
      exclusive: page.exclusive,
      origin,
      keywords: page.keywords,
      dateline,
    },
    neighbourhood,
    relatedNews: page.related,
    report: page.report,
    dropped: page.dropped,
    notStored: neighbourhood?.notStored ?? [],
  };
}
