/**
 * The invalidation storm (`npm run bench -- --storm`): 32 connections on the front list page while
 * an editor republishes a story on it once a second, against the same load with no writes, in one
 * run (quiet and storm alternate, --rounds times). Reported: p50/p99, throughput, Strapi renders per
 * key per invalidation (the read cache's render count, from GET /api/newsroom/edge-purges), and —
 * through Varnish (deploy/varnish/newsroom.vcl) — the edge hit ratio (varnishstat).
 *
 *   npm run bench -- --storm [--duration 5] [--rounds 2] [--connections 32] [--articles 30] [--no-varnish]
 *   DATABASE_CLIENT=postgres npm run bench -- --storm      # two instances behind Varnish, PostgreSQL + Redis
 *
 * In-process: one instance, readers straight at it. Through Varnish: readers at Varnish; on
 * PostgreSQL two instances (Redis shares invalidations), on SQLite one instance behind both backends.
 * Every database, process and folder it makes is removed at the end.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createPgDatabase, dropPgDatabase } from './corpus';
import { load, LoadResult } from './load';
import { APP_DIR, BenchServer, benchEnv, DbTarget, startServer } from './server';
import { bootstrapAdmin } from '../helpers/remote';
import { freePort } from '../helpers/env';

const LIST = '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=25&sort=publishedAt:desc';
const VCL = path.join(APP_DIR, 'deploy/varnish/newsroom.vcl');

interface StormOptions {
  duration: number;
  rounds: number;
  connections: number;
  articles: number;
  varnish: boolean;
  log: (s: string) => void;
}

interface PhaseFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  writes: number;
  renders: number;
  edgeHitRatio: number | null;
}

interface Setup {
  name: string;
  readers: string;
  writers: string[];
  token: string;
  statsFrom: string[];
  varnishDir?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function api(base: string, token: string, method: string, url: string, data?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: data === undefined ? undefined : JSON.stringify(data),
  });
  const body = await res.json().catch(() => null);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Renders stored by the read caches of these instances so far. */
async function rendersOf(bases: string[], token: string): Promise<number> {
  let n = 0;
  for (const base of bases) n += (await api(base, token, 'GET', '/api/newsroom/edge-purges?limit=1')).meta.readCache.misses;
  return n;
}

function varnishCounters(dir: string): { hits: number; lookups: number } {
  const r = spawnSync('varnishstat', ['-n', dir, '-1', '-j'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`varnishstat: ${r.stderr}`);
  const json = JSON.parse(r.stdout);
  const counters = json.counters ?? json;
  const v = (name: string) => Number(counters[name]?.value ?? 0);
  const hits = v('MAIN.cache_hit');
  return { hits, lookups: hits + v('MAIN.cache_miss') + v('MAIN.cache_hitmiss') + v('MAIN.cache_hitpass') };
}

async function startVarnish(dir: string, port: number, backends: [number, number]): Promise<ChildProcess> {
  let i = 0;
  const vcl = fs.readFileSync(VCL, 'utf8').replace(/\.port = "\d+";/g, () => `.port = "${backends[i++]}";`);
  fs.writeFileSync(path.join(dir, 'newsroom.vcl'), vcl);
  // varnishd drops privileges (to its own user) when started as root: it must be able to read these.
  fs.chmodSync(path.dirname(dir), 0o755);
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, 'newsroom.vcl'), 0o644);
  const child = spawn('varnishd', ['-F', '-a', `127.0.0.1:${port}`, '-f', path.join(dir, 'newsroom.vcl'), '-n', dir, '-s', 'malloc,128m'], { stdio: 'ignore' });
  for (let t = 0; t < 150; t += 1) {
    if (child.exitCode !== null) throw new Error(`varnishd exited with ${child.exitCode}`);
    try {
      await fetch(`http://127.0.0.1:${port}/_health`, { signal: AbortSignal.timeout(1000) });
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error('varnishd did not answer');
}

/** One phase: the load on the list page, with (storm) or without (quiet) one republish a second. */
async function phase(setup: Setup, storyId: string, storm: boolean, opts: StormOptions): Promise<PhaseFigures> {
  const rendersBefore = await rendersOf(setup.statsFrom, setup.token);
  const edgeBefore = setup.varnishDir ? varnishCounters(setup.varnishDir) : null;
  let writes = 0;
  let stop = false;
  const editor = (async () => {
    if (!storm) return;
    // The first republish a moment into the load, then one a second.
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; !stop; i += 1) {
      const started = Date.now();
      const writer = setup.writers[i % setup.writers.length];
      await api(writer, setup.token, 'PUT', `/api/newsroom/articles/${storyId}?locale=zh-Hans`, { data: { standfirst: `快讯第${i + 1}次更新 ${Date.now()}` } });
      writes += 1;
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
    }
  })();
  const result: LoadResult = await load(setup.readers, { path: LIST }, { connections: opts.connections, duration: opts.duration });
  stop = true;
  await editor;
  // Renders still in progress when the load stopped are counted once they end.
  await new Promise((r) => setTimeout(r, 300));
  const renders = (await rendersOf(setup.statsFrom, setup.token)) - rendersBefore;
  const edgeAfter = setup.varnishDir ? varnishCounters(setup.varnishDir) : null;
  const edgeHitRatio =
    edgeBefore && edgeAfter && edgeAfter.lookups > edgeBefore.lookups ? (edgeAfter.hits - edgeBefore.hits) / (edgeAfter.lookups - edgeBefore.lookups) : null;
  return { rps: result.rps, p50: result.p50, p99: result.p99, errors: result.errors, writes, renders, edgeHitRatio };
}

export async function storm(opts: StormOptions): Promise<void> {
  const client: 'sqlite' | 'postgres' = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-storm-'));
  const pgDatabase = client === 'postgres' ? `newsroom_bench_storm_${Date.now()}` : null;
  const servers: BenchServer[] = [];
  let varnishd: ChildProcess | null = null;
  const rows: Array<{ setup: string; quiet: PhaseFigures; storm: PhaseFigures }> = [];
  try {
    let target: DbTarget;
    if (pgDatabase) {
      createPgDatabase(pgDatabase);
      target = { client: 'postgres', database: pgDatabase };
    } else target = { client: 'sqlite', file: path.join(tmp, 'storm.db') };
    const varnishPort = await freePort();
    const extra: Record<string, string> = { NEWSROOM_PURGE_VARNISH: opts.varnish ? `http://127.0.0.1:${varnishPort}` : '' };
    if (client === 'postgres') extra.REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const env = benchEnv(target, extra);
    servers.push(await startServer('storm-a', env));
    if (client === 'postgres' && opts.varnish) servers.push(await startServer('storm-b', env));
    const [a] = servers;
    const b = servers[1] ?? a;
    opts.log(`${client}: ${servers.length} instance(s) up; ${opts.articles} published articles`);
    const token = await bootstrapAdmin(a.url);
    let storyId = '';
    for (let i = 0; i < opts.articles; i += 1) {
      const created = await api(a.url, token, 'POST', '/api/newsroom/articles?locale=zh-Hans', {
        data: { title: `风暴测试稿件 ${i + 1}`, standfirst: `导语 ${i + 1}` },
      });
      storyId = created.data.documentId; // the newest: first on the list page
    }

    const setups: Setup[] = [{ name: 'in-process', readers: a.url, writers: [a.url], token, statsFrom: [a.url] }];
    if (opts.varnish) {
      const dir = path.join(tmp, 'varnish');
      fs.mkdirSync(dir);
      varnishd = await startVarnish(dir, varnishPort, [Number(new URL(a.url).port), Number(new URL(b.url).port)]);
      setups.push({
        name: `through Varnish (${servers.length} instance${servers.length > 1 ? 's' : ''})`,
        readers: `http://127.0.0.1:${varnishPort}`,
        writers: servers.map((s) => s.url),
        token,
        statsFrom: servers.map((s) => s.url),
        varnishDir: dir,
      });
    }
    for (const setup of setups) {
      // Warm: the page is rendered once before anything is measured.
      await load(setup.readers, { path: LIST }, { connections: opts.connections, duration: 2 });
      const quiet: PhaseFigures[] = [];
      const stormy: PhaseFigures[] = [];
      for (let r = 0; r < opts.rounds; r += 1) {
        for (const isStorm of r % 2 ? [true, false] : [false, true]) {
          const f = await phase(setup, storyId, isStorm, opts);
          (isStorm ? stormy : quiet).push(f);
          opts.log(
            `${setup.name} ${isStorm ? 'storm' : 'quiet'}: ${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ${f.writes} writes, ${f.renders} renders` +
              (f.edgeHitRatio === null ? '' : `, edge hits ${(f.edgeHitRatio * 100).toFixed(1)} %`) +
              (f.errors ? `, ${f.errors} errors` : ''),
          );
        }
      }
      const med = (fs: PhaseFigures[]): PhaseFigures => ({
        rps: median(fs.map((f) => f.rps)),
        p50: median(fs.map((f) => f.p50)),
        p99: median(fs.map((f) => f.p99)),
        errors: fs.reduce((n, f) => n + f.errors, 0),
        writes: fs.reduce((n, f) => n + f.writes, 0),
        renders: fs.reduce((n, f) => n + f.renders, 0),
        edgeHitRatio: fs[0].edgeHitRatio === null ? null : median(fs.map((f) => f.edgeHitRatio!)),
      });
      rows.push({ setup: setup.name, quiet: med(quiet), storm: med(stormy) });
    }

    const loadAverage = os.loadavg()[0].toFixed(2);
    const lines = [
      `# Invalidation storm — ${client}`,
      '',
      `${opts.connections} connections on \`${LIST}\`, ${opts.duration} s per phase, ${opts.rounds} round(s) of quiet and storm (one republish a second), medians; load average at the end ${loadAverage} on ${os.cpus().length} cores (shared machine).`,
      '',
      '| setup | quiet req/s | storm req/s | throughput storm/quiet | quiet p50 / p99 ms | storm p50 / p99 ms | p99 storm/quiet | renders per invalidation | edge hits (storm) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(({ setup, quiet, storm: s }) =>
        [
          setup,
          quiet.rps.toFixed(0),
          s.rps.toFixed(0),
          (s.rps / quiet.rps).toFixed(2),
          `${quiet.p50} / ${quiet.p99}`,
          `${s.p50} / ${s.p99}`,
          (s.p99 / Math.max(1, quiet.p99)).toFixed(2),
          s.writes ? (s.renders / s.writes).toFixed(2) : 'n/a',
          s.edgeHitRatio === null ? '—' : `${(s.edgeHitRatio * 100).toFixed(1)} %`,
        ]
          .join(' | ')
          .replace(/^/, '| ')
          .replace(/$/, ' |'),
      ),
      '',
      'Goals: p99 storm/quiet ≤ 2, throughput storm/quiet ≥ 0.95, one render per key per invalidation (renders counted over the quiet phases too: ~0), ≥ 95 % edge hits through Varnish.',
    ];
    const md = lines.join('\n');
    console.log(`\n${md}\n`);
    const outDir = path.join(APP_DIR, 'tests/bench/results');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, `storm-${client}.md`), `${md}\n`);
    fs.writeFileSync(
      path.join(outDir, `storm-${client}.json`),
      `${JSON.stringify({ client, at: new Date().toISOString(), loadAverage, opts: { ...opts, log: undefined }, rows }, null, 2)}\n`,
    );
    opts.log(`written tests/bench/results/storm-${client}.md and .json`);
  } finally {
    if (varnishd && varnishd.exitCode === null) {
      varnishd.kill('SIGTERM');
      await new Promise((r) => varnishd!.once('exit', r));
    }
    for (const s of servers) await s.stop();
    if (pgDatabase) dropPgDatabase(pgDatabase);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
