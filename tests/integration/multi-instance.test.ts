/**
 * Two Strapi processes on one PostgreSQL database and one Redis: a write acknowledged on A is
 * visible on B (whose read cache held the old answer) within the stated bound, and boot-time work
 * runs under a database lock. Runs when DATABASE_CLIENT=postgres; with CI=true a missing PostgreSQL or
 * Redis fails the run (tests/helpers/requirements.ts), as for every service-dependent test.
 */
import { bootstrapAdmin } from '../helpers/remote';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';
import { type ServerProcess, compileApp, startStrapi } from '../helpers/strapi';
import { describeWith, postgres, redis } from '../helpers/requirements';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const onPostgres = process.env.DATABASE_CLIENT === 'postgres';
/** The bound we promise for a stale read on another instance (pub/sub delivery is ~1 ms here). */
const STALE_BOUND_MS = 1000;

(onPostgres ? describeWith([postgres(), redis()]) : describe.skip)('several instances on PostgreSQL + Redis', () => {
  const dbName = uniqueDatabaseName('multi');
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  let ready = false;

  beforeAll(async () => {
    await createDatabase(dbName);
    await compileApp();
    const env = { DATABASE_CLIENT: 'postgres', DATABASE_NAME: dbName, REDIS_URL, NODE_ENV: 'production', NEWSROOM_WRITES_PER_MINUTE: '100000' };
    [a, b] = await Promise.all([startStrapi({ env }), startStrapi({ env })]);
    token = await bootstrapAdmin(a.url);
    ready = true;
  }, 240_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await dropDatabase(dbName);
  }, 60_000);

  it('shows on B a write acknowledged on A within the bound, despite B having cached the old answer', async () => {
    expect(ready).toBe(true);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const created = await fetch(`${a.url}/api/newsroom/articles?locale=zh-Hans`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ data: { title: '多实例', exclusive: true } }),
    });
    expect(created.status).toBe(201);
    const { documentId } = (await created.json()).data;
    const path = `/api/newsroom/articles/${documentId}?locale=zh-Hans`;
    await fetch(`${b.url}${path}`);
    const cached = await fetch(`${b.url}${path}`);
    expect(cached.headers.get('x-newsroom-cache')).toBe('hit');

    const updated = await fetch(`${a.url}${path}`, { method: 'PUT', headers, body: JSON.stringify({ data: { title: '多实例(更新)' } }) });
    expect(updated.status).toBe(200);
    const acknowledged = Date.now();
    let seenAfter = -1;
    while (Date.now() - acknowledged < 5000) {
      const res = await fetch(`${b.url}${path}`);
      if ((await res.json()).data.title === '多实例(更新)') {
        seenAfter = Date.now() - acknowledged;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    console.log(`stale window on the other instance: ${seenAfter} ms (bound ${STALE_BOUND_MS} ms)`);
    expect(seenAfter).toBeGreaterThanOrEqual(0);
    expect(seenAfter).toBeLessThanOrEqual(STALE_BOUND_MS);
    const notice = (await (await fetch(`${b.url}${path}`)).json()).data.reprintNotice;
    expect(notice).toBe('文汇独家稿件,转载请注明出处。');
  });
});
