/** IPTC ninjs 3.0 ("News in JSON") for syndication partners, with the notice, credit and usage terms on every object. */
import { NewsroomConfig, LocaleCode, textFor } from '../config/schema';
import { blocksToParagraphs } from '../enforcement/blocks';
import { newsItemCredit, outletName } from '../enforcement/rights';
import { htmlParagraph } from './xml';
import { Alternate, ArticleDoc, articleView, CREATOR_ROLES, RelatedNews, absoluteUrl, bylinesWith, compact, summaryOf } from './article';

export interface NinjsContext {
  config: NewsroomConfig;
  url: string;
  alternates?: Alternate[];
}
type Ninjs = Record<string, unknown>;

const NINJS_STANDARD = { name: 'ninjs', version: '3.0', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json' };

/** Stable across slug changes and versions, as ninjs requires of `uri`; one per locale, since each is its own news object. */
export const ninjsUri = (kind: 'article' | 'news-item', documentId: string, locale: LocaleCode): string =>
  `urn:newsroom:${kind}:${encodeURIComponent(documentId)}:${encodeURIComponent(locale)}`;

const joinNames = (names: string[], locale: LocaleCode): string => (names.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(names) : '');

function relatedNinjs(config: NewsroomConfig, item: RelatedNews, locale: LocaleCode, index: number): Ninjs {
  const href = absoluteUrl(item.url);
  const outlet = outletName(config, item.outlet, locale);
  return compact({
    name: `related${index + 1}`,
    rel: 'related',
    uri: ninjsUri('news-item', item.documentId, locale),
    type: 'text',
    language: locale,
    headlines: [{ value: item.headline, contentType: 'text/plain' }],
    descriptions: item.summary ? [{ value: item.summary, role: 'summary', contentType: 'text/plain' }] : undefined,
    by: joinNames(item.reporters ?? [], locale),
    located: item.dateline,
    copyrightHolder: outlet,
    copyrightNotice: item.creditLine || newsItemCredit(config, item.outlet, locale),
    infoSources: [compact({ name: outlet, role: 'originator', uri: href })],
    renditions: href ? [{ name: 'web', href, contentType: 'text/html' }] : undefined,
  });
}

export function articleNinjs(article: ArticleDoc, ctx: NinjsContext): Ninjs {
  const { config, url } = ctx;
  const locale = article.locale;
  const paragraphs = blocksToParagraphs(article.body);
  const plain = paragraphs.join('\n\n');
  const view = articleView(config, article);
  const ours = view.publisher;
  const outlet = view.outlet;
  const outletLabel = view.outletName;
  const href = absoluteUrl(url);
  const n = article.neighbourhood;

  return compact({
    standard: NINJS_STANDARD,
    uri: ninjsUri('article', article.documentId, locale),
    type: 'text',
    representationType: 'full',
    pubStatus: 'usable',
    language: locale,
    firstCreated: view.published,
    versionCreated: view.modified,
    contentCreated: view.published,
    headlines: [{ value: article.title, role: 'main', contentType: 'text/plain' }],
    descriptions: [
      ...(summaryOf(article) ? [{ value: summaryOf(article), role: 'summary', contentType: 'text/plain' }] : []),
      // ninjs has no corrections property: each one is a description with its kind as role, dated.
      ...view.corrections.map((c) => ({
        value: c.date ? `${c.label} (${c.date}): ${c.text}` : `${c.label}: ${c.text}`,
        role: c.kind,
        contentType: 'text/plain',
      })),
    ],
    bodies: paragraphs.length
      ? [
          { value: plain, role: 'main', contentType: 'text/plain', charCount: [...plain].length },
          { value: paragraphs.map(htmlParagraph).join('\n'), role: 'main', contentType: 'text/html' },
        ]
      : undefined,
    by: joinNames(
      bylinesWith(article, CREATOR_ROLES).map((b) => b.name),
      locale,
    ),
    located: article.dateline,
    slugline: article.slug,
    copyrightHolder: outletLabel ?? ours,
    copyrightNotice: view.rights,
    usageTerms: textFor(config, config.usageTerms, locale),
    genres: [...(article.exclusive ? [{ name: 'Exclusive', literal: 'exclusive' }] : []), ...(outlet ? [{ name: 'Reprint', literal: 'reprint' }] : [])],
    infoSources: [
      compact({ name: ours, role: outlet ? 'distributor' : 'originator', uri: absoluteUrl(config.publisher.url) }),
      ...(outletLabel ? [compact({ name: outletLabel, role: 'originator', uri: absoluteUrl(article.origin?.url) })] : []),
    ],
    people: (article.bylines ?? []).filter((b) => b.name.trim()).map((b) => ({ name: b.name, rel: b.role })),
    places: n
      ? [
          { name: n.name, rel: 'about', literal: `neighbourhood:${n.documentId}` },
          ...(n.subdistrict ? [{ name: n.subdistrict, rel: 'subdistrict' }] : []),
          ...(n.district ? [{ name: n.district, rel: 'district' }] : []),
        ]
      : undefined,
    subjects: (article.keywords ?? []).filter(Boolean).map((name) => ({ name, rel: 'keyword' })),
    altIds: [{ role: 'documentId', value: article.documentId }, ...(href ? [{ role: 'url', value: href }] : [])],
    renditions: href ? [{ name: 'web', href, contentType: 'text/html' }] : undefined,
    associations: (article.relatedNews ?? []).map((item, i) => relatedNinjs(config, item, locale, i)),
  });
}
