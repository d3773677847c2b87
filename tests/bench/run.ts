/**
 * The newsroom benchmark, in one run (see tests/bench/README.md):
 *
 *   node -r esbuild-register tests/bench/run.ts [--articles 10000 --neighbourhoods 200 --news 2000]
 *        [--scale 0.1] [--duration 10] [--connections 16] [--warmup 2] [--floor-iterations 2000]
 *        [--writes-n 100 --writes-rounds 2 | --no-writes] [--corpus-dir DIR] [--fresh-corpus] [--no-build]
 *
 * 1. corpus: generated through the Document Service (timed: the import figure), or reused (SQLite);
 * 2. floor: the REST list page straight from the database, N iterations in-process;
 * 3. three server processes — warm read cache, cache off (uncached), plugin off — booted one at a
 *    time (boot time to /_health, peak RSS), then loaded with autocannon endpoint by endpoint, the
 *    three configurations back to back so drift hits them alike;
 * 4. writes: tests/bench/writes.ts in a child process;
 * 5. report: results/latest-<db>.json and .md, with every goal and its gap.
 *
 * DATABASE_CLIENT=postgres runs it on a fresh PostgreSQL database newsroom_bench_<timestamp>,
 * dropped at the end. Loopback only; every process it starts is stopped.
 */
import { spawn, spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { compactInto, Corpus, CorpusSize, createPgDatabase, dropPgDatabase, ensureCorpus } from './corpus';
import { floor } from './floor';
import { load, probe, Target } from './load';
import { BenchResult, Cell, CONFIG_LABELS, ConfigKey, EndpointResult, writeReport, WritesResult } from './report';
import { APP_DIR, BenchServer, benchEnv, DbTarget, startServer, track, waitIdle } from './server';

// ---------------------------------------------------------------------------------------------
// Arguments

const argv = process.argv.slice(2);
const has = (name: string) => argv.includes(`--${name}`);
function num(name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number (got ${argv[i + 1]})`);
  return v;
}
function str(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
}

const SCALE = num('scale', 1);
const SIZE: CorpusSize = {
  articles: Math.max(10, Math.round(num('articles', 10_000) * SCALE)),
  neighbourhoods: Math.max(1, Math.round(num('neighbourhoods', 200) * SCALE)),
  news: Math.max(3, Math.round(num('news', 2_000) * SCALE)),
};
const DURATION = num('duration', 10);
const CONNECTIONS = num('connections', 16);
/** Seconds of unmeasured load before each measured cell (JIT, caches, pools). */
const WARMUP = num('warmup', Math.min(3, Math.max(1, Math.round(DURATION / 5))));
const FLOOR_ITERATIONS = num('floor-iterations', 2000);
const WRITES_N = num('writes-n', 100);
const WRITES_ROUNDS = num('writes-rounds', 2);
const CLIENT: 'sqlite' | 'postgres' = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';

const started = Date.now();
/** 1-minute load average when the run started: other work on the machine shows here. */
const loadAtStart = Number(os.loadavg()[0].toFixed(2));
const log = (s: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

// ---------------------------------------------------------------------------------------------
// Build: the plugin (tsc, when its sources are newer than its output) and the app (dist/).

function newest(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let t = 0;
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

function build() {
  const plugin = path.join(APP_DIR, 'src/plugins/newsroom');
  if (!fs.existsSync(path.join(plugin, 'dist/server/index.js')) || newest(path.join(plugin, 'server/src')) > newest(path.join(plugin, 'dist/server'))) {
    log('plugin sources are newer than their build: npm run build:plugin');
    const r = spawnSync('npm', ['run', '--silent', 'build:plugin'], { cwd: APP_DIR, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build:plugin failed');
  }
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    ['-e', `require('@strapi/strapi').compileStrapi({ appDir: ${JSON.stringify(APP_DIR)} }).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })`],
    { cwd: APP_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } },
  );
  if (r.status !== 0) throw new Error(`compiling the app failed:\n${r.stdout}\n${r.stderr}`);
  log(`app compiled into dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Endpoints and configurations

const GRAPHQL_QUERY =
  '{ newsroomArticles(locale: "zh-Hans", pagination: { pageSize: 10 }) { title neighbourhood { name households } relatedNews { headline outlet } } }';

function endpoints(sample: Corpus['sample']): Array<Target & { key: string; label: string }> {
  const id = encodeURIComponent(sample.documentId);
  return [
    { key: 'list', label: 'REST list (10, populated)', path: '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=10&populate[relatedNews]=true&populate[neighbourhood]=true' },
    { key: 'detail', label: 'REST detail', path: `/api/newsroom/articles/${id}?locale=zh-Hans` },
    { key: 'by-slug', label: 'REST by-slug', path: `/api/newsroom/articles/by-slug/${encodeURIComponent(sample.slug)}?locale=zh-Hans` },
    // GET (the read cache serves GraphQL GETs only); Apollo's CSRF guard wants the preflight header.
    { key: 'graphql', label: 'GraphQL deep list (GET)', path: `/graphql?query=${encodeURIComponent(GRAPHQL_QUERY)}`, headers: { 'apollo-require-preflight': 'true' } },
    { key: 'jsonld', label: 'JSON-LD', path: `/api/newsroom/articles/${id}/jsonld?locale=zh-Hans` },
    { key: 'rss', label: 'RSS', path: '/api/newsroom/feeds/zh-Hans.rss' },
  ];
}

const CONFIGS: Record<ConfigKey, Record<string, string>> = {
  warm: { NEWSROOM_ENFORCE: 'true', NEWSROOM_READ_CACHE: 'true' },
  uncached: { NEWSROOM_ENFORCE: 'true', NEWSROOM_READ_CACHE: 'false' },
  off: { NEWSROOM_ENFORCE: 'false', NEWSROOM_READ_CACHE: 'false' },
};

// ---------------------------------------------------------------------------------------------
// Writes: tests/bench/writes.ts as it is, in a child process.

function runWrites(target: DbTarget, tmp: string): Promise<WritesResult> {
  const resultFile = path.join(__dirname, 'results', `writes-${CLIENT}.json`);
  // writes.ts also writes results/writes-<db>.json: keep whatever was there.
  const previous = fs.existsSync(resultFile) ? fs.readFileSync(resultFile) : null;
  const t0 = Date.now();
  return new Promise<WritesResult>((resolve, reject) => {
    const child = track(
      spawn(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'writes.ts'), '--n', String(WRITES_N), '--rounds', String(WRITES_ROUNDS)], {
        cwd: APP_DIR,
        // SQLite: never the corpus (writes.ts makes its own fresh database under TMPDIR, this run's
        // temporary folder, which goes with it). PostgreSQL: the benchmark database, dropped after.
        env: { ...process.env, ...benchEnv(target.client === 'sqlite' ? { client: 'sqlite', file: path.join(tmp, 'writes.db') } : target, {}), TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const json = /^\{[\s\S]*?^\}/m.exec(out);
      if (code !== 0 || !json) return reject(new Error(`writes.ts exited ${code}: ${out.slice(-3000)}`));
      const w = JSON.parse(json[0]);
      resolve({ n: w.n, rounds: w.rounds, createMs: w.createMs, updateMs: w.updateMs, createRatio: w.createRatio, updateRatio: w.updateRatio, seconds: (Date.now() - t0) / 1000 });
    });
  }).finally(() => {
    if (previous) fs.writeFileSync(resultFile, previous);
    else fs.rmSync(resultFile, { force: true });
  });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-run-'));
  const pgDatabase = CLIENT === 'postgres' ? `newsroom_bench_${Date.now()}` : null;
  let pgCreated = false;
  const dropPg = () => {
    if (pgDatabase && pgCreated) {
      pgCreated = false;
      try {
        dropPgDatabase(pgDatabase);
        log(`dropped database ${pgDatabase}`);
      } catch (e) {
        console.error(`could not drop ${pgDatabase}: ${e}`);
      }
    }
  };
  // Also on a hard exit (Ctrl-C): psql runs synchronously.
  process.on('exit', () => {
    dropPg();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const servers: Partial<Record<ConfigKey, BenchServer>> = {};
  const notes: string[] = [];
  try {
    log(`${CLIENT}: ${SIZE.articles} bilingual articles, ${SIZE.neighbourhoods} neighbourhoods, ${SIZE.news} news items; ${CONNECTIONS} connections × ${DURATION} s per cell`);
    if (!has('no-build')) build();

    // 1. corpus
    let target: DbTarget;
    if (pgDatabase) {
      createPgDatabase(pgDatabase);
      pgCreated = true;
      target = { client: 'postgres', database: pgDatabase };
      log(`created database ${pgDatabase}`);
    } else target = { client: 'sqlite', file: '' };
    const corpus = await ensureCorpus({ size: SIZE, target, corpusDir: str('corpus-dir'), fresh: has('fresh-corpus'), log: (s) => log(`corpus: ${s}`) });
    if (corpus.target.client === 'sqlite') target = corpus.target;
    log(
      `corpus ${corpus.reused ? `reused: ${corpus.file}` : 'generated'}: ${corpus.timing.documentsPerSecond.toFixed(1)} documents/s, ` +
        `${corpus.timing.bilingualArticlesPerSecond.toFixed(1)} bilingual articles/s → 10,000 in ${corpus.timing.projected10kMinutes.toFixed(1)} min`,
    );

    // 2. floor
    const fl = await floor(target, FLOOR_ITERATIONS);
    log(`floor: ${fl.pagesPerSecond.toFixed(0)} pages/s (${fl.articlesOnPage} articles, ${fl.pageBytes} bytes a page)`);

    // 3. servers, one boot at a time; each SQLite server gets its own copy of the corpus.
    for (const key of Object.keys(CONFIGS) as ConfigKey[]) {
      let serverTarget = target;
      if (target.client === 'sqlite') {
        const copy = path.join(tmp, `${key}.db`);
        await compactInto(target.file, copy);
        serverTarget = { client: 'sqlite', file: copy };
      }
      servers[key] = await startServer(CONFIG_LABELS[key], benchEnv(serverTarget, CONFIGS[key]));
      log(`server "${CONFIG_LABELS[key]}" up in ${servers[key]!.bootSeconds.toFixed(1)} s (pid ${servers[key]!.pid}, ${servers[key]!.peakRssMb().toFixed(0)} MB)`);
    }
    const pids = Object.values(servers).map((s) => s!.pid);
    log(`servers idle after ${(await waitIdle(pids)).toFixed(0)} s`);

    const results: EndpointResult[] = [];
    const eps = endpoints(corpus.sample);
    for (const [i, ep] of eps.entries()) {
      const entry: EndpointResult = { key: ep.key, label: ep.label, path: ep.path, cells: {} };
      results.push(entry);
      // Warm first (it was primed); uncached and plugin off alternate their order endpoint by endpoint.
      const order: ConfigKey[] = i % 2 === 0 ? ['warm', 'uncached', 'off'] : ['warm', 'off', 'uncached'];
      for (const key of order) {
        const server = servers[key]!;
        // Prime: the first answer fills the cache (warm); then an unmeasured warm-up load (JIT alike everywhere).
        const first = await probe(server.url, ep);
        if (first.status !== 200) throw new Error(`${ep.label} on "${CONFIG_LABELS[key]}" answered ${first.status}: ${first.body.slice(0, 500)}`);
        if (first.graphqlErrors) throw new Error(`${ep.label} on "${CONFIG_LABELS[key]}": GraphQL errors ${JSON.stringify(first.graphqlErrors).slice(0, 500)}`);
        await load(server.url, ep, { connections: CONNECTIONS, duration: WARMUP });
        const last = await probe(server.url, ep);
        if (key === 'warm' && last.cache !== 'hit') notes.push(`${ep.label}: the warm server answered X-Newsroom-Cache ${last.cache ?? '(none)'} after priming — not served from the cache.`);
        if (key !== 'warm' && last.cache) notes.push(`${ep.label}: the "${CONFIG_LABELS[key]}" server answered X-Newsroom-Cache ${last.cache}.`);
        // Nothing left over from the warm-up or the previous cell (GC, pools) on any server.
        await waitIdle(pids, { timeoutMs: 10_000 });
        const r = await load(server.url, ep, { connections: CONNECTIONS, duration: DURATION });
        const cell: Cell = { ...r, status: first.status, cache: last.cache, bytes: first.bytes };
        entry.cells[key] = cell;
        log(
          `${CONFIG_LABELS[key].padEnd(10)} ${ep.label.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  errors ${r.errors}  (${last.cache ?? 'no cache header'}, ${first.bytes} B)`,
        );
      }
    }
    const health = await load(servers.off!.url, { path: '/_health' }, { connections: CONNECTIONS, duration: Math.min(DURATION, 5) });
    log(`/_health on "plugin off": ${health.rps.toFixed(0)} req/s, p99 ${health.p99} ms`);

    const serverFigures: BenchResult['servers'] = {};
    for (const key of Object.keys(servers) as ConfigKey[]) {
      const s = servers[key]!;
      serverFigures[key] = { env: CONFIGS[key], bootSeconds: s.bootSeconds, peakRssMb: s.peakRssMb() };
      await s.stop();
      delete servers[key];
    }

    // 4. writes (no server running)
    let writes: BenchResult['writes'];
    if (has('no-writes')) writes = undefined;
    else {
      log(`writes: tests/bench/writes.ts --n ${WRITES_N} --rounds ${WRITES_ROUNDS}`);
      try {
        writes = await runWrites(target, tmp);
        log(`writes: create ×${writes.createRatio.toFixed(3)}, update ×${writes.updateRatio.toFixed(3)} (rules on ÷ off)`);
      } catch (e: any) {
        writes = { error: String(e.message ?? e).slice(0, 2000) };
        log(`writes failed: ${writes.error.slice(0, 500)}`);
      }
    }

    // 5. report
    if (SIZE.articles < 10_000) notes.push(`Scaled-down corpus (${SIZE.articles} articles): the 10,000-article import time is projected from this run's rate.`);
    notes.push('Load generator and servers share this machine: absolute req/s are machine-bound; ratios within the run are the comparable figures.');
    const { target: _target, ...corpusOut } = corpus;
    const result: BenchResult = {
      database: CLIENT,
      startedAt: new Date(started).toISOString(),
      wallSeconds: (Date.now() - started) / 1000,
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
        memoryMb: os.totalmem() / 1048576,
        node: process.version,
        loadAverage: loadAtStart,
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        loadGenerator: `autocannon ${require('autocannon/package.json').version}`,
      },
      params: { ...SIZE, scale: SCALE, duration: DURATION, warmup: WARMUP, connections: CONNECTIONS, floorIterations: FLOOR_ITERATIONS },
      corpus: corpusOut,
      floor: fl,
      servers: serverFigures,
      endpoints: results,
      health,
      writes,
      notes: [...new Set(notes)],
    };
    const out = writeReport(result);
    console.log('\n' + out.markdown);
    log(`written ${path.relative(APP_DIR, out.md)} and ${path.relative(APP_DIR, out.json)}`);
  } finally {
    for (const s of Object.values(servers)) await s?.stop();
    dropPg();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
