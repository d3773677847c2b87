/** The published article as the syndication builders read it (Document Service shape, populated). */
import { NewsroomConfig } from '../config';
import { Origin } from '../rights';

export interface Byline { name: string; role: 'reporter' | 'editor' | 'responsible-editor' | 'photographer' | 'translator' }
export interface ArticleDoc {
  documentId: string;
  locale: string;
  title: string;
  slug: string;
  column?: string | null;
  standfirst?: string | null;
  body?: unknown;
  bylines?: Byline[] | null;
  exclusive?: boolean | null;
  reprintNotice?: string | null;
  creditLine?: string | null;
  origin?: Origin | null;
  keywords?: string[] | null;
  imageNote?: string | null;
  dateline?: string | null;
  publishedAt?: string | null;
  updatedAt?: string | null;
  createdAt?: string | null;
  neighbourhood?: { documentId: string; name: string; district?: string | null; subdistrict?: string | null } | null;
  relatedNews?: Array<{ documentId: string; headline: string; summary?: string | null; outlet: string; dateline?: string | null; url?: string | null; publishedDate?: string | null; creditLine?: string | null }> | null;
}
export interface Alternate { locale: string; slug: string; url: string }
export interface ArticleContext { config: NewsroomConfig; url: string; alternates: Alternate[] }

export const publisherName = (config: NewsroomConfig, locale: string) => config.publisher.name[locale] ?? config.publisher.name[config.defaultLocale];
export const bylinesOf = (a: ArticleDoc, ...roles: Byline['role'][]) => (a.bylines ?? []).filter((b) => roles.includes(b.role));
