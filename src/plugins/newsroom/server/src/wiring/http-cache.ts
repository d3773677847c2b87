/**
 * Public GETs of newsroom content: ETag + Cache-Control on every response, 304 on a matching
 * If-None-Match, and (when enabled) answers from the read cache before Strapi's router runs.
 * A hit is only ever a response an anonymous request already got through the permission checks;
 * drafts and authenticated requests bypass the cache and are marked private.
 */
import { cacheKey, etagMatches, etagOf, tagsFor } from '../domain/read-cache';
import { newsroomConfig, getService } from '../utils';

const PREFIX = '/api/newsroom/';
/** GraphQL over GET (queries only, no mutations) is cached too; any newsroom write drops it. */
const isGraphqlGet = (ctx: any) => ctx.path === '/graphql' && ctx.method === 'GET' && /(^|&)query=/.test(ctx.querystring);

export function httpCacheMiddleware(strapi: any) {
  return async (ctx: any, next: () => Promise<void>) => {
    const graphql = isGraphqlGet(ctx);
    if (!graphql && (!ctx.path.startsWith(PREFIX) || (ctx.method !== 'GET' && ctx.method !== 'HEAD'))) return next();
    const config = newsroomConfig(strapi);
    if (ctx.get('authorization') || /(^|&)status=draft(&|$)/.test(ctx.querystring)) {
      await next();
      ctx.set('Cache-Control', 'private, no-store');
      return;
    }
    const cache = getService(strapi, 'read-cache');
    const publicControl = `public, max-age=${config.httpCache.maxAge}, stale-while-revalidate=${config.httpCache.staleWhileRevalidate}`;
    const key = cacheKey(ctx.path, ctx.querystring);
    const useCache = config.readCache.enabled;

    const hit = useCache ? cache.store.get(key) : undefined;
    if (hit) {
      cache.stats.hits += 1;
      ctx.set({ ETag: hit.etag, 'Cache-Control': publicControl, 'X-Newsroom-Cache': 'hit' });
      if (etagMatches(ctx.get('if-none-match'), hit.etag)) {
        ctx.status = 304;
        return;
      }
      ctx.status = hit.status;
      ctx.type = hit.type;
      ctx.body = hit.body;
      return;
    }

    const epoch = cache.epoch;
    await next();
    if (ctx.status !== 200 || ctx.body == null || typeof ctx.body.pipe === 'function') return;
    if (graphql && Array.isArray(ctx.body?.errors)) return;
    const isJson = typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body);
    const body = isJson ? JSON.stringify(ctx.body) : Buffer.isBuffer(ctx.body) ? ctx.body.toString('utf8') : String(ctx.body);
    const type = isJson ? 'application/json; charset=utf-8' : ctx.response.get('Content-Type') || 'text/plain; charset=utf-8';
    const etag = etagOf(body);
    ctx.set({ ETag: etag, 'Cache-Control': publicControl });
    if (useCache) {
      cache.stats.misses += 1;
      ctx.set('X-Newsroom-Cache', 'miss');
      // A write that landed while this was being computed may have made it stale: then do not keep it.
      if (cache.epoch === epoch) {
        cache.store.set(key, { status: 200, type, body, etag, tags: graphql ? ['graphql'] : tagsFor(ctx.path, ctx.querystring, isJson ? ctx.body : null), storedAt: Date.now() });
      }
    }
    if (etagMatches(ctx.get('if-none-match'), etag)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    ctx.type = type;
    ctx.body = body;
  };
}
