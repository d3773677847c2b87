/** IPTC ninjs 3.0 ("News in JSON") for syndication partners, rights included. */
import { blocksToPlainText } from '../blocks';
import { isReprint, outletName } from '../rights';
import { textFor } from '../config';
import { toOffsetIso } from './dates';
import { ArticleContext, ArticleDoc, bylinesOf, publisherName } from './article';

const urn = (kind: string, documentId: string, locale: string) => `urn:newsroom:${kind}:${documentId}:${locale}`;

export function articleNinjs(a: ArticleDoc, { config, url }: ArticleContext): Record<string, unknown> {
  const locale = a.locale;
  const reprint = isReprint(config, a.origin);
  const when = (iso?: string | null) => (iso ? toOffsetIso(iso, config.utcOffset) : undefined);
  const out: Record<string, unknown> = {
    uri: urn('article', a.documentId, locale),
    type: 'text',
    representationType: 'full',
    language: locale,
    version: '1',
    pubStatus: 'usable',
    firstCreated: when(a.createdAt ?? a.publishedAt),
    versionCreated: when(a.updatedAt ?? a.publishedAt),
    contentCreated: when(a.publishedAt),
    headlines: [{ value: a.title, contentType: 'text/plain' }],
    descriptions: a.standfirst ? [{ value: a.standfirst, role: 'summary', contentType: 'text/plain' }] : undefined,
    bodies: [{ value: blocksToPlainText(a.body), contentType: 'text/plain', role: 'main' }],
    by: bylinesOf(a, 'reporter', 'photographer').map((b) => b.name).join(locale === 'en' ? ', ' : ' ') || undefined,
    located: a.dateline || undefined,
    slugline: a.slug,
    copyrightNotice: a.reprintNotice ?? a.creditLine ?? publisherName(config, locale),
    usageTerms: textFor(config, config.usageTerms, locale),
    genres: [
      ...(a.exclusive ? [{ name: 'Exclusive', uri: 'http://cv.iptc.org/newscodes/genre/Exclusive' }] : []),
      ...(reprint ? [{ name: 'Reprint', uri: 'http://cv.iptc.org/newscodes/genre/Reprint' }] : []),
    ],
    infoSources: [
      { name: publisherName(config, locale), role: reprint ? 'distributor' : 'originator', uri: config.publisher.url },
      ...(reprint ? [{ name: outletName(config, a.origin!.outlet!, locale), role: 'originator', ...(a.origin!.url ? { uri: a.origin!.url } : {}) }] : []),
    ],
    people: (a.bylines ?? []).map((b) => ({ name: b.name, rel: b.role })),
    places: a.neighbourhood ? [{ name: a.neighbourhood.name, rel: 'about' }, ...[a.neighbourhood.subdistrict, a.neighbourhood.district].filter(Boolean).map((name) => ({ name: name as string, rel: 'located' }))] : undefined,
    subjects: a.keywords?.length ? a.keywords.map((name) => ({ name, rel: 'keyword' })) : undefined,
    altIds: [{ role: 'url', value: url }, { role: 'documentId', value: a.documentId }],
    associations: (a.relatedNews ?? []).map((n, i) => ({
      name: `related${i + 1}`,
      rel: 'related',
      uri: urn('news-item', n.documentId, locale),
      type: 'text',
      headlines: [{ value: n.headline }],
      ...(n.summary ? { descriptions: [{ value: n.summary, role: 'summary' }] } : {}),
      ...(n.dateline ? { located: n.dateline } : {}),
      copyrightNotice: n.creditLine ?? n.outlet,
      infoSources: [{ name: outletName(config, n.outlet, locale), role: 'originator' }],
    })),
  };
  for (const [k, v] of Object.entries(out)) if (v === undefined || (Array.isArray(v) && v.length === 0)) delete out[k];
  return out;
}
