/**
 * The indexes behind the newsroom's own lookups (Strapi indexes documentId and its join tables,
 * not the columns a plugin looks up by). Named here once; created by migration 0002 and checked
 * again at every boot, because SQLite drops a table's indexes when a schema change rebuilds it.
 */
import { DELIVERY_UID, KINDS, UIDS } from '../content-types/facts';
import { HISTORY_UID } from '../workflow/history';

export interface LookupIndex {
  /** The index name (at most 63 characters: PostgreSQL's limit). */
  name: string;
  uid: string;
  /** Attribute names, in index order (mapped to column names through Strapi's metadata). */
  attributes: string[];
  /** What looks rows up this way. */
  purpose: string;
}

/** `newsroom_article`, `newsroom_news_item`: index names from the kind (table names come from Strapi's metadata). */
const stem = (kind: string) => `newsroom_${kind.replace(/-/g, '_')}`;

export const LOOKUP_INDEXES: LookupIndex[] = [
  ...KINDS.flatMap((kind): LookupIndex[] => [
    { name: `${stem(kind)}_slug_idx`, uid: UIDS[kind], attributes: ['slug', 'locale', 'publishedAt'], purpose: 'by-slug reads, slug uniqueness' },
    { name: `${stem(kind)}_import_key_idx`, uid: UIDS[kind], attributes: ['importKey'], purpose: 'importer matching' },
  ]),
  {
    name: `${stem('article')}_first_published_idx`,
    uid: UIDS.article,
    attributes: ['locale', 'firstPublishedAt'],
    purpose: 'feeds, news sitemap, search by date',
  },
  { name: `${stem('article')}_embargo_idx`, uid: UIDS.article, attributes: ['embargoUntil'], purpose: 'the embargo scheduler' },
  {
    name: `${stem('article')}_sitemap_idx`,
    uid: UIDS.article,
    attributes: ['locale', 'publishedAt', 'id'],
    purpose: 'sitemap pages (published rows of a locale, by id)',
  },
  { name: 'newsroom_history_document_idx', uid: HISTORY_UID, attributes: ['articleDocumentId', 'at'], purpose: 'an article’s rights history' },
  { name: 'newsroom_deliveries_due_idx', uid: DELIVERY_UID, attributes: ['status', 'nextAttemptAt'], purpose: 'partner deliveries due' },
];
