/** Realistic builder inputs: the seed article and news items shaped as the Document Service returns them. */
import seed from '../../database/seed/newsroom.json';
import { defaultConfig as config } from '../../src/plugins/newsroom/server/src/config/schema';
import { paragraphsToBlocks } from '../../src/plugins/newsroom/server/src/enforcement/blocks';
import { articleRights, newsItemCredit } from '../../src/plugins/newsroom/server/src/enforcement/rights';
import { articleUrl } from '../../src/plugins/newsroom/server/src/syndication/urls';
import type { Alternate, ArticleDoc, RelatedNews } from '../../src/plugins/newsroom/server/src/syndication/article';

export { config };
export const URL_PATTERN = 'https://www.whb.cn/{locale}/articles/{slug}';
export const SEED_DOCUMENT_ID = 'k3v9wenhui0huahe0minxiang';
const SLUGS: Record<string, string> = { 'zh-Hans': 'putuo-huahe-minxiang-yuan', en: 'putuo-neighbourhood-warm-old-flavour' };
const NEIGHBOURHOOD_ID = 'n7q2huahe0minxiang0yuan00';

const seedArticle = (seed as any).articles[0];
const seedNeighbourhood = (seed as any).neighbourhoods.find((n: any) => n.key === seedArticle.shared.neighbourhood);

export const urlFor = (a: { locale: string; slug: string; documentId: string }) => articleUrl(URL_PATTERN, a);

function relatedNews(locale: string): RelatedNews[] {
  return (seedArticle.shared.relatedNews as string[])
    .map((key) => (seed as any).newsItems.find((n: any) => n.key === key))
    .filter((n: any) => n.locales[locale])
    .map((n: any) => {
      const text = n.locales[locale];
      return {
        documentId: `news-${n.key}`,
        headline: text.headline,
        summary: text.summary ?? null,
        outlet: n.shared.outlet,
        dateline: text.dateline ?? null,
        url: null,
        publishedDate: n.shared.publishedDate,
        creditLine: newsItemCredit(config, n.shared.outlet, locale),
        reporters: text.reporters ?? [],
      };
    });
}

/** The seed article in a locale, published 2021-12-28 15:14 Shanghai time. */
export function seedArticleDoc(locale: 'zh-Hans' | 'en'): ArticleDoc {
  const text = seedArticle.locales[locale];
  const place = seedNeighbourhood.locales[locale];
  const exclusive = !!seedArticle.shared.exclusive;
  return {
    documentId: SEED_DOCUMENT_ID,
    locale,
    title: text.title,
    slug: SLUGS[locale],
    column: text.column,
    standfirst: text.standfirst,
    body: paragraphsToBlocks(text.paragraphs),
    bylines: text.bylines,
    exclusive,
    ...articleRights(config, { exclusive, origin: null }, locale),
    origin: null,
    keywords: text.keywords,
    imageNote: text.imageNote,
    dateline: text.dateline,
    publishedAt: '2021-12-28T07:14:00.000Z',
    updatedAt: '2021-12-28T07:20:30.000Z',
    createdAt: '2021-12-28T06:58:00.000Z',
    firstPublishedAt: '2021-12-28T07:14:00.000Z',
    contentModifiedAt: '2021-12-28T07:20:30.000Z',
    neighbourhood: {
      documentId: NEIGHBOURHOOD_ID,
      name: place.name,
      district: place.district,
      subdistrict: place.subdistrict,
      ...seedNeighbourhood.shared,
    },
    relatedNews: relatedNews(locale),
  };
}

/** The other locales' published versions, as the service passes them. */
export const seedAlternates = (locale: string): Alternate[] =>
  Object.keys(SLUGS)
    .filter((l) => l !== locale)
    .map((l) => ({ locale: l, slug: SLUGS[l], url: urlFor({ locale: l, slug: SLUGS[l], documentId: SEED_DOCUMENT_ID }) }));

export const ORIGINAL_URL = 'https://www.chinanews.com.cn/sh/2021/12-28/9639017.shtml';

/** A reprint of the seed's 中新网 report on Wuhan Union Hospital. */
export function reprintArticleDoc(locale: 'zh-Hans' | 'en'): ArticleDoc {
  const item = (seed as any).newsItems.find((n: any) => n.key === 'wuhan-union-hospital-online-children');
  const text = item.locales[locale];
  const origin = { outlet: item.shared.outlet, url: ORIGINAL_URL, originalDateline: text.dateline, originalDate: item.shared.publishedDate };
  return {
    documentId: 'r5t8wuhan0union0hospital0',
    locale,
    title: text.headline,
    slug: 'wuhan-union-hospital-online-children',
    standfirst: null,
    body: paragraphsToBlocks([text.summary]),
    bylines: [
      ...text.reporters.map((name: string) => ({ name, role: 'reporter' as const })),
      { name: locale === 'en' ? 'Wang Jiayi' : '王嘉旖', role: 'editor' as const },
    ],
    exclusive: false,
    ...articleRights(config, { exclusive: false, origin }, locale),
    origin,
    keywords: null,
    dateline: text.dateline,
    publishedAt: '2021-12-28T09:02:00.000Z',
    updatedAt: '2021-12-28T09:02:00.000Z',
    createdAt: '2021-12-28T08:40:00.000Z',
    neighbourhood: null,
    relatedNews: [],
  };
}

/** Only what a published article must have. */
export const bareArticleDoc = (overrides: Partial<ArticleDoc> = {}): ArticleDoc => ({
  documentId: 'b1a2r3e4',
  locale: 'zh-Hans',
  title: '简讯',
  slug: 'brief',
  exclusive: false,
  reprintNotice: null,
  creditLine: null,
  publishedAt: '2021-12-28T07:14:00.000Z',
  updatedAt: '2021-12-28T07:14:00.000Z',
  createdAt: '2021-12-28T07:14:00.000Z',
  ...overrides,
});
