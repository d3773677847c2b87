/** A published article as the Document Service returns it with bylines, origin, neighbourhood and relatedNews populated. */
import { NewsroomConfig, LocaleCode, textFor } from '../config/schema';
import { Origin, creditLine, isReprint, outletName, reprintNotice } from '../enforcement/rights';
import { blocksToParagraphs } from '../enforcement/blocks';
import { datePublished, dateModified } from '../workflow/publication';
import { correctionLabel } from '../workflow/corrections';
import { toOffsetIso } from './dates';

/** A published correction or clarification (server-dated). */
export interface Correction {
  date: string;
  text: string;
  kind?: 'correction' | 'clarification' | null;
}

import type { BylineRole } from '../content-types/facts';
export type { BylineRole };
export interface Byline {
  name: string;
  role: BylineRole;
}

export interface NeighbourhoodRef {
  documentId: string;
  name: string;
  district?: string | null;
  subdistrict?: string | null;
  [field: string]: unknown;
}

export interface RelatedNews {
  documentId: string;
  headline: string;
  summary?: string | null;
  outlet: string;
  dateline?: string | null;
  url?: string | null;
  publishedDate?: string | null;
  creditLine?: string | null;
  reporters?: string[] | null;
}

export interface ArticleDoc {
  documentId: string;
  locale: LocaleCode;
  title: string;
  slug: string;
  column?: string | null;
  standfirst?: string | null;
  body?: unknown[] | null;
  bylines?: Byline[] | null;
  exclusive: boolean;
  reprintNotice: string | null;
  creditLine: string | null;
  origin?: Origin | null;
  keywords?: string[] | null;
  imageNote?: string | null;
  dateline?: string | null;
  publishedAt: string;
  updatedAt: string;
  /** This locale's first publication (never moved by a republish). */
  firstPublishedAt?: string | null;
  /** When this locale's published content last changed. */
  contentModifiedAt?: string | null;
  /** Append-only corrections and clarifications, oldest first. */
  corrections?: Correction[] | null;
  createdAt: string;
  neighbourhood?: NeighbourhoodRef | null;
  relatedNews?: RelatedNews[] | null;
}

/** Another locale's published version of the same document. */
export interface Alternate {
  locale: LocaleCode;
  slug: string;
  url: string;
}

export const CREATOR_ROLES: BylineRole[] = ['reporter', 'photographer'];

export const bylinesWith = (article: ArticleDoc, roles: BylineRole[]): Byline[] =>
  (article.bylines ?? []).filter((b) => roles.includes(b.role) && b.name.trim() !== '');

export const publisherName = (config: NewsroomConfig, locale: LocaleCode): string => textFor(config, config.publisher.name, locale);

/** The standfirst, else the body's first paragraph. */
export const summaryOf = (article: ArticleDoc): string => article.standfirst?.trim() || blocksToParagraphs(article.body)[0] || '';

export const reprintOutlet = (config: NewsroomConfig, article: ArticleDoc): string | null =>
  isReprint(config, article.origin) ? article.origin!.outlet!.trim() : null;

/**
 * The line a republisher must carry: an exclusive's notice, a reprint's credit. The stored values are
 * canonical (enforced on write); recomputing covers rows written before enforcement.
 */
export function rightsLine(config: NewsroomConfig, article: ArticleDoc): string | null {
  if (article.exclusive) return article.reprintNotice || reprintNotice(config, article.locale);
  const outlet = reprintOutlet(config, article);
  return outlet ? article.creditLine || creditLine(config, outlet, article.locale) : null;
}

export const reprintOutletName = (config: NewsroomConfig, article: ArticleDoc): string | null => {
  const outlet = reprintOutlet(config, article);
  return outlet ? outletName(config, outlet, article.locale) : null;
};

/** A correction as every format shows it: dated at the newsroom's UTC offset, labelled in the article's language. */
export interface ShownCorrection {
  /** Null only for a row written before corrections were dated by the server. */
  date: string | null;
  kind: 'correction' | 'clarification';
  label: string;
  text: string;
}

/**
 * What every syndication format says of an article, computed once (JSON-LD, ninjs, RSS and the
 * JSON Feed build on it): its dates at the newsroom's UTC offset, who publishes it, the original
 * outlet of a reprint, the rights line, and the corrections that have text.
 */
export interface ArticleView {
  published: string;
  modified: string;
  publisher: string;
  /** A reprint's outlet as stored, and as named in the article's language; null for our own stories. */
  outlet: string | null;
  outletName: string | null;
  rights: string | null;
  corrections: ShownCorrection[];
}

export function articleView(config: NewsroomConfig, article: ArticleDoc): ArticleView {
  const outlet = reprintOutlet(config, article);
  return {
    published: toOffsetIso(datePublished(article), config.utcOffset),
    modified: toOffsetIso(dateModified(article), config.utcOffset),
    publisher: publisherName(config, article.locale),
    outlet,
    outletName: outlet ? outletName(config, outlet, article.locale) : null,
    rights: rightsLine(config, article),
    corrections: (article.corrections ?? [])
      .filter((c) => c?.text)
      .map((c) => ({
        date: c.date ? toOffsetIso(c.date, config.utcOffset) : null,
        kind: c.kind ?? 'correction',
        label: correctionLabel(c.kind, article.locale),
        text: c.text,
      })),
  };
}

/** Only absolute URLs leave the system: schema validators and feed readers reject the rest. */
export function absoluteUrl(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Drops keys whose value is undefined, null, '' or an empty list, so consumers see only what is known. */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as Partial<T>;
}
