/**
 * schema.org NewsArticle with the rights a machine needs: the enforced notice as copyrightNotice,
 * the credit, the original outlet of a reprint, the translations of the story.
 */
import { blocksToParagraphs, blocksToPlainText } from '../blocks';
import { isReprint, outletName } from '../rights';
import { toOffsetIso } from './dates';
import { ArticleContext, ArticleDoc, bylinesOf, publisherName } from './article';

const JOB_TITLES: Record<string, Record<string, string>> = {
  editor: { 'zh-Hans': '编辑', en: 'Editor' },
  'responsible-editor': { 'zh-Hans': '责任编辑', en: 'Responsible editor' },
  photographer: { 'zh-Hans': '摄影', en: 'Photographer' },
  translator: { 'zh-Hans': '翻译', en: 'Translator' },
};
const person = (name: string, role: string, locale: string) => ({
  '@type': 'Person',
  name,
  ...(JOB_TITLES[role] ? { jobTitle: JOB_TITLES[role][locale] ?? JOB_TITLES[role].en } : {}),
});

export function articleJsonLd(a: ArticleDoc, { config, url, alternates }: ArticleContext): Record<string, unknown> {
  const locale = a.locale;
  const publisher = { '@type': 'NewsMediaOrganization', name: publisherName(config, locale), url: config.publisher.url };
  const reprint = isReprint(config, a.origin);
  const when = (iso?: string | null) => (iso ? toOffsetIso(iso, config.utcOffset) : undefined);
  const defaultUrl = alternates.find((x) => x.locale === config.defaultLocale)?.url;
  const place = a.neighbourhood
    ? {
        '@type': 'Place',
        name: a.neighbourhood.name,
        address: { '@type': 'PostalAddress', addressLocality: a.neighbourhood.subdistrict ?? undefined, addressRegion: a.neighbourhood.district ?? undefined, addressCountry: 'CN' },
      }
    : undefined;
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: url,
    headline: a.title,
    description: a.standfirst || blocksToParagraphs(a.body)[0] || undefined,
    articleBody: blocksToPlainText(a.body),
    inLanguage: locale,
    datePublished: when(a.publishedAt),
    dateModified: when(a.updatedAt ?? a.publishedAt),
    author: bylinesOf(a, 'reporter', 'photographer').map((b) => person(b.name, b.role, locale)),
    editor: bylinesOf(a, 'editor', 'responsible-editor').map((b) => person(b.name, b.role, locale)),
    translator: bylinesOf(a, 'translator').map((b) => person(b.name, b.role, locale)),
    keywords: a.keywords?.length ? a.keywords.join(', ') : undefined,
    dateline: a.dateline || undefined,
    articleSection: a.column || undefined,
    publisher,
    copyrightHolder: reprint ? { '@type': 'Organization', name: outletName(config, a.origin!.outlet!, locale) } : publisher,
    sourceOrganization: reprint ? { '@type': 'Organization', name: outletName(config, a.origin!.outlet!, locale) } : publisher,
    copyrightNotice: a.reprintNotice ?? a.creditLine ?? undefined,
    creditText: a.creditLine ?? publisherName(config, locale),
    genre: a.exclusive ? 'Exclusive' : undefined,
    isBasedOn: reprint
      ? { '@type': 'CreativeWork', publisher: { '@type': 'Organization', name: a.origin!.outlet }, url: a.origin!.url || undefined, dateline: a.origin!.originalDateline || undefined }
      : undefined,
    about: place,
    contentLocation: place,
    ...(locale === config.defaultLocale
      ? { workTranslation: alternates.map((x) => ({ '@type': 'NewsArticle', '@id': x.url, inLanguage: x.locale })) }
      : defaultUrl
        ? { translationOfWork: { '@type': 'NewsArticle', '@id': defaultUrl, inLanguage: config.defaultLocale } }
        : {}),
  };
  for (const [k, v] of Object.entries(out)) if (v === undefined || (Array.isArray(v) && v.length === 0)) delete out[k];
  return out;
}

/** JSON for inlining in <script type="application/ld+json">: nothing in it can close the tag. */
export const jsonLdScript = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
