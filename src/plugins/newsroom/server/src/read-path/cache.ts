/**
 * The read cache's logic: keys, tags, encodings and an LRU store bounded in entries and in bytes,
 * with a tag index. Entries are tagged with what they contain; a write drops exactly the entries
 * tagged with what it touched.
 *
 * Tags:
 *   doc:<documentId>   the response contains this document (its own detail, or in a list/populate)
 *   list:<kind>        a list, feed or sitemap of this kind: every write of the kind can change it
 *   via:<kind>         the response populates, filters or sorts through documents of this kind: a write of one can change it
 *   graphql            a GraphQL GET: every newsroom write drops it (its shape is the client's choice)
 */
import { createHash } from 'crypto';
import { KINDS, NewsroomKind, kindOfPlural } from '../content-types/facts';

export type Encoding = 'br' | 'gzip' | 'identity';

export interface CachedResponse {
  status: number;
  /** Every header of the original answer worth replaying (lower-case names), Content-Type included. */
  headers: Record<string, string>;
  /** The identity body; compressed variants are added once, on first demand. */
  body: Buffer;
  encoded: Partial<Record<'br' | 'gzip', Buffer>>;
  etag: string;
  tags: string[];
  storedAt: number;
}

/**
 * Request headers that change what Strapi (or a plugin) answers for the same URL. Each is part of
 * the cache key, so a client that sends one cannot fill the entry plain clients read.
 *   strapi-response-format     v4 response shape (core controllers)
 *   strapi-encode-source-maps  content source maps (core controllers)
 *   origin                     CORS headers are computed per Origin
 */
export const SHAPING_HEADERS = ['strapi-response-format', 'strapi-encode-source-maps', 'origin'] as const;
/** GraphQL answers also depend on Accept (Apollo's content negotiation). */
export const GRAPHQL_SHAPING_HEADERS = [...SHAPING_HEADERS, 'accept'] as const;

/**
 * The key of a GET: path and the raw query string as sent (never re-ordered: for repeated keys
 * such as `sort=a&sort=b` the order changes the answer), plus every shaping header's value.
 */
export function cacheKey(path: string, querystring: string, headerValues: Array<string | undefined>): string {
  let key = querystring ? `${path}?${querystring}` : path;
  for (const v of headerValues) key += `\n${v ?? ''}`;
  return key;
}

/** Headers never replayed from a stored answer: hop-by-hop, per-response or recomputed on a hit. */
const NOT_REPLAYED = new Set([
  'content-length',
  'content-encoding',
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'x-newsroom-cache',
  'age',
  'set-cookie',
]);

/** What of a response's headers a hit replays (null when the answer must not be shared: it sets a cookie). */
export function replayableHeaders(headers: Record<string, unknown>): Record<string, string> | null {
  if (headers['set-cookie'] !== undefined) return null;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (NOT_REPLAYED.has(lower) || value === undefined) continue;
    out[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Adds names to a Vary header value, once each. */
export function withVary(current: string | undefined, names: readonly string[]): string {
  const have = (current ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const lower = new Set(have.map((s) => s.toLowerCase()));
  for (const n of names) {
    if (lower.has(n.toLowerCase())) continue;
    have.push(n);
    lower.add(n.toLowerCase());
  }
  return have.join(', ');
}

/**
 * The encoding to answer with, from Accept-Encoding (q-values honoured, `*` understood):
 * br over gzip when both are acceptable; identity otherwise.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = -1;
  let gzip = -1;
  let star = -1;
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = rawName.trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*(.*?)\s*$/i.exec(p);
      if (m) q = /^[0-9.]+$/.test(m[1]) ? Number(m[1]) : 0;
    }
    if (!Number.isFinite(q)) q = 0;
    if (name === 'br') br = q;
    else if (name === 'gzip' || name === 'x-gzip') gzip = Math.max(gzip, q);
    else if (name === '*') star = q;
  }
  if (br < 0 && star > 0) br = star;
  if (gzip < 0 && star > 0) gzip = star;
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

export const etagOf = (body: string | Buffer): string => `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;

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

/** What a public newsroom GET depends on, from its path, query and (JSON) body. */
export function tagsFor(path: string, querystring: string, json: unknown): string[] {
  const tags = new Set<string>();
  const parts = path
    .replace(/^\/api\/newsroom\//i, '')
    .split('/')
    .filter(Boolean);
  const kind = kindOfPlural(parts[0]);
  const isDetail = kind && parts.length >= 2 && parts[1] !== 'by-slug';
  if (kind && !isDetail) tags.add(`list:${kind}`); // lists and by-slug (a slug can move to another document)
  if (['feeds', 'sitemap.xml', 'sitemaps', 'news-sitemap.xml', 'search'].includes(parts[0])) tags.add('list:article');
  // Search filters by a neighbourhood's district.
  if (parts[0] === 'search') tags.add('list:neighbourhood');
  if (isDetail) tags.add(`doc:${parts[1]}`);
  // Syndication views of an article embed its neighbourhood and related news.
  if (isDetail && parts[2]) ['via:neighbourhood', 'via:news-item'].forEach((t) => tags.add(t));
  if (parts[0] === 'feeds' || parts[0] === 'translations')
    ['via:neighbourhood', 'via:news-item', 'list:neighbourhood', 'list:news-item'].forEach((t) => tags.add(t));
  // `populate`, `filters` and `sort` in every spelling Strapi's parser accepts (raw, %-encoded
  // brackets): each can go through a relation, so the answer depends on the related kinds too (a
  // neighbourhood renamed and republished changes `filters[neighbourhood][name]`). Be generous.
  if (/populate|filters|sort/i.test(querystring)) KINDS.forEach((k) => tags.add(`via:${k}`));
  for (const id of documentIdsIn(json)) tags.add(`doc:${id}`);
  return [...tags];
}

/** The tags a write to one document invalidates. */
export const tagsForWrite = (kind: NewsroomKind, documentId: string | null | undefined): string[] => [
  `list:${kind}`,
  `via:${kind}`,
  'graphql',
  ...(documentId ? [`doc:${documentId}`] : []),
];

/** Bytes an entry holds: key, bodies (identity and compressed) and headers. */
export function sizeOf(key: string, entry: CachedResponse): number {
  let size = key.length * 2 + entry.body.length + 256;
  for (const b of Object.values(entry.encoded)) size += b?.length ?? 0;
  for (const [k, v] of Object.entries(entry.headers)) size += (k.length + v.length) * 2;
  for (const t of entry.tags) size += t.length * 2;
  return size;
}

/**
 * A bounded LRU of responses with a tag → keys index. Bounded in entries and in bytes: a flood of
 * distinct URLs evicts the least recently used entries, it cannot grow the process.
 */
export class TaggedLru {
  /** `staleUntil`: softly invalidated, servable as stale until then (never as a hit). */
  private entries = new Map<string, { value: CachedResponse; size: number; staleUntil?: number }>();
  private byTag = new Map<string, Set<string>>();
  private bytes = 0;

  constructor(
    private maxEntries: number,
    private ttlMs: number,
    private maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  get size() {
    return this.entries.size;
  }

  get totalBytes() {
    return this.bytes;
  }

  /** A fresh entry (never one softly invalidated). */
  get(key: string, now = Date.now()): CachedResponse | undefined {
    const found = this.lookup(key, now);
    return found?.fresh ? found.value : undefined;
  }

  /** An entry, fresh or softly invalidated and still within its stale window. */
  lookup(key: string, now = Date.now()): { value: CachedResponse; fresh: boolean } | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (now - hit.value.storedAt > this.ttlMs || (hit.staleUntil !== undefined && now >= hit.staleUntil)) {
      this.delete(key);
      return undefined;
    }
    // Refresh recency: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return { value: hit.value, fresh: hit.staleUntil === undefined };
  }

  set(key: string, value: CachedResponse) {
    if (this.entries.has(key)) this.delete(key);
    const size = sizeOf(key, value);
    if (size > this.maxBytes) return; // larger than the whole cache: never kept
    this.entries.set(key, { value, size });
    this.bytes += size;
    for (const tag of value.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.evict();
  }

  /** An entry grew (a compressed variant was added): account for it and evict if needed. */
  resize(key: string) {
    const e = this.entries.get(key);
    if (!e) return;
    const size = sizeOf(key, e.value);
    this.bytes += size - e.size;
    e.size = size;
    this.evict(key);
  }

  private evict(keep?: string) {
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value as string | undefined;
      if (oldest === undefined || (oldest === keep && this.entries.size === 1)) break;
      this.delete(oldest);
    }
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
    for (const tag of entry.value.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys && keys.size === 0) this.byTag.delete(tag);
    }
  }

  /**
   * Drops every entry carrying one of the tags (hard), or with `staleUntil` (soft) marks them
   * servable as stale until then — an entry already stale keeps its earlier deadline. Returns how
   * many entries were affected.
   */
  invalidate(tags: string[], staleUntil?: number): number {
    let affected = 0;
    for (const tag of tags) {
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        const entry = this.entries.get(key)!;
        if (staleUntil === undefined) this.delete(key);
        else if (entry.staleUntil === undefined) entry.staleUntil = staleUntil;
        else continue;
        affected += 1;
      }
    }
    return affected;
  }

  clear() {
    this.entries.clear();
    this.byTag.clear();
    this.bytes = 0;
  }
}
