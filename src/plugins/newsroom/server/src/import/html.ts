/**
 * Saved HTML pages: the article found by Mozilla's Readability (on a linkedom DOM: no network, no
 * scripts run), its metadata from the head (og:title / <h1> / <title> minus the site suffix,
 * authors, article:published_time or JSON-LD), credit and notice lines wherever the template puts
 * them, and the related-reading lists (often outside the article body) — written out as a text page
 * in the house shape, so the same text rules read it. Imports nothing from Strapi.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { classifyLine } from './classify';
import { normaliseLine } from './lines';

/** Whether a file is a saved HTML page: by its name (`.html`, `.htm`). Markup in a text file is refused as such. */
export const isHtmlDocument = (sourceName?: string): boolean => /\.html?$/i.test(sourceName ?? '');

/** A related-reading block's heading: what the page offers as further reading on this story (never trending or hot lists). */
export const isRelatedReadingHeading = (s: string): boolean =>
  /^(相关阅读|相关新闻|相关报道|相关文章|延伸阅读|related(?: news| stories| articles| reading| coverage)?)\s*[:：]?$/i.test(s.trim());

// Blocks that are never the article: where page scripts, navigation, comments and lists of other stories live.
const CHROME_SELECTOR = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  '[class*="comment"]',
  '[id*="comment"]',
  '[class*="share"]',
  '[class*="breadcrumb"]',
  '[class*="hot"]',
  '[class*="rank"]',
  '[class*="trending"]',
  '[class*="recommend"]',
  '[class*="ad-"]',
  '[class~="ad"]',
].join(',');

const BLOCKS = 'p,h1,h2,h3,h4,h5,h6,li,blockquote,figcaption,pre,dd,dt,td';

interface DomElement {
  tagName: string;
  textContent: string | null;
  parentElement: DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  querySelector(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
  remove(): void;
  children: ArrayLike<DomElement>;
}

const text = (el: DomElement | null): string => normaliseLine(el?.textContent ?? '');
const meta = (doc: DomElement, selector: string): string | null => {
  const value = doc.querySelector(selector)?.getAttribute('content');
  return value && value.trim() ? normaliseLine(value) : null;
};

/** '<title>' minus the site's name after a separator ('标题 - 文汇网', 'Title | SHINE News', '标题_新民晚报'). */
export function withoutSiteSuffix(title: string, siteNames: string[]): string {
  const t = title.trim();
  for (const name of siteNames.filter(Boolean)) {
    const i = t.lastIndexOf(name);
    const before = t.slice(0, i).trimEnd();
    if (i > 0 && i + name.length >= t.length - 1 && /[-_|–—·:]$/.test(before)) return before.slice(0, -1).trimEnd();
  }
  return t.replace(/\s*[-_|–—·]\s*[^-_|–—·]{1,30}$/u, (suffix) => (t.length - suffix.length >= 6 ? '' : suffix)).trim();
}

interface JsonLd {
  headline?: string;
  publisher?: unknown;
  datePublished?: string;
  author?: unknown;
}

function jsonLdOf(doc: DomElement): JsonLd[] {
  const out: JsonLd[] = [];
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const value = JSON.parse(script.textContent ?? '');
      const list = Array.isArray(value) ? value : Array.isArray(value?.['@graph']) ? value['@graph'] : [value];
      for (const v of list) if (v && typeof v === 'object' && /Article|Posting/i.test(String(v['@type'] ?? ''))) out.push(v as JsonLd);
    } catch {
      // A broken JSON-LD block is ignored, as a browser ignores it.
    }
  }
  return out;
}

/** A name that is an organisation (the site, a paper, an agency), not a person. */
const isOrganisation = (name: string): boolean =>
  /(网|报|社|台|频道|客户端|新闻|news|daily|times|xinhua|agency|reuters|\.com|staff|editor)$/i.test(name.trim()) ||
  /^(xinhua|reuters|ap|afp|cgtn)$/i.test(name.trim());

/** People named as authors (JSON-LD Person or a plain name); organisations are left out. */
const namesOf = (author: unknown): string[] =>
  (Array.isArray(author) ? author : author ? [author] : [])
    .map((a) => {
      if (typeof a === 'string') return a;
      if (!a || typeof a !== 'object') return '';
      const { name, '@type': type } = a as { name?: unknown; '@type'?: unknown };
      return typeof name === 'string' && !/Organization/i.test(String(type ?? '')) ? name : '';
    })
    .map((n) => normaliseLine(n).replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, ''))
    .filter((n) => n && !isOrganisation(n));

export interface HtmlArticle {
  /** The page as text in the house shape, for the text rules. */
  text: string;
  title: string | null;
  authors: string[];
  publishedTime: string | null;
  /** Who published the page: JSON-LD publisher, else a Latin og:site_name ('Sixth Tone'). */
  publisher: string | null;
}

/** The lines of one block of markup, a line per block element (or the element's own text when it has none). */
function blockLines(root: DomElement): string[] {
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  const lines = (blocks.length ? blocks : [root]).map(text).filter(Boolean);
  return lines;
}

/** Related-reading lists: each item's headline, and its teaser when the item has one. */
function relatedBlocks(doc: DomElement): Array<{ headline: string; summary: string | null }> {
  const items: Array<{ headline: string; summary: string | null }> = [];
  const seen = new Set<DomElement>();
  for (const heading of doc.querySelectorAll('h1,h2,h3,h4,h5,h6,strong,b,span,div,p,dt')) {
    if (heading.querySelector('li,a') || !isRelatedReadingHeading(text(heading))) continue;
    let box = heading.parentElement;
    while (box && !box.querySelector('li,a')) box = box.parentElement;
    if (!box || seen.has(box)) continue;
    seen.add(box);
    const entries = [...box.querySelectorAll('li')];
    for (const entry of entries.length ? entries : [...box.querySelectorAll('a')]) {
      const link = entry.tagName === 'A' ? entry : (entry.querySelector('a,h3,h4,strong') ?? entry);
      const headline = text(link);
      if (!headline || isRelatedReadingHeading(headline)) continue;
      const rest = entry === link ? '' : normaliseLine((entry.textContent ?? '').replace(link.textContent ?? '', ''));
      items.push({ headline, summary: rest.length >= 12 ? rest : null });
    }
    box.remove();
  }
  return items;
}

/** Credit, notice and source lines anywhere on the page (templates put them above, below or beside the body). */
function creditLines(doc: DomElement): string[] {
  const out: string[] = [];
  for (const el of doc.querySelectorAll(`${BLOCKS},span,div,em,small,address`)) {
    if (el.querySelector(`${BLOCKS},div,span`)) continue;
    const line = text(el).replace(/(?<=^|[^\p{Script=Han}])(\p{Script=Han})\s{1,2}(\p{Script=Han})(?=$|[^\p{Script=Han}])/gu, '$1$2');
    if (!line || line.length > 120) continue;
    const kind = classifyLine({ no: 0, text: line, norm: line }, 'in-page').kind;
    if ((kind === 'credits' || kind === 'exclusive-notice' || kind === 'source') && !out.includes(line)) out.push(line);
  }
  return out;
}

/** Containers a browser never closes implicitly: their nesting is the page's real depth. */
const CONTAINER = /^(?:div|section|article|span|main|aside|header|footer|nav|blockquote|ul|ol|table)$/i;

/**
 * The deepest nesting of container elements, in one linear pass (indexOf only, no regex that could
 * rescan from every '<'). Saved news pages nest a few dozen deep; thousands of levels make the DOM
 * and Readability run for minutes.
 */
export function containerDepth(html: string): number {
  let depth = 0;
  let max = 0;
  let i = html.indexOf('<');
  while (i >= 0) {
    const closing = html.charCodeAt(i + 1) === 47;
    const from = closing ? i + 2 : i + 1;
    let j = from;
    while (j < html.length && j - from < 16 && /[a-zA-Z0-9]/.test(html[j])) j += 1;
    if (j > from && CONTAINER.test(html.slice(from, j))) {
      depth = closing ? Math.max(0, depth - 1) : depth + 1;
      if (depth > max) max = depth;
    }
    i = html.indexOf('<', i + 1);
  }
  return max;
}

/**
 * Deeper than this, the HTML is refused before it is parsed. Saved news pages nest a few dozen deep
 * (the corpus at most about 8); sloppy archives leave spans and divs open, so the bound is generous.
 */
export const MAX_CONTAINER_DEPTH = 128;

/** The article of a saved HTML page, as a text page for the text rules. */
export function htmlToText(html: string): HtmlArticle {
  const { document } = parseHTML(html) as unknown as { document: DomElement & { title?: string } };
  const doc = document;
  const ld = jsonLdOf(doc);
  const siteNames = [meta(doc, 'meta[property="og:site_name"]'), meta(doc, 'meta[name="application-name"]')].filter((s): s is string => Boolean(s));
  const h1 = text(doc.querySelector('article h1') ?? doc.querySelector('h1'));
  const title =
    meta(doc, 'meta[property="og:title"]') ??
    (h1 || null) ??
    (ld[0]?.headline ? normaliseLine(ld[0].headline) : null) ??
    (withoutSiteSuffix(text(doc.querySelector('title')), siteNames) || null);
  const metaAuthors = [meta(doc, 'meta[name="author"]'), meta(doc, 'meta[property="article:author"]')].filter(
    (s): s is string => Boolean(s) && !/^https?:/.test(s as string),
  );
  const authors = [...new Set([...ld.flatMap((l) => namesOf(l.author)), ...namesOf(metaAuthors)])];
  const publishedTime = meta(doc, 'meta[property="article:published_time"]') ?? ld.find((l) => l.datePublished)?.datePublished ?? null;
  const ldPublisher = ld
    .map((l) => (l.publisher && typeof l.publisher === 'object' ? (l.publisher as { name?: unknown }).name : null))
    .find((n): n is string => typeof n === 'string' && n.trim() !== '');
  // An author that is an organisation ('article:author' = '解放日报') names who published the story.
  const organisationAuthor = metaAuthors.map((a) => normaliseLine(a)).find((a) => isOrganisation(a)) ?? null;
  const publisher = ldPublisher
    ? normaliseLine(ldPublisher)
    : (organisationAuthor ?? siteNames.find((n) => /^[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){1,2}$/.test(n)) ?? null);

  for (const el of [...doc.querySelectorAll('script,style,noscript,template,iframe')]) el.remove();
  // Captions in brackets, as text pages write image notes (their photographer credit is read there).
  const captions: string[] = [];
  for (const el of doc.querySelectorAll('figcaption,[class*="caption"],[class*="img-note"],[class*="pic-note"],[class*="photo-note"],[class*="imgnote"]')) {
    const caption = text(el);
    if (caption && !/^[(（[【]/.test(caption)) (el as unknown as { textContent: string }).textContent = `(${caption})`;
    if (caption) captions.push(text(el));
  }
  const related = relatedBlocks(doc);
  for (const el of [...doc.querySelectorAll(CHROME_SELECTOR)]) el.remove();
  const credits = creditLines(doc);

  // Readability changes the document it reads: it gets its own copy of what is left.
  const { document: copy } = parseHTML(
    `<!doctype html><html><head><title>${escapeText(title ?? '')}</title></head><body>${(doc.querySelector('body') as unknown as { innerHTML: string } | null)?.innerHTML ?? ''}</body></html>`,
  );
  const article = new Readability(copy as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  const body = article?.content ? blockLines(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document as unknown as DomElement) : [];
  const paragraphs = body.filter((l) => l !== title && !credits.includes(l));
  // Captions Readability left out with their figures still credit the photographer.
  const lines = [title ?? '', ...paragraphs, ...captions.filter((c) => !paragraphs.includes(c))];
  const hasReporter = credits.some((c) => {
    const k = classifyLine({ no: 0, text: c, norm: c }, 'in-page');
    return k.kind === 'credits' && k.bylines.some((b) => b.role === 'reporter');
  });
  const captionReporter = paragraphs.some((p) => /记者/.test(p) && p.length < 60);
  if (authors.length && !hasReporter && !captionReporter)
    lines.push(/\p{Script=Han}/u.test(authors.join('')) ? `作者:${authors.join(' ')}` : `By ${authors.join(' and ')}`);
  lines.push(...credits);
  if (related.length) {
    lines.push('相关阅读');
    for (const r of related) lines.push(r.summary ? `-\n${r.headline}\n${r.summary}` : `- ${r.headline}`);
  }
  return { text: `${lines.join('\n')}\n`, title, authors, publishedTime, publisher };
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
