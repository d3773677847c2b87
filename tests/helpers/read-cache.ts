/** A stored answer for the read-cache tests, shaped as the HTTP cache stores it. */
import { CachedResponse, etagOf } from '../../src/plugins/newsroom/server/src/read-path/cache';

export const cachedResponse = (body: string, tags: string[] = [], storedAt = Date.now(), headers: Record<string, string> = {}): CachedResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(body),
  encoded: {},
  etag: etagOf(body),
  tags,
  storedAt,
});
