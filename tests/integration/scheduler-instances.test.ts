/**
 * The embargo auto-publisher across processes: two Strapi instances on one database (a SQLite file
 * by default, a fresh PostgreSQL database with DATABASE_CLIENT=postgres) publish a due story once,
 * and a story scheduled before a restart is published at its time by the restarted instance.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { bootstrapAdmin } from '../helpers/remote';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';
import { type ServerProcess, compileApp, startStrapi } from '../helpers/strapi';

const onPostgres = process.env.DATABASE_CLIENT === 'postgres';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('embargo auto-publisher on several instances', () => {
  const dbName = uniqueDatabaseName('sched');
  const dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-sched-')), 'data.db');
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    NEWSROOM_WRITES_PER_MINUTE: '100000',
    NEWSROOM_SCHEDULER_INTERVAL_MS: '1000',
    STRAPI_LOG_LEVEL: 'info',
    LOG_LEVEL: 'info',
    ...(onPostgres ? { DATABASE_CLIENT: 'postgres', DATABASE_NAME: dbName } : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: dbFile }),
  };
  const running: ServerProcess[] = [];
  let token: string;

  const start = async () => {
    const inst = await startStrapi({ env });
    running.push(inst);
    return inst;
  };
  const stop = async (inst: ServerProcess) => {
    await inst.stop();
    running.splice(running.indexOf(inst), 1);
  };
  const call = async (inst: ServerProcess, method: string, url: string, body?: unknown) => {
    const res = await fetch(`${inst.url}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  /** A zh-Hans + en draft, embargoed until `until`, to be published automatically. */
  const schedule = async (inst: ServerProcess, label: string, until: Date) => {
    const zh = await call(inst, 'POST', '/api/newsroom/articles?locale=zh-Hans&status=draft', {
      data: { title: `定时发布 ${label}`, exclusive: true, embargoUntil: until.toISOString(), autoPublish: true },
    });
    expect(zh.status).toBe(201);
    const id = zh.body.data.documentId;
    const en = await call(inst, 'PUT', `/api/newsroom/articles/${id}?locale=en&status=draft`, { data: { title: `Scheduled ${label}` } });
    expect(en.status).toBe(200);
    return id as string;
  };
  const publishedAt = async (inst: ServerProcess, id: string, locale: string) => {
    const res = await fetch(`${inst.url}/api/newsroom/articles/${id}?locale=${locale}`);
    return res.status === 200 ? new Date((await res.json()).data.publishedAt) : null;
  };
  const waitPublished = async (inst: ServerProcess, id: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [zh, en] = [await publishedAt(inst, id, 'zh-Hans'), await publishedAt(inst, id, 'en')];
      if (zh && en) return { zh, en };
      await sleep(250);
    }
    throw new Error(`${id} was not published in ${timeoutMs} ms`);
  };
  const publications = (id: string) =>
    running.reduce((sum, inst) => sum + (inst.output().match(new RegExp(`scheduler: published ${id}`, 'g'))?.length ?? 0), 0);

  beforeAll(async () => {
    if (onPostgres) {
      await createDatabase(dbName);
    }
    await compileApp();
    // One after the other: the first creates the schema.
    const a = await start();
    await start();
    token = await bootstrapAdmin(a.url);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(running.map((i) => i.stop()));
    if (onPostgres) {
      await dropDatabase(dbName);
    } else {
      fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
    }
  }, 60_000);

  it('publishes a due story on exactly one of two instances, within 10 s of its time', async () => {
    const [a, b] = running;
    const until = new Date(Date.now() + 5000);
    const id = await schedule(a, 'two', until);
    const { zh, en } = await waitPublished(b, id, 20_000);
    for (const at of [zh, en]) {
      expect(at.getTime()).toBeGreaterThanOrEqual(until.getTime());
      expect(at.getTime() - until.getTime()).toBeLessThan(10_000);
    }
    // Both instances kept polling for a few more passes: still one publication, by one of them.
    await sleep(3000);
    expect(publications(id)).toBe(1);
    expect([a, b].filter((i) => i.output().includes(`scheduler: published ${id}`))).toHaveLength(1);
    expect(await publishedAt(a, id, 'zh-Hans')).toEqual(zh);
  }, 60_000);

  it('publishes at its time a story scheduled before every instance restarted (nothing kept in memory)', async () => {
    const until = new Date(Date.now() + 45_000);
    const id = await schedule(running[0], 'restart', until);
    await Promise.all([...running].map(stop));
    const fresh = await start();
    expect(until.getTime()).toBeGreaterThan(Date.now());
    const { zh, en } = await waitPublished(fresh, id, until.getTime() - Date.now() + 15_000);
    for (const at of [zh, en]) {
      expect(at.getTime()).toBeGreaterThanOrEqual(until.getTime());
      expect(at.getTime() - until.getTime()).toBeLessThan(10_000);
    }
    expect(publications(id)).toBe(1);
  }, 240_000);
});
