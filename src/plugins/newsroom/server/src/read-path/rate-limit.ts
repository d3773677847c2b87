/**
 * Write limits, as pure functions: who is writing (an authenticated credential, else the address,
 * whose anonymous and refused-credential writes share one budget apart from every writer's),
 * which requests are writes (paths matched the way Strapi's router matches them, GraphQL
 * mutations), and a bounded LRU of fixed-window counters.
 */

/** A credential Strapi would accept: an admin user, an API token or an end user, by its id. */
export interface WriterIdentity {
  kind: 'admin' | 'api-token' | 'user';
  id: string | number;
}

/**
 * The counter a write is charged to. Authenticated writers count per credential, wherever they
 * write from (an editor behind the same proxy as a flood is never limited by the address alone);
 * anonymous requests and credentials Strapi would refuse count per address, in a budget of their own.
 */
export const writerKey = (identity: WriterIdentity | null, address: string): string => (identity ? `${identity.kind}:${identity.id}` : `anonymous:${address}`);

/**
 * The bearer token Strapi's auth strategies would read from an Authorization header (api-token,
 * admin session and users-permissions all split on whitespace and compare the scheme
 * case-insensitively, requiring exactly two parts), else null: then Strapi authenticates nothing
 * and the request is the address's.
 */
export function bearerToken(header: string | string[] | undefined | null): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return null;
  const parts = value.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0].toLowerCase() !== 'bearer' || !parts[1]) return null;
  return parts[1];
}

/** Path as the router compares it: percent-decoded where valid, lower-cased (routes are case-insensitive). */
export function routerPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    /* malformed escapes: the router would not match them either; compare as sent */
  }
  return decoded.toLowerCase();
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A write to newsroom content over the content API or the Content Manager (case-insensitive, like the router). */
export function isNewsroomWritePath(method: string, path: string): boolean {
  if (READ_METHODS.has(method.toUpperCase())) return false;
  const p = routerPath(path);
  if (p === '/api/newsroom' || p.startsWith('/api/newsroom/')) return true;
  return p.startsWith('/content-manager/') && p.includes('plugin::newsroom.');
}

const MUTATION_WORD = /\bmutation\b/;

/** The part of a parsed GraphQL document read here (graphql's DocumentNode fits it). */
interface ParsedDocument {
  definitions: ReadonlyArray<{ kind: string; operation?: string }>;
}

/**
 * True when a GraphQL request body (one operation or a batch) holds a mutation. `parse` is
 * graphql's parser (passed in so this module stays free of dependencies); text that does not
 * parse is not counted (Apollo refuses it before a resolver runs).
 */
export function hasGraphqlMutation(body: unknown, parse: (text: string) => ParsedDocument): boolean {
  const operations = Array.isArray(body) ? body : [body];
  for (const op of operations) {
    const query = op && typeof op === 'object' ? (op as Record<string, unknown>).query : undefined;
    if (typeof query !== 'string' || !MUTATION_WORD.test(query)) continue;
    try {
      const doc = parse(query);
      if (doc.definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation')) return true;
    } catch {
      /* not a document */
    }
  }
  return false;
}

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed-window counters per client in a Map kept in least-recently-used order: each hit moves its
 * key to the end, so expired windows gather at the front and are dropped a few at a time (O(1)
 * per hit); the table never holds more than `maxClients` keys (the least recently seen goes first).
 */
export class WindowCounter {
  private windows = new Map<string, Window>();

  constructor(
    private max: number,
    private windowMs: number,
    private maxClients = 50_000,
  ) {}

  get size() {
    return this.windows.size;
  }

  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  hit(client: string, now = Date.now()): number {
    let w = this.windows.get(client);
    if (w) this.windows.delete(client);
    if (!w || now - w.start >= this.windowMs) w = { start: now, count: 0 };
    this.windows.set(client, w);
    this.prune(now);
    w.count += 1;
    return w.count > this.max ? this.waitSeconds(w, now) : 0;
  }

  /** Seconds to wait when this client is already over the limit (without counting a hit), else 0. */
  blocked(client: string, now = Date.now()): number {
    const w = this.windows.get(client);
    if (!w || now - w.start >= this.windowMs || w.count < this.max) return 0;
    return this.waitSeconds(w, now);
  }

  private waitSeconds(w: Window, now: number) {
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  private prune(now: number) {
    // Look at most two entries at the front (the least recently seen) per hit: O(1). A window that
    // expired behind a live one is reset on its client's next hit and bounded by maxClients anyway.
    for (let i = 0; i < 2; i += 1) {
      const first = this.windows.entries().next();
      if (first.done) return;
      const [key, w] = first.value;
      if (now - w.start < this.windowMs) break;
      this.windows.delete(key);
    }
    while (this.windows.size > this.maxClients) this.windows.delete(this.windows.keys().next().value as string);
  }
}
