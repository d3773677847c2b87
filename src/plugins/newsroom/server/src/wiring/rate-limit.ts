/**
 * Writes to the newsroom content API are limited per client (IP + credential): a leaked token or
 * a runaway script gets 429s instead of flooding editors' content.
 */
import { createHash } from 'crypto';
import { WindowCounter } from '../domain/rate-limit';
import { newsroomConfig } from '../utils';

export function writeRateLimit(strapi: any) {
  let counter: WindowCounter | null = null;
  let key = '';
  return async (ctx: any, next: () => Promise<void>) => {
    if (!ctx.path.startsWith('/api/newsroom/') || ['GET', 'HEAD', 'OPTIONS'].includes(ctx.method)) return next();
    const { rateLimit } = newsroomConfig(strapi);
    if (!rateLimit.enabled) return next();
    const k = `${rateLimit.writesPerWindow}/${rateLimit.windowSeconds}`;
    if (!counter || key !== k) {
      counter = new WindowCounter(rateLimit.writesPerWindow, rateLimit.windowSeconds * 1000);
      key = k;
    }
    const credential = createHash('sha1').update(ctx.get('authorization') || '').digest('hex').slice(0, 12);
    const wait = counter.hit(`${ctx.ip}:${credential}`);
    if (wait > 0) {
      ctx.status = 429;
      ctx.set('Retry-After', String(wait));
      ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message: `Too many writes; retry in ${wait} s`, details: {} } };
      return;
    }
    return next();
  };
}
