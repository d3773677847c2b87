/**
 * The read cache's logic: keys, tags and an LRU store with a tag index. Entries are tagged with
 * what they contain; a write drops exactly the entries tagged with what it touched.
 *
 * Tags:
 *   doc:<documentId>   the response contains this document (its own detail, or in a list/populate)
 *   list:<kind>        a list, feed or sitemap of this kind: any write of the kind can change it
 *   via:<kind>         the response populates documents of this kind: a write of one can add or remove it
 *   graphql            a GraphQL GET: any newsroom write drops it (its shape is the client's choice)
 */
import { createHash } from 'crypto';
import { NewsroomKind } from './kinds';

export interface CachedResponse {
  status: number;
  type: string;
  body: string;
  etag: string;
  tags: string[];
  storedAt: number;
}

/** Same URL whatever the order of its query parameters. */
export function cacheKey(path: string, querystring: string): string {
  if (!querystring) return path;
  const params = querystring.split('&').filter(Boolean).sort();
  return `${path}?${params.join('&')}`;
}

export const etagOf = (body: string): string => `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;

/** Does an If-None-Match header match this ETag (weak comparison, lists, `*`)? */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** Every documentId anywhere in a JSON response. */
export function documentIdsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) documentIdsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'documentId' && typeof v === 'string') out.add(v);
      else documentIdsIn(v, out);
    }
  }
  return out;
}

const PLURALS: Record<string, NewsroomKind> = { articles: 'article', neighbourhoods: 'neighbourhood', 'news-items': 'news-item' };

/** What a public newsroom GET depends on, from its path, query and (JSON) body. */
export function tagsFor(path: string, querystring: string, json: unknown): string[] {
  const tags = new Set<string>();
  const parts = path.replace(/^\/api\/newsroom\//, '').split('/').filter(Boolean);
  const kind = PLURALS[parts[0]];
  const isDetail = kind && parts.length >= 2 && parts[1] !== 'by-slug';
  if (kind && !isDetail) tags.add(`list:${kind}`); // lists and by-slug (a slug can move to another document)
  if (parts[0] === 'feeds' || parts[0] === 'sitemap.xml' || parts[0] === 'news-sitemap.xml') tags.add('list:article');
  if (isDetail) tags.add(`doc:${parts[1]}`);
  // Syndication views of an article embed its neighbourhood and related news.
  if (isDetail && parts[2]) ['via:neighbourhood', 'via:news-item'].forEach((t) => tags.add(t));
  if (parts[0] === 'feeds' || parts[0] === 'translations') ['via:neighbourhood', 'via:news-item', 'list:neighbourhood', 'list:news-item'].forEach((t) => tags.add(t));
  if (/(^|&)populate/.test(decodeURIComponent(querystring))) ['article', 'neighbourhood', 'news-item'].forEach((k) => tags.add(`via:${k}`));
  for (const id of documentIdsIn(json)) tags.add(`doc:${id}`);
  return [...tags];
}

/** The tags a write to one document invalidates. */
export const tagsForWrite = (kind: NewsroomKind, documentId: string | null | undefined): string[] =>
  [`list:${kind}`, `via:${kind}`, 'graphql', ...(documentId ? [`doc:${documentId}`] : [])];

/** A bounded LRU of responses with a tag → keys index. */
export class TaggedLru {
  private entries = new Map<string, CachedResponse>();
  private byTag = new Map<string, Set<string>>();

  constructor(private maxEntries: number, private ttlMs: number) {}

  get size() {
    return this.entries.size;
  }

  get(key: string, now = Date.now()): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now - hit.storedAt > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    // Refresh recency: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, value: CachedResponse) {
    if (this.entries.has(key)) this.delete(key);
    this.entries.set(key, value);
    for (const tag of value.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    while (this.entries.size > this.maxEntries) this.delete(this.entries.keys().next().value as string);
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.byTag.delete(tag);
    }
  }

  /** Drops every entry carrying any of the tags; returns how many were dropped. */
  invalidate(tags: string[]): number {
    let dropped = 0;
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        this.delete(key);
        dropped += 1;
      }
    }
    return dropped;
  }

  clear() {
    this.entries.clear();
    this.byTag.clear();
  }
}
