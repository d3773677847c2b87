/**
 * Whole saved pages: where the article sits inside what a reader's browser showed. Site names,
 * navigation, breadcrumbs, login and app-download lines, the date/source/font-size/share line,
 * comment counts, trending lists and footers are chrome; the title is the headline-shaped line
 * closest above the first running text, over any meta lines (credits, dates, bare names).
 * Also the text normalisation every rule runs after: full-width ASCII forms and ideographic
 * spaces folded, blank lines dropped. Pure; imports nothing from Strapi.
 */
import type { Line } from './input';
import { creditLine, imageNote, isChromeLine, isCopyrightNotice, isProse, sourceLine } from './lines';
import { hasCjk, HAN, KNOWN_OUTLETS } from './vocabulary';

/**
 * Full-width ASCII forms (U+FF01–U+FF5E: '，：（）１６４４') to ASCII and the ideographic space to a
 * blank — the part of NFKC that is safe on running text (no ligatures, circled digits or units).
 */
export function foldFullWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Segments of a line laid out as a row of links: split on runs of two blanks, '|', '｜', '丨'. */
const segments = (raw: string): string[] =>
  raw
    .trim()
    .split(/\s{2,}|\s*[|｜丨]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);

const shortSegment = (s: string): boolean => (hasCjk(s) ? [...s].length <= 7 : s.split(/\s+/).length <= 3 && s.length <= 24);

const SITE_SUFFIX = new RegExp(`^${HAN}{1,6}(网|新闻|晚报|日报|报|客户端|新闻网)$`);
const KNOWN = new Set(KNOWN_OUTLETS);

/** A site's name or masthead on its own: '文汇网', '新民晚报', 'XINHUANET', 'chinadaily.com.cn', 'SHINE | Shanghai Daily'. */
export function isSiteName(norm: string): boolean {
  if (KNOWN.has(norm) || SITE_SUFFIX.test(norm)) return true;
  if (/^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org)(?:\.cn)?$/i.test(norm)) return true;
  if (/^[A-Z][A-Z0-9 &.'-]{1,24}$/.test(norm) && norm.split(/\s+/).length <= 3) return true;
  const parts = norm.split(/\s*[|｜]\s*/);
  return parts.length === 2 && parts.every((p) => /^[A-Z][A-Za-z0-9.'-]*(?: [A-Z][A-Za-z0-9.'-]*){0,2}$/.test(p));
}

/** A row of navigation links: three or more short segments ('首页\u3000要闻\u3000上海', 'Home   News   Metro'). */
export function isNavigationRow(raw: string): boolean {
  if (/[。.!?]$/.test(raw.trim())) return false;
  const parts = segments(raw);
  if (parts.length >= 3 && parts.every(shortSegment)) return true;
  // '新浪首页 新闻 体育 财经 娱乐': single blanks between short Chinese links.
  const words = raw.trim().split(/\s+/);
  return words.length >= 5 && words.every((w) => hasCjk(w) && [...w].length <= 4);
}

/** A breadcrumb: '当前位置:首页 > 城市 > 正文', 'China > Society', '人民网 >> 上海频道 >> 正文'. */
export const isBreadcrumb = (norm: string): boolean =>
  /\s*(>>?|›|»)\s*/.test(norm) && norm.split(/\s*(?:>>?|›|»|\|)\s*/).every((p) => p === '' || shortSegment(p) || /:/.test(p));

/** Login, sign-up, app-download and client lines. */
export const isAccountLine = (norm: string): boolean =>
  /关注.{0,12}(官方)?(微信|微博|公众号|客户端)|^分享让更多人看到|意见反馈|留言板|(报料|爆料).{0,6}\d{3,}|^our standards\b/i.test(norm) ||
  (norm.length <= 40 &&
    (/(登录|注册|客户端|下载.{0,8}APP|打开.{0,8}(APP|新闻)|手机看新闻|阅读体验更佳|查看精彩图片|体验效果更佳|参与互动|收藏本文|关注我们)/i.test(norm) ||
      /^(skip to (main )?content|sign in|log ?in|register|subscribe|search|download the .{1,20} app|menu)\b/i.test(norm) ||
      /\b(sign in|log in|register|subscribe)\s*$/i.test(norm)));

/** Share, print, font-size and comment-count widgets; a bare count or reaction. */
export const isWidgetLine = (norm: string): boolean =>
  /^(分享到|分享至|分享|举报|关注|收藏|打印|纠错|字号|评论|share|print|comments?)\s*(\(\d+\)|\d+|:.*)?$/i.test(norm) ||
  /^\d+\s*条?评论$/.test(norm) ||
  /^(跟贴|跟帖|参与|阅读)\s*[\d.]+万?(\s+(跟贴|跟帖|参与|阅读)\s*[\d.]+万?)*$/.test(norm) ||
  /^校对\s*:/.test(norm) ||
  /^\d{1,6}$/.test(norm) ||
  /^(【[^】]{1,12}】\s*){2,}$/.test(norm) ||
  /^share:?\s+(facebook|twitter|wechat|weibo|linkedin|email)/i.test(norm);

const DATE_ANY = /\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b|\d{1,2}:\d{2}\s*UTC/;

/** The date/source/font-size/share line under a headline: '2025-11-18 07:12 来源:文汇报 字号:大 中 小', 'Updated: 2025-09-18'. */
export function isMetaLine(norm: string): boolean {
  if (!DATE_ANY.test(norm) || isProse(norm)) return false;
  const rest = norm
    .replace(new RegExp(DATE_ANY.source, 'g'), '')
    .replace(/\d{1,2}:\d{2}(:\d{2})?/g, '')
    .trim();
  return rest.length <= 80 && !/[。]/.test(rest);
}

/** Footers: ICP numbers, public-security filings, reporting hotlines, copyright lines. */
export const isFooterLine = (norm: string): boolean =>
  /(ICP[备证]|公网安备|举报(电话|专区|中心)|违法和不良信息|网络文化经营许可)/i.test(norm) ||
  (norm.length <= 120 && /(版权所有|all rights reserved|copyright\s*©|^©\s*\d{4})/i.test(norm));

/** A heading over other stories that is not related reading: trending, hot and most-read lists. */
export const isTrendingHeading = (norm: string): boolean =>
  norm.length <= 30 &&
  (/^\d+\s*条评论$|^(网友|热门|最新)?评论\s*(\(\d+\))?$|^(\d+\s+)?comments?\s*(\(\d+\))?$/i.test(norm) ||
    /(热门推荐|热点推荐|热新闻|热闻|热点新闻|热门新闻|热门文章|热榜|热门$|24小时热门|排行|猜你喜欢|大家都在看|精彩推荐|为你推荐|今日推荐|点击排行)/.test(
      norm,
    ) ||
    /^(?:[A-Z]+\s+)?(trending|most read|most popular|popular|top stories|most viewed|suggested topics:?|editor'?s picks)(?: now| news| stories| in 24 hours| today)?$/i.test(
      norm,
    ));

/** An error page or a wall in front of the article: nothing to import. */
export const isWallOrError = (norm: string): boolean =>
  /^(404|403|500)$/.test(norm) ||
  /(页面不存在|内容已被删除|该内容已被删除|已被删除或不存在|您访问的页面|找不到页面|登录后可阅读|登录后阅读|登录后查看|请登录后|page (?:you are looking for )?(?:cannot|could not|can't) be found|page not found|sign up to continue reading|subscribe to continue reading|register for free to read|log in to continue|to read the full (?:article|story))/i.test(
    norm,
  );

/** Chrome anywhere on a whole saved page: header rows, accounts, widgets, meta lines, footers. */
export const isPageChrome = (line: Line): boolean =>
  isSiteName(line.norm) ||
  isNavigationRow(line.text) ||
  isAccountLine(line.norm) ||
  isWidgetLine(line.norm) ||
  isBreadcrumb(line.norm) ||
  isFooterLine(line.norm) ||
  (isMetaLine(line.norm) && creditLine(line.norm) === null);

/** A line that can stand between a headline and the story: credits, dates, source, a bare personal name, a dek. */
function isMeta(line: Line): boolean {
  const s = line.norm;
  return (
    isChromeLine(s) ||
    isPageChrome(line) ||
    isNavigationRow(line.text) ||
    creditLine(s) !== null ||
    sourceLine(s) !== null ||
    imageNote(line.text) !== null ||
    isCopyrightNotice(s) ||
    /^[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}$/.test(s)
  );
}

/** Headline-shaped: long enough to say something, short enough not to be a paragraph. */
function isHeadlineShaped(line: Line): boolean {
  const s = line.norm;
  if (hasCjk(s)) return [...s].length >= 6 && [...s].length <= 60 && !/。$/.test(s);
  const words = s.split(/\s+/).length;
  return words >= 4 && words <= 30;
}

export interface ArticleStart {
  /** Index of the title line in the lines given; 0 when the page starts with its title. */
  title: number;
  /** Why there is no article, when a wall or error page stands where the story would be. */
  refused: string | null;
}

/**
 * Where the article starts. A page whose first line is not chrome starts there (the house shape).
 * Otherwise: the first line of running text is the body; the title is the closest headline-shaped
 * line above it, past meta lines. A wall or error line before any running text refuses the page.
 */
export function locateArticle(lines: Line[]): ArticleStart {
  if (lines.length === 0) return { title: 0, refused: null };
  const first = lines[0];
  const headerish = (l: Line) => isPageChrome(l) || isNavigationRow(l.text) || isChromeLine(l.norm) || isWallOrError(l.norm);
  if (!headerish(first)) return { title: 0, refused: null };
  let body = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (isWallOrError(l.norm)) return { title: 0, refused: `the page is a sign-in wall or an error page ('${l.text.slice(0, 60)}')` };
    if (isProse(l.norm) && !isMeta(l) && !isTrendingHeading(l.norm)) {
      body = i;
      break;
    }
  }
  // No running text: the first line that is not chrome is the title, and the fold says what the page is (truncated, a list).
  if (body < 0) {
    const i = lines.findIndex((l) => !headerish(l) && !isMeta(l));
    return { title: i < 0 ? 0 : i, refused: null };
  }
  for (let i = body - 1; i >= 0; i--) {
    const l = lines[i];
    if (isMeta(l)) continue;
    if (isHeadlineShaped(l) && !isNavigationRow(l.text)) return { title: i, refused: null };
  }
  return { title: 0, refused: null };
}

const OUTLET_TOKEN = new RegExp(`^(?:${KNOWN_OUTLETS.join('|')}|${HAN}{2,6}?(?:网|社|日报|晚报|新闻|电视台))$`);
const EN_OUTLET = /^[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2}$/;
/** 'China Daily' from 'SHINE | Shanghai Daily', 'Sixth Tone' from 'SIXTH TONE'. */
const mastheadOutlet = (norm: string): string | null => {
  const parts = norm.split(/\s*\|\s*/);
  if (parts.length === 2 && EN_OUTLET.test(parts[1])) return parts[1];
  if (/^[A-Z]+ [A-Z]+$/.test(norm)) return norm.toLowerCase().replace(/(^|\s)([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
  return null;
};

/**
 * The outlet a whole saved page credits around its headline, for when neither the story's opening
 * nor a lone source line names one: a '来源:' segment of a combined line ('作者:… 来源:上观新闻 2025-…'),
 * the outlet beside an English byline ('By A in Shanghai | China Daily | Updated: …', 'Xinhua | Updated: …'),
 * an outlet on the date line ('2025年11月12日 19:36 央视网') or on its own under the title, and for
 * English pages the masthead ('SHINE | Shanghai Daily').
 */
export function pageOutlet(lines: Line[], titleIndex: number, english: boolean): string | null {
  const body = lines.findIndex((l, i) => i > titleIndex && isProse(l.norm) && !isMeta(l));
  const under = lines.slice(titleIndex + 1, body < 0 ? lines.length : body);
  for (const l of under) {
    for (const part of segments(l.text)) {
      const source = sourceLine(part.replace(/\s+/g, ' '));
      if (source) return source.split(/\s*[-－—]\s*/)[0];
    }
  }
  for (const l of under) {
    const parts = segments(l.text);
    if (english && parts.length >= 2) {
      const byline = /^by\s/i.test(parts[0]) ? parts[1] : /^(updated|published)/i.test(parts[1]) ? parts[0] : null;
      if (byline && EN_OUTLET.test(byline)) return byline;
    }
    if (!english && (isMetaLine(l.norm) || parts.length === 1)) {
      const token = l.norm.split(/\s+/).find((t) => OUTLET_TOKEN.test(t));
      if (token && (isMetaLine(l.norm) || token === l.norm)) return token;
    }
  }
  if (english) for (const l of lines.slice(0, titleIndex)) if (isSiteName(l.norm) && mastheadOutlet(l.norm)) return mastheadOutlet(l.norm);
  return null;
}

/** A date or time on its own: '2025-11-28 09:21', '2小时前', '澎湃新闻 3小时前 评论 5'. */
const STAMP = /^(?:\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|\S{0,8}\s*\d{1,2}\s*(?:小时|分钟|天)前.{0,12})$/;

/**
 * A section index rather than an article: three or more dates on their own lines among the text,
 * each closing a headline and its teaser.
 */
export function isSectionIndex(lines: Line[]): boolean {
  const prose = lines.map((l, i) => (isProse(l.norm) ? i : -1)).filter((i) => i >= 0);
  if (prose.length === 0) return false;
  const first = prose[0];
  const last = prose[prose.length - 1];
  return lines.filter((l, i) => i > first - 2 && i < last + 2 && STAMP.test(l.norm)).length >= 3;
}
