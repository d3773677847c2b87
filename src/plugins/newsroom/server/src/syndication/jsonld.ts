/**
 * schema.org NewsArticle carrying the rights a machine needs: the exclusive's notice or the reprint's
 * credit, who holds the copyright, the original of a reprint, and the story's translations.
 */
import { NewsroomConfig } from '../config/schema';
import { blocksToPlainText } from '../enforcement/blocks';
import { Alternate, ArticleDoc, articleView, BylineRole, CREATOR_ROLES, NeighbourhoodRef, absoluteUrl, bylinesWith, compact, summaryOf } from './article';
import { bylineRoleLabel } from '../content-types/facts';

export interface JsonLdContext {
  config: NewsroomConfig;
  url: string;
  alternates: Alternate[];
}
type JsonLd = Record<string, unknown>;

const people = (article: ArticleDoc, roles: BylineRole[]): JsonLd[] =>
  bylinesWith(article, roles).map((b) => ({
    '@type': 'Person',
    name: b.name,
    jobTitle: bylineRoleLabel(b.role, article.locale),
  }));

function place(n: NeighbourhoodRef): JsonLd {
  const address = compact({ '@type': 'PostalAddress', addressLocality: n.subdistrict, addressRegion: n.district, addressCountry: 'CN' });
  return { '@type': 'Place', name: n.name, address };
}

const workRef = (alt: Alternate): JsonLd => ({ '@type': 'NewsArticle', '@id': alt.url, url: alt.url, inLanguage: alt.locale });

function translationLinks(article: ArticleDoc, config: NewsroomConfig, alternates: Alternate[]): JsonLd {
  const others = alternates.filter((a) => a.locale !== article.locale);
  if (article.locale === config.defaultLocale) return { workTranslation: others.map(workRef) };
  const source = others.find((a) => a.locale === config.defaultLocale);
  return source ? { translationOfWork: workRef(source) } : {};
}

export function articleJsonLd(article: ArticleDoc, ctx: JsonLdContext): JsonLd {
  const { config, url, alternates } = ctx;
  const locale = article.locale;
  const view = articleView(config, article);
  const publisher = compact({
    '@type': 'NewsMediaOrganization',
    name: view.publisher,
    url: config.publisher.url,
    logo: config.publisher.logoUrl ? { '@type': 'ImageObject', url: config.publisher.logoUrl } : undefined,
  });
  // The original outlet, not us, holds a reprint's copyright.
  const original = view.outlet ? { '@type': 'Organization', name: view.outletName } : null;
  const origin = article.origin;
  const where = article.neighbourhood ? place(article.neighbourhood) : undefined;

  return compact({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    headline: article.title,
    description: summaryOf(article),
    articleBody: blocksToPlainText(article.body),
    articleSection: article.column,
    inLanguage: locale,
    datePublished: view.published,
    dateModified: view.modified,
    author: people(article, CREATOR_ROLES),
    editor: people(article, ['editor', 'responsible-editor']),
    translator: people(article, ['translator']),
    keywords: (article.keywords ?? []).filter(Boolean).join(', '),
    dateline: article.dateline,
    publisher,
    copyrightHolder: original ?? publisher,
    sourceOrganization: original ?? publisher,
    copyrightNotice: view.rights,
    creditText: view.outlet ? view.rights : view.publisher,
    genre: article.exclusive ? 'Exclusive' : undefined,
    isBasedOn: original
      ? compact({
          '@type': 'CreativeWork',
          publisher: original,
          url: absoluteUrl(origin?.url),
          datePublished: origin?.originalDate,
          dateline: origin?.originalDateline,
        })
      : undefined,
    about: where,
    contentLocation: where,
    correction: view.corrections.map((c) => compact({ '@type': 'CorrectionComment', datePublished: c.date, text: c.text })),
    ...translationLinks(article, config, alternates),
  });
}

// The JSON escapes only change characters inside strings, so the text still parses back to the same value.
const SCRIPT_UNSAFE: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON for inlining in `<script type="application/ld+json">`: no text in it can close the tag or break old parsers. */
export const jsonLdScript = (value: unknown): string => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_UNSAFE[c]);
