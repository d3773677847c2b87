/**
 * Line classification: what one line of a scraped page is, from the line alone and whether the
 * article's title has been seen (before it, credit-like and keyword-like lines are page chrome or
 * the title itself). Where a line then goes — title, paragraph, teaser — is the reducer's call
 * (reduce.ts). Imports nothing from Strapi.
 */
import type { Line } from './input';
import {
  captionCredits,
  creditLine,
  dashItem,
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
  sourceLine,
} from './lines';
import { isPageChrome, isTrendingHeading } from './page-shape';
import type { Byline } from './types';

export type LineKind =
  /** 'X 关闭': a floating advertising panel starts; everything up to the next one is chrome. */
  | { kind: 'close-marker' }
  /** A rule of dashes, stars or dots; `dashes` when it is the '-' between teaser blocks. */
  | { kind: 'rule'; dashes: boolean }
  /** A content-farm advertising headline, bare or as a '- ' list item. */
  | { kind: 'advert'; listItem: boolean }
  /** Navigation and sharing widgets ('首页 >', '分享到', 'Back to top'). */
  | { kind: 'chrome' }
  /** '(完)', 'END'. */
  | { kind: 'end-marker' }
  /** Credits: reporters, editors, responsible editors, photographers, translators. */
  | { kind: 'credits'; bylines: Byline[] }
  /** '*文汇独家稿件,转载请注明出处。' */
  | { kind: 'exclusive-notice' }
  /** '版权声明…', '未经授权不得转载': a notice that is not the exclusive one. */
  | { kind: 'copyright-notice' }
  /** '关键词: 疫情 防控'. */
  | { kind: 'keywords'; keywords: string[] }
  /** '来源:中新网' / 'Source: Xinhua'. */
  | { kind: 'source'; outlet: string }
  /** '相关新闻', 'Related stories'. */
  | { kind: 'related-heading' }
  /** '热门推荐', '24小时热门', 'Trending': other stories, not related news; the list under it is chrome. */
  | { kind: 'trending-heading' }
  /** '- headline': a related-news item. */
  | { kind: 'list-item'; headline: string }
  /** Anything else: the headline, a body paragraph, an image note, a teaser's headline or summary. */
  | { kind: 'text'; imageNote: string | null; captionCredits: Byline[] };

export type Phase = 'before-title' | 'in-page';

/** The kind of one line, in priority order: the first recogniser that accepts the line decides. */
export function classifyLine(line: Line, phase: Phase): LineKind {
  const s = line.norm;
  const inPage = phase === 'in-page';
  if (isCloseMarker(s)) return { kind: 'close-marker' };
  if (isRule(s)) return { kind: 'rule', dashes: isDashSeparator(s) };
  if (isAdHeadline(s)) return { kind: 'advert', listItem: false };
  const item = dashItem(s);
  if (item !== null && isAdHeadline(item)) return { kind: 'advert', listItem: true };
  if (isChromeLine(s)) return { kind: 'chrome' };
  if (isEndMarker(s)) return { kind: 'end-marker' };
  const bylines = inPage ? creditLine(s) : null;
  if (bylines) return { kind: 'credits', bylines };
  if (inPage && isExclusiveNotice(s)) return { kind: 'exclusive-notice' };
  if (isCopyrightNotice(s)) return { kind: 'copyright-notice' };
  const keywords = inPage ? keywordsLine(s) : null;
  if (keywords) return { kind: 'keywords', keywords };
  const outlet = inPage ? sourceLine(s) : null;
  if (outlet) return { kind: 'source', outlet };
  if (isRelatedHeading(s)) return { kind: 'related-heading' };
  if (inPage && isTrendingHeading(s)) return { kind: 'trending-heading' };
  if (inPage && isPageChrome(line)) return { kind: 'chrome' };
  if (item !== null) return { kind: 'list-item', headline: dashItem(line.text) ?? item };
  const note = imageNote(line.text);
  return { kind: 'text', imageNote: note, captionCredits: note === null ? [] : captionCredits(line.text) };
}

/** Reads like running text rather than a headline (a full stop, or long): ends a close block before the title. */
export const isRunningText = (line: Line): boolean => isProse(line.norm);
