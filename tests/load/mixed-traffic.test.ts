/**
 * Mixed traffic against two instances (PostgreSQL + Redis): 90 % public reads, 10 % writes through
 * the API (updates spread over every document of the corpus, and creates), at 32 connections for
 * LOAD_SECONDS (60 by default; CI runs a short form). Afterwards: no 5xx, no failed write, every
 * acknowledged write verified in the database, and the newsroom check finds nothing.
 * Loopback only, bounded in time and count. With CI=true a missing PostgreSQL or Redis fails.
 */
import path from 'path';
import { execFile } from 'child_process';
import { promisify } from 'util';
import { bootstrapAdmin } from '../helpers/remote';
import { createDatabase, pgClient, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';
import { type ServerProcess, compileApp, startStrapi } from '../helpers/strapi';
import { describeWith, postgres, redis } from '../helpers/requirements';
import { strapiEnv } from '../helpers/env';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 32);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DOCUMENTS = Number(process.env.LOAD_DOCUMENTS ?? 60);

describeWith([postgres(), redis()])('load: mixed traffic on two instances', () => {
  const dbName = uniqueDatabaseName('load');
  let instances: ServerProcess[] = [];
  let token: string;

  beforeAll(async () => {
    await createDatabase(dbName);
    await compileApp();
    const env = {
      DATABASE_CLIENT: 'postgres',
      DATABASE_NAME: dbName,
      REDIS_URL,
      NODE_ENV: 'production',
      NEWSROOM_WRITES_PER_MINUTE: '1000000',
      DATABASE_POOL_MAX: '10',
    };
    instances = await Promise.all([startStrapi({ env }), startStrapi({ env })]);
    token = await bootstrapAdmin(instances[0].url);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await dropDatabase(dbName);
  }, 60_000);

  it(
    `${CONNECTIONS} connections for ${SECONDS} s: no 5xx, no lost write, no rule violated`,
    async () => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      // A corpus to read and update: every document gets written, one write per document at a time.
      const docs: string[] = [];
      for (let i = 0; i < DOCUMENTS; i += 1) {
        const res = await fetch(`${instances[0].url}/api/newsroom/articles?locale=zh-Hans`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ data: { title: `负载文章 ${i}`, exclusive: i % 2 === 0, origin: i % 2 ? { outlet: '中新网' } : null } }),
        });
        expect(res.status).toBe(201);
        docs.push((await res.json()).data.documentId);
      }
      /** Last acknowledged title per updated document (writes to one document never overlap, so it is the final one). */
      const acknowledged = new Map<string, string>();
      /** Every acknowledged create: its document must exist with exactly this title. */
      const created = new Map<string, string>();
      const inFlight = new Set<string>();
      const stats = { reads: 0, writes: 0, updates: 0, creates: 0, fiveXx: 0, failedWrites: 0, other: 0 };
      const deadline = Date.now() + SECONDS * 1000;
      let n = 0;
      let nextDoc = 0;
      let nextCreate = 0;
      const write = async (base: string) => {
        stats.writes += 1;
        // Every fifth write creates a document; the others update the corpus round-robin.
        if (stats.writes % 5 === 0) {
          const title = `负载新建 ${process.pid} ${(nextCreate += 1)}`;
          const res = await fetch(`${base}/api/newsroom/articles?locale=zh-Hans`, { method: 'POST', headers, body: JSON.stringify({ data: { title } }) }).catch(
            () => null,
          );
          stats.creates += 1;
          if (!res || res.status >= 500) stats.fiveXx += 1;
          if (!res || res.status !== 201) stats.failedWrites += 1;
          else created.set((await res.json()).data.documentId, title);
          await res?.arrayBuffer().catch(() => undefined);
          return;
        }
        let id = docs[nextDoc++ % docs.length];
        for (let tries = 0; inFlight.has(id) && tries < docs.length; tries += 1) id = docs[nextDoc++ % docs.length];
        if (inFlight.has(id)) return;
        inFlight.add(id);
        try {
          const title = `负载文章 ${id.slice(0, 6)} v${stats.writes}`;
          const res = await fetch(`${base}/api/newsroom/articles/${id}?locale=zh-Hans`, {
            method: 'PUT',
            headers,
            body: JSON.stringify({ data: { title } }),
          }).catch(() => null);
          stats.updates += 1;
          if (!res || res.status >= 500) stats.fiveXx += 1;
          if (!res || res.status !== 200) stats.failedWrites += 1;
          else acknowledged.set(id, title);
          await res?.arrayBuffer();
        } finally {
          inFlight.delete(id);
        }
      };
      const worker = async (w: number) => {
        while (Date.now() < deadline) {
          const base = instances[(w + n) % instances.length].url;
          n += 1;
          if (n % 10 === 0) {
            await write(base);
          } else {
            const paths = [
              '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=10&populate[relatedNews]=true',
              `/api/newsroom/articles/${docs[n % docs.length]}?locale=zh-Hans`,
              '/api/newsroom/neighbourhoods?locale=zh-Hans',
            ];
            const res = await fetch(`${base}${paths[n % paths.length]}`).catch(() => null);
            stats.reads += 1;
            if (!res || res.status >= 500) stats.fiveXx += 1;
            else if (res.status !== 200) stats.other += 1;
            await res?.arrayBuffer();
          }
        }
      };
      await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
      console.log(
        `load: ${stats.reads} reads, ${stats.writes} writes (${stats.updates} updates over ${acknowledged.size} documents, ${stats.creates} creates) in ${SECONDS} s ` +
          `(${((stats.reads + stats.writes) / SECONDS).toFixed(0)} req/s), ${stats.fiveXx} 5xx, ${stats.failedWrites} failed writes`,
      );
      expect(stats.fiveXx).toBe(0);
      expect(stats.failedWrites).toBe(0);
      expect(stats.other).toBe(0);
      // The writes really spread: most of the corpus was updated (not two documents as before).
      expect(acknowledged.size).toBeGreaterThanOrEqual(Math.min(docs.length, Math.floor(stats.updates / 2)));

      // Every acknowledged write is there: each updated document carries its last acknowledged
      // title in every row (draft and published), each acknowledged create exists with its title.
      const db = pgClient(dbName);
      await db.connect();
      const { rows } = await db.query(
        `select document_id, title, published_at is not null as published, exclusive, reprint_notice, credit_line from newsroom_articles where locale = 'zh-Hans'`,
      );
      await db.end();
      const byDocument = new Map<string, any[]>();
      for (const r of rows) byDocument.set(r.document_id, [...(byDocument.get(r.document_id) ?? []), r]);
      const missing: string[] = [];
      for (const [id, title] of [...acknowledged, ...created]) {
        const mine = byDocument.get(id) ?? [];
        if (mine.length === 0 || mine.some((r) => r.title !== title))
          missing.push(`${id}: ${title} (stored: ${mine.map((r) => r.title).join(' / ') || 'nothing'})`);
      }
      expect(missing).toEqual([]);
      for (const r of rows) {
        expect(r.reprint_notice).toBe(r.exclusive ? '文汇独家稿件,转载请注明出处。' : null);
      }

      // And the newsroom's own check, as an operator would run it.
      const check = await run('node', ['node_modules/.bin/newsroom', 'check', '--json'], {
        cwd: ROOT,
        // The servers' environment (secrets included), so the check needs no .env from prepare:env.
        env: strapiEnv({ DATABASE_CLIENT: 'postgres', DATABASE_NAME: dbName, NODE_ENV: 'production' }),
        maxBuffer: 64 << 20,
      });
      expect(JSON.parse(check.stdout.slice(check.stdout.indexOf('{'))).violations).toEqual([]);
    },
    (SECONDS + 180) * 1000,
  );
});
