/**
 * The public read path, in front of Strapi's whole middleware stack (listed first in
 * config/middlewares.ts as `plugin::newsroom.read-path`):
 *
 * - a badly %-encoded URL is a 400 on every route, before a decoder can turn it into a 500;
 * - an anonymous GET of newsroom content (REST under /api/newsroom/, GraphQL queries over GET) is
 *   answered from the read cache when it can be, skipping logging, security, body parsing,
 *   routing and permissions — replaying exactly the headers the original answer had, plus `Age`
 *   and `X-Newsroom-Cache: hit`;
 * - otherwise Strapi answers, and a 200 is given an ETag and a public Cache-Control, stored, and
 *   compressed (br or gzip, once per entry) for clients that accept it.
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
import { isMalformedUrlPart, restError } from './public-reads';
import { PREVIEW_TOKEN_HEADER } from '../preview/token';
import { defaultConfig } from '../config/schema';
import { newsroomConfig, getService } from '../boundary';
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

/** The plugin's raw options, read once per request without re-validating (validated at boot). */
type RawOptions = { readPath?: { enabled?: boolean }; readCache?: { enabled?: boolean; compressMinBytes?: number } };
const rawOptions = (strapi: Strapi) => strapi.config.get<RawOptions | undefined>('plugin::newsroom') ?? {};

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
  server.on('request', function newsroomFrontDoor(req: IncomingMessage, res: ServerResponse) {
    try {
      if (answerHit(strapi, req, res, (cache ??= getService(strapi, 'read-cache')))) return;
    } catch {
      /* anything odd: Strapi decides */
    }
    strapiListener(req, res);
  });
  return true;
}

function answerHit(strapi: Strapi, req: IncomingMessage, res: ServerResponse, cache: ReadCache): boolean {
  const method = req.method;
  if (method !== 'GET' && method !== 'HEAD') return false;
  const options = rawOptions(strapi);
  if (options.readPath?.enabled === false || options.readCache?.enabled === false) return false;
  const url: string = req.url ?? '';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const querystring = q < 0 ? '' : url.slice(q + 1);
  if (!path.startsWith('/') || isMalformedUrlPart(querystring) || isMalformedUrlPart(path)) return false;
  const shape = shapeOf(path, querystring, req.headers, strapi.config.get<string>('plugin::graphql.endpoint', '/graphql'));
  if (shape.kind !== 'shared') return false;
  const hit: CachedResponse | undefined = cache.store.get(shape.key);
  if (!hit) return false;
  cache.stats.hits += 1;
  writeHit(req, res, hit, shape.key, cache, options.readCache?.compressMinBytes ?? defaultConfig.readCache.compressMinBytes);
  return true;
}

export function readPathMiddleware(strapi: Strapi) {
  const graphqlEndpoint = () => strapi.config.get<string>('plugin::graphql.endpoint', '/graphql');
  let readCache: ReadCache | null = null; // the service, resolved once (a hit should cost nothing but the lookup)

  return async function newsroomReadPath(ctx: Context, next: () => Promise<void>) {
    const options = rawOptions(strapi);
    if (options.readPath?.enabled === false) return next();

    if (isMalformedUrlPart(ctx.querystring) || isMalformedUrlPart(ctx.path)) {
      ctx.status = 400;
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = restError(400, 'BadRequestError', 'Malformed URL: invalid %-encoding in the path or query string');
      return;
    }

    const method = ctx.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
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
    const useCache = options.readCache?.enabled !== false;
    const minBytes: number = options.readCache?.compressMinBytes ?? defaultConfig.readCache.compressMinBytes;

    if (useCache) {
      const hit: CachedResponse | undefined = cache.store.get(key);
      if (hit) {
        cache.stats.hits += 1;
        ctx.respond = false;
        return writeHit(ctx.req, ctx.res, hit, key, cache, minBytes);
      }
    }

    const epoch = cache.epoch;
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
    ctx.set({
      ETag: etag,
      'Cache-Control': `public, max-age=${config.httpCache.maxAge}, stale-while-revalidate=${config.httpCache.staleWhileRevalidate}`,
      Vary: withVary(ctx.response.get('Vary'), isGraphql ? VARY_GRAPHQL : VARY_REST),
    });
    if (isObject) ctx.type = 'application/json; charset=utf-8';
    const replayable = replayableHeaders(ctx.response.headers);
    const entry: CachedResponse | null = replayable && {
      status: 200,
      headers: replayable,
      body,
      encoded: {},
      etag,
      tags: isGraphql ? ['graphql'] : tagsFor(path, querystring, json),
      storedAt: Date.now(),
    };
    if (entry && useCache) {
      cache.stats.misses += 1;
      ctx.set('X-Newsroom-Cache', 'miss');
      // A write that landed while this was being computed may have made it stale: then do not keep it.
      if (cache.epoch === epoch) cache.store.set(key, entry);
    }
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
function writeHit(request: IncomingMessage, res: ServerResponse, hit: CachedResponse, key: string, cache: ReadCache, minBytes: number) {
  const req = request.headers;
  const headers: Record<string, string | number> = { ...hit.headers, age: Math.floor((Date.now() - hit.storedAt) / 1000), 'x-newsroom-cache': 'hit' };
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
