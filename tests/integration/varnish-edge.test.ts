/**
 * A real edge: Varnish 7 (deploy/varnish/newsroom.vcl, xkey) in front of two Strapi instances on
 * one PostgreSQL database and Redis, purged by tag by the instance that takes each write. Readers go
 * through Varnish only. Runs when DATABASE_CLIENT=postgres (like multi-instance.test.ts); with
 * CI=true a missing varnishd, PostgreSQL or Redis fails the run.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { adminToken, bootstrapAdmin } from '../helpers/remote';
import { freePort } from '../helpers/env';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';
import { describeWith, postgres, redis, varnish } from '../helpers/requirements';
import { type ServerProcess, compileApp, startStrapi } from '../helpers/strapi';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const onPostgres = process.env.DATABASE_CLIENT === 'postgres';
const VCL = path.join(__dirname, '../../deploy/varnish/newsroom.vcl');
/** The promise for an edit: Varnish serves the new title within this long of the write's answer. */
const EDIT_BOUND_MS = 1000;

/** The shipped VCL with the two backends' ports set to the instances'. */
function vclFor(ports: [number, number]): string {
  let i = 0;
  const out = fs.readFileSync(VCL, 'utf8').replace(/\.port = "\d+";/g, () => `.port = "${ports[i++]}";`);
  if (i !== 2) throw new Error(`expected two backends in ${VCL}, found ${i}`);
  return out;
}

async function startVarnish(port: number, backends: [number, number]): Promise<{ url: string; stop: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h-edge-varnish-'));
  const vcl = path.join(dir, 'newsroom.vcl');
  fs.writeFileSync(vcl, vclFor(backends));
  // varnishd drops privileges (to its own user) when started as root: it must be able to read these.
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(vcl, 0o644);
  const child: ChildProcess = spawn(process.env.VARNISHD_PATH || 'varnishd', ['-F', '-a', `127.0.0.1:${port}`, '-f', vcl, '-n', dir, '-s', 'malloc,64m'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`varnishd exited (${child.exitCode}): ${output}`);
    try {
      await fetch(`${url}/_health`, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`varnishd did not answer on ${url}: ${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

(onPostgres ? describeWith([postgres(), redis(), varnish()]) : describe.skip)('Varnish in front of two instances on PostgreSQL + Redis', () => {
  const dbName = uniqueDatabaseName('edge');
  let a: ServerProcess;
  let b: ServerProcess;
  let edge: { url: string; stop: () => Promise<void> };
  let token: string;
  let jwt: string;
  const run = `${process.pid}-${Date.now()}`;
  const list = `/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=50&sort=publishedAt:desc&edge=${run}`;

  beforeAll(async () => {
    await createDatabase(dbName);
    await compileApp();
    const varnishPort = await freePort();
    const env = {
      DATABASE_CLIENT: 'postgres',
      DATABASE_NAME: dbName,
      REDIS_URL,
      NODE_ENV: 'production',
      NEWSROOM_WRITES_PER_MINUTE: '100000',
      NEWSROOM_PURGE_VARNISH: `http://127.0.0.1:${varnishPort}`,
    };
    // Generous: two boots at once on a small shared machine.
    [a, b] = await Promise.all([startStrapi({ env, bootTimeoutMs: 280_000 }), startStrapi({ env, bootTimeoutMs: 280_000 })]);
    edge = await startVarnish(varnishPort, [Number(new URL(a.url).port), Number(new URL(b.url).port)]);
    token = await bootstrapAdmin(a.url);
    jwt = await adminToken(a.url, 'ops@test.local', 'Ops-Password-2026');
  }, 600_000);

  afterAll(async () => {
    await edge?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await dropDatabase(dbName);
  }, 60_000);

  const write = (base: string, method: string, url: string, data?: unknown, auth = token) =>
    fetch(`${base}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` },
      body: data === undefined ? undefined : JSON.stringify(data),
    });
  const read = async (url: string) => {
    const res = await fetch(`${edge.url}${url}`);
    return { status: res.status, edge: res.headers.get('x-edge-cache'), body: res.status === 200 ? await res.json() : null };
  };
  const titles = (body: { data: Array<{ title: string }> }) => body.data.map((r) => r.title);

  it('serves readers from the edge, and after an edit on either instance the new title within 1 s of its answer', async () => {
    const created = await write(a.url, 'POST', '/api/newsroom/articles?locale=zh-Hans', { data: { title: `边缘 ${run}` } });
    expect(created.status).toBe(201);
    const { documentId } = (await created.json()).data;
    await read(list);
    const second = await read(list);
    expect(second.edge).toBe('HIT');
    expect(titles(second.body)).toContain(`边缘 ${run}`);

    const waits: number[] = [];
    for (const [i, base] of [a.url, b.url, a.url].entries()) {
      const title = `边缘(第${i + 1}次更新) ${run}`;
      const edited = await write(base, 'PUT', `/api/newsroom/articles/${documentId}?locale=zh-Hans`, { data: { title } });
      expect(edited.status).toBe(200);
      const answered = Date.now();
      let seenAfter = -1;
      while (Date.now() - answered < 5000) {
        const r = await read(list);
        if (titles(r.body).includes(title)) {
          seenAfter = Date.now() - answered;
          break;
        }
        await new Promise((res) => setTimeout(res, 10));
      }
      waits.push(seenAfter);
    }
    console.log(`edge: new title served ${waits.join(', ')} ms after the edit's answer (bound ${EDIT_BOUND_MS} ms)`);
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(0);
      expect(w).toBeLessThanOrEqual(EDIT_BOUND_MS);
    }
  });

  it('after an unpublish answers, the edge never serves the story again', async () => {
    const created = await write(b.url, 'POST', '/api/newsroom/articles?locale=zh-Hans', { data: { title: `将撤稿 ${run}` } });
    const { documentId } = (await created.json()).data;
    const detail = `/api/newsroom/articles/${documentId}?locale=zh-Hans&edge=${run}`;
    await read(detail);
    expect((await read(detail)).edge).toBe('HIT');
    // A new story is a soft invalidation of the lists: it may appear a few seconds late. Wait until
    // the edge holds a list with it, so the unpublish below has something to purge.
    const listed = Date.now() + 10_000;
    let cached = await read(list);
    while (!(cached.edge === 'HIT' && titles(cached.body).includes(`将撤稿 ${run}`)) && Date.now() < listed) {
      await new Promise((r) => setTimeout(r, 50));
      cached = await read(list);
    }
    expect(titles(cached.body)).toContain(`将撤稿 ${run}`);
    expect(cached.edge).toBe('HIT');

    const unpublished = await write(
      a.url,
      'POST',
      `/content-manager/collection-types/plugin::newsroom.article/${documentId}/actions/unpublish?locale=zh-Hans`,
      {},
      jwt,
    );
    expect(unpublished.status).toBe(200);
    const until = Date.now() + 2000;
    let reads = 0;
    while (Date.now() < until) {
      const [d, l] = await Promise.all([read(detail), read(list)]);
      expect(d.status).toBe(404);
      expect(titles(l.body)).not.toContain(`将撤稿 ${run}`);
      reads += 2;
    }
    expect(reads).toBeGreaterThan(10);
  });

  it('keeps readers on the edge during a storm of republishes (hit ratio reported)', async () => {
    const created = await write(a.url, 'POST', '/api/newsroom/articles?locale=zh-Hans', { data: { title: `风暴 ${run}` } });
    const { documentId } = (await created.json()).data;
    await read(list);
    const seconds = 6;
    const stopAt = Date.now() + seconds * 1000;
    let hits = 0;
    let total = 0;
    const reader = async () => {
      while (Date.now() < stopAt) {
        const r = await read(list);
        expect(r.status).toBe(200);
        total += 1;
        if (r.edge === 'HIT') hits += 1;
      }
    };
    const editor = async () => {
      for (let i = 0; Date.now() < stopAt; i += 1) {
        const started = Date.now();
        const base = i % 2 ? b.url : a.url;
        expect((await write(base, 'PUT', `/api/newsroom/articles/${documentId}?locale=zh-Hans`, { data: { standfirst: `第${i}次 ${run}` } })).status).toBe(200);
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
      }
    };
    await Promise.all([editor(), ...Array.from({ length: 16 }, reader)]);
    const ratio = hits / total;
    console.log(`edge hit ratio during a ${seconds} s storm (16 readers, one republish a second): ${(ratio * 100).toFixed(1)} % of ${total} reads`);
    expect(total).toBeGreaterThan(100);
    expect(ratio).toBeGreaterThanOrEqual(0.9);
  });
});
