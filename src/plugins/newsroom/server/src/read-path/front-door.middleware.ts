/**
 * The public read path, in front of Strapi's whole middleware stack (listed first in
 * config/middlewares.ts as `plugin::newsroom.read-path`):
 *
 * - a badly %-encoded URL is a 400 on every route, before a decoder can turn it into a 500;
 * - an anonymous GET of newsroom content (REST under /api/newsroom/, GraphQL queries over GET) is
 *   answered from the read cache when it can be, skipping logging, security, body parsing,
 *   routing and permissions — replaying exactly the headers the original answer had, plus `Age`
 *   and `X-Newsroom-Cache: hit`;
 * - otherwise Strapi answers, and a 200 is given an ETag, a public Cache-Control (short for
 *   browsers, long for the edge) and its tags for the edge (edge.ts), stored, and compressed (br or
 *   gzip, once per entry) for clients that accept it.
 *
 * Misses are collapsed (collapse.ts): while one request renders a key, other requests for it wait
 * for that render (at most `readCache.collapseWaitMs`) and are answered from it
 * (`X-Newsroom-Cache: collapsed`). After a soft invalidation the old answer is served
 * (`X-Newsroom-Cache: stale`, a one-second edge lifetime) while the first request to find it
 * stale renders the new one.
 *
 * A hit is only ever an answer an anonymous request already got through the permission checks.
 * Requests with credentials, and every request naming `status`, bypass the cache; errors (GraphQL
 * `errors` in a 200 included) and answers that set cookies are never stored.
 */
import zlib from 'zlib';
import {
  CachedResponse,
  GRAPHQL_SHAPING_HEADERS,
  SHAPING_HEADERS,
  cacheKey,
  chooseEncoding,
  etagMatches,
  etagOf,
  replayableHeaders,
  tagsFor,
  withVary,
} from './cache';
import { Flight, readAction } from './collapse';
import { RACED_CACHE_CONTROL, edgeHeaders } from './edge';
import { isMalformedUrlPart, restError } from './public-reads';
import { invalidationsOf } from './read-cache.service';
import { PREVIEW_TOKEN_HEADER } from '../preview/token';
import { getService } from '../boundary';
import { liveOption, newsroomConfig } from '../config/options';
import type { Strapi, Context, NewsroomService } from '../boundary';
import type { IncomingMessage, ServerResponse } from 'http';

type ReadCache = NewsroomService<'read-cache'>;

const PREFIX = '/api/newsroom/';
const PREVIEW_HEADER = PREVIEW_TOKEN_HEADER.toLowerCase();
const PREVIEW_PREFIX = `${PREFIX}preview/`;
/** The router matches paths case-insensitively and percent-decoded: so does this. */
const isPreviewPath = (path: string) => {
  const lower = path.toLowerCase();
  if (lower.startsWith(PREVIEW_PREFIX)) return true;
  try {
    return decodeURIComponent(lower).startsWith(PREVIEW_PREFIX);
  } catch {
    return false;
  }
};
/**
 * An answer its handler marked private is never stored, whatever the request looked like. Only
 * `private` counts: Apollo sends `no-store` on every GraphQL answer by default, and the read path
 * sets the Cache-Control of what it stores itself.
 */
const isPrivateAnswer = (cacheControl: string | undefined) => /\bprivate\b/i.test(cacheControl ?? '');
const VARY_REST = ['Accept-Encoding', 'Origin', 'Strapi-Response-Format', 'Strapi-Encode-Source-Maps'];
const VARY_GRAPHQL = [...VARY_REST, 'Accept'];

const compress = (body: Buffer, encoding: 'br' | 'gzip'): Buffer =>
  encoding === 'br'
    ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : zlib.gzipSync(body, { level: 6 });

/** What a GET/HEAD is to the read path: not ours, ours but never shared, or ours with a cache key. */
type Shape = { kind: 'other' } | { kind: 'private' } | { kind: 'apollo-refusal' } | { kind: 'shared'; key: string; isGraphql: boolean };

function shapeOf(path: string, querystring: string, headers: Record<string, unknown>, graphqlEndpoint: string): Shape {
  const isRest = path.startsWith(PREFIX);
  const isGraphql = !isRest && path === graphqlEndpoint && /(^|&)query=/.test(querystring);
  if (!isRest && !isGraphql) return { kind: 'other' };
  // Credentials, a preview (its route, in any case the router accepts, or its token header), or a
  // mention of `status` (in every spelling qs decodes): never shared.
  if (headers.authorization || headers[PREVIEW_HEADER] !== undefined || isPreviewPath(path) || /status/i.test(decodeURIComponent(querystring)))
    return { kind: 'private' };
  // Apollo refuses GET queries without a non-simple header (CSRF prevention): let it say so.
  if (isGraphql && !headers['apollo-require-preflight'] && !headers['x-apollo-operation-name']) return { kind: 'apollo-refusal' };
  const shaping = isGraphql ? GRAPHQL_SHAPING_HEADERS : SHAPING_HEADERS;
  return {
    kind: 'shared',
    key: cacheKey(
      path,
      querystring,
      shaping.map((h) => headers[h] as string | undefined),
    ),
    isGraphql,
  };
}

/** Requests that lead the render of their key (set by the front door, settled by the middleware). */
const leaders = new WeakMap<IncomingMessage, Flight<CachedResponse>>();

/** How a stored answer is sent: as a hit, as the answer of another request's render, or stale. */
type Served = 'hit' | 'collapsed' | 'stale';
/** A stale answer may stay at the edge for a second only: the refresh is on its way. */
const STALE_EDGE_HEADERS = { 'cache-control': 'public, max-age=0, s-maxage=1', 'surrogate-control': 'max-age=1' };

/**
 * The front door: the HTTP server's request listener, wrapped so a cache hit is answered before
 * Koa builds a context at all (the Koa middleware below answers the same hits when a request
 * reaches Strapi another way). Anything but a hit goes on to Strapi untouched.
 */
export function installFrontDoor(strapi: Strapi) {
  const server = strapi.server.httpServer;
  const strapiListeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  if (strapiListeners.length !== 1) return false; // someone else wraps it too: leave it alone
  const [strapiListener] = strapiListeners;
  let cache: ReadCache | null = null;
  server.removeListener('request', strapiListener);

  const serve = (req: IncomingMessage, res: ServerResponse, deadline?: number) => {
    let waiting: { key: string; waitMs: number } | null = null;
    try {
      const answer = frontDoorAnswer(strapi, req, res, (cache ??= getService(strapi, 'read-cache')));
      if (answer === 'answered') return;
      if (answer !== 'strapi') waiting = answer;
    } catch {
      /* anything odd: Strapi decides */
    }
    if (!waiting) return strapiListener(req, res);
    // Another request is rendering this key: its answer, or (failed, too slow) decide again.
    const { key, waitMs } = waiting;
    const until = deadline ?? Date.now() + waitMs;
    void cache!.renders.follow(key, Math.max(0, until - Date.now())).then((entry) => {
      if (res.writableEnded || res.destroyed) return;
      if (entry) {
        cache!.stats.collapsed += 1;
        return writeHit(req, res, entry, key, cache!, liveOption(strapi, 'readCache', 'compressMinBytes'), 'collapsed');
      }
      if (Date.now() >= until) return strapiListener(req, res);
      serve(req, res, until);
    });
  };
  server.on('request', function newsroomFrontDoor(req: IncomingMessage, res: ServerResponse) {
    serve(req, res);
  });
  return true;
}

/**
 * What the front door does with a request: answer it from the store, pass it to Strapi (as the
 * render of its key, when it leads one), or wait for the render in progress.
 */
function frontDoorAnswer(strapi: Strapi, req: IncomingMessage, res: ServerResponse, cache: ReadCache): 'answered' | 'strapi' | { key: string; waitMs: number } {
  const method = req.method;
  if (method !== 'GET' && method !== 'HEAD') return 'strapi';
  // Each setting read alone, as configured now: this runs before every request.
  if (!liveOption(strapi, 'readPath', 'enabled') || !liveOption(strapi, 'readCache', 'enabled')) return 'strapi';
  const url: string = req.url ?? '';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const querystring = q < 0 ? '' : url.slice(q + 1);
  if (!path.startsWith('/') || isMalformedUrlPart(querystring) || isMalformedUrlPart(path)) return 'strapi';
  const shape = shapeOf(path, querystring, req.headers, strapi.config.get<string>('plugin::graphql.endpoint', '/graphql'));
  if (shape.kind !== 'shared') return 'strapi';
  const { key } = shape;
  const found = cache.store.lookup(key);
  const action = readAction(found ? (found.fresh ? 'fresh' : 'stale') : 'none', cache.renders.current(key) !== undefined);
  if (action === 'hit' || action === 'stale') {
    cache.stats[action === 'hit' ? 'hits' : 'stale'] += 1;
    writeHit(req, res, found!.value, key, cache, liveOption(strapi, 'readCache', 'compressMinBytes'), action);
    return 'answered';
  }
  if (action === 'follow') return { key, waitMs: liveOption(strapi, 'readCache', 'collapseWaitMs') };
  // This request renders the key (a HEAD gets no body to share: it never leads).
  const flight = method === 'GET' ? cache.renders.lead(key) : null;
  if (flight) {
    leaders.set(req, flight);
    // Whatever happens to the request (error, not storable, closed early), its waiters are released.
    res.once('close', () => cache.renders.settle(flight, null));
  }
  return 'strapi';
}

export function readPathMiddleware(strapi: Strapi) {
  const graphqlEndpoint = () => strapi.config.get<string>('plugin::graphql.endpoint', '/graphql');
  let readCache: ReadCache | null = null; // the service, resolved once (a hit should cost nothing but the lookup)
  let edgePurge: NewsroomService<'edge-purge'> | null = null;

  return async function newsroomReadPath(ctx: Context, next: () => Promise<void>) {
    if (!liveOption(strapi, 'readPath', 'enabled')) return next();

    if (isMalformedUrlPart(ctx.querystring) || isMalformedUrlPart(ctx.path)) {
      ctx.status = 400;
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = restError(400, 'BadRequestError', 'Malformed URL: invalid %-encoding in the path or query string');
      return;
    }

    const method = ctx.method;
    if (method !== 'GET' && method !== 'HEAD') {
      await next();
      // A write answers once what it made stale is gone from every instance and the edge.
      await invalidationsOf(ctx);
      return;
    }
    const path: string = ctx.path;
    const querystring: string = ctx.querystring;
    const headers = ctx.req.headers;
    const shape = shapeOf(path, querystring, headers, graphqlEndpoint());
    if (shape.kind === 'other' || shape.kind === 'apollo-refusal') return next();
    if (shape.kind === 'private') {
      await next();
      ctx.set('Cache-Control', 'private, no-store');
      return;
    }
    const { key, isGraphql } = shape;
    const cache = (readCache ??= getService(strapi, 'read-cache'));
    const useCache = liveOption(strapi, 'readCache', 'enabled');
    const minBytes = liveOption(strapi, 'readCache', 'compressMinBytes');

    if (useCache) {
      const hit: CachedResponse | undefined = cache.store.get(key);
      if (hit) {
        cache.stats.hits += 1;
        ctx.respond = false;
        return writeHit(ctx.req, ctx.res, hit, key, cache, minBytes, 'hit');
      }
    }

    const epoch = cache.epoch;
    const flight = leaders.get(ctx.req);
    await next();
    if (method !== 'GET' || ctx.status !== 200 || ctx.body == null || typeof (ctx.body as { pipe?: unknown }).pipe === 'function') return;
    if (isPrivateAnswer(ctx.response.get('Cache-Control'))) return;

    const config = newsroomConfig(strapi);
    const isObject = typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body);
    const body = isObject ? Buffer.from(JSON.stringify(ctx.body)) : Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.from(String(ctx.body));
    let json: unknown = isObject ? ctx.body : null;
    if (isGraphql) {
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return;
      }
      if ((json as { errors?: unknown } | null)?.errors) return; // an error in a 200 is still an error
    }
    const etag = etagOf(body);
    const tags = isGraphql ? ['graphql'] : tagsFor(path, querystring, json);
    // A write that landed while this was being computed may have made it stale: then neither this
    // cache nor the edge keeps it (its client still gets it: it asked before the write answered).
    const raced = cache.epoch !== epoch;
    ctx.set({
      ETag: etag,
      ...edgeHeaders(tags, config.httpCache, config.edge, (edgePurge ??= getService(strapi, 'edge-purge')).purging),
      ...(raced ? { 'Cache-Control': RACED_CACHE_CONTROL } : {}),
      Vary: withVary(ctx.response.get('Vary'), isGraphql ? VARY_GRAPHQL : VARY_REST),
    });
    if (raced) ctx.remove('Surrogate-Control');
    if (isObject) ctx.type = 'application/json; charset=utf-8';
    const replayable = replayableHeaders(ctx.response.headers);
    const entry: CachedResponse | null = replayable && { status: 200, headers: replayable, body, encoded: {}, etag, tags, storedAt: Date.now() };
    if (entry && useCache) {
      cache.stats.misses += 1;
      ctx.set('X-Newsroom-Cache', 'miss');
      if (!raced) cache.store.set(key, entry);
    }
    // The requests waiting for this render get it only if it was kept (else they render again).
    if (flight) cache.renders.settle(flight, entry && useCache && !raced ? entry : null);
    if (etagMatches(headers['if-none-match'], etag)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    const encoding = body.length >= minBytes ? chooseEncoding(headers['accept-encoding']) : 'identity';
    if (encoding === 'identity' || !entry) {
      ctx.body = body;
      return;
    }
    const encoded = compress(body, encoding);
    entry.encoded[encoding] = encoded;
    if (useCache) cache.store.resize(key);
    ctx.set('Content-Encoding', encoding);
    ctx.body = encoded;
  };
}

/** Answers a hit straight on the socket: no Koa response handling, no work but the write. */
function writeHit(request: IncomingMessage, res: ServerResponse, hit: CachedResponse, key: string, cache: ReadCache, minBytes: number, served: Served) {
  const req = request.headers;
  const headers: Record<string, string | number> = {
    ...hit.headers,
    ...(served === 'stale' ? STALE_EDGE_HEADERS : {}),
    age: Math.floor((Date.now() - hit.storedAt) / 1000),
    'x-newsroom-cache': served,
  };
  if (etagMatches(req['if-none-match'], hit.etag)) {
    delete headers['content-type'];
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let body = hit.body;
  const encoding = body.length >= minBytes ? chooseEncoding(req['accept-encoding']) : 'identity';
  if (encoding !== 'identity') {
    let encoded = hit.encoded[encoding];
    if (!encoded) {
      encoded = hit.encoded[encoding] = compress(body, encoding);
      cache.store.resize(key);
    }
    body = encoded;
    headers['content-encoding'] = encoding;
  }
  headers['content-length'] = body.length;
  res.writeHead(hit.status, headers);
  res.end(request.method === 'HEAD' ? undefined : body);
}
