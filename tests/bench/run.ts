/**
 * The newsroom benchmark, in one run (see tests/bench/README.md):
 *
 *   node -r esbuild-register tests/bench/run.ts [--articles 10000 --neighbourhoods 200 --news 2000]
 *        [--scale 0.1] [--duration 10] [--rounds 3] [--connections 16] [--warmup 2] [--floor-iterations 2000]
 *        [--writes-n 100 --writes-rounds 2 | --no-writes] [--corpus-dir DIR] [--fresh-corpus] [--no-build]
 *   node -r esbuild-register tests/bench/run.ts --archive 1000,10000[,100000] [--duration 5]   (tests/bench/archive.ts)
 *
 * 1. corpus: generated through the Document Service (timed: the import figure), or reused (SQLite);
 * 2. floor: the REST list page straight from the database, N iterations in-process;
 * 3. three Strapi processes — warm read cache, cache off (uncached), the whole read path off
 *    (baseline) — booted one at a time (boot time to /_health, peak RSS), plus a bare Node `http`
 *    server replaying the warm answers' bytes and headers (the ceiling); each endpoint loaded with
 *    autocannon in every configuration (and the warm server with br), in random order, for
 *    --rounds rounds; medians and spread reported;
 * 4. writes: tests/bench/writes.ts in a child process;
 * 5. report: results/latest-<db>.json and .md, with every goal and its gap.
 *
 * `--storm` runs the invalidation storm instead (tests/bench/storm.ts): quiet against one republish
 * a second, in-process and through Varnish.
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
import { runArchiveBench } from './archive';
import { storm } from './storm';
import { load, probe, Target } from './load';
import { BenchResult, CONFIG_KEYS, CONFIG_LABELS, ConfigKey, EndpointResult, median, ServerKey, summarize, writeReport, WritesResult } from './report';
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
  const r = spawnSync(process.execPath, [path.join(APP_DIR, 'tests/helpers/strapi.js'), 'compile'], {
    cwd: APP_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
  });
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
    {
      key: 'list',
      label: 'REST list (10, populated)',
      path: '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=10&populate[relatedNews]=true&populate[neighbourhood]=true',
    },
    { key: 'detail', label: 'REST detail', path: `/api/newsroom/articles/${id}?locale=zh-Hans` },
    { key: 'by-slug', label: 'REST by-slug', path: `/api/newsroom/articles/by-slug/${encodeURIComponent(sample.slug)}?locale=zh-Hans` },
    // GET (the read cache serves GraphQL GETs only); Apollo's CSRF guard wants the preflight header.
    {
      key: 'graphql',
      label: 'GraphQL deep list (GET)',
      path: `/graphql?query=${encodeURIComponent(GRAPHQL_QUERY)}`,
      headers: { 'apollo-require-preflight': 'true' },
    },
    { key: 'jsonld', label: 'JSON-LD', path: `/api/newsroom/articles/${id}/jsonld?locale=zh-Hans` },
    { key: 'rss', label: 'RSS', path: '/api/newsroom/feeds/zh-Hans.rss' },
  ];
}

/**
 * The Strapi servers: the plugin's whole read path on (warm), the same without the read cache
 * (uncached), and the true baseline — the same app with every read-path piece switched off by one
 * switch (NEWSROOM_READ_PATH=false: no cache, no HTTP caching, no rate limit, no database probe,
 * no read policies). Rules on writes stay on everywhere: only the read path differs.
 */
const SERVER_CONFIGS: Record<ServerKey, Record<string, string>> = {
  warm: { NEWSROOM_READ_PATH: 'true', NEWSROOM_READ_CACHE: 'true', NEWSROOM_RATE_LIMIT: 'true' },
  uncached: { NEWSROOM_READ_PATH: 'true', NEWSROOM_READ_CACHE: 'false', NEWSROOM_RATE_LIMIT: 'true' },
  baseline: { NEWSROOM_READ_PATH: 'false', NEWSROOM_READ_CACHE: 'false', NEWSROOM_RATE_LIMIT: 'false' },
};
const ROUNDS = num('rounds', 3);
const COMPRESSED = { 'Accept-Encoding': 'br, gzip' };

/** Fisher–Yates with Math.random: a fresh order of configurations per endpoint and round. */
function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The fan-out GraphQL query of issue 11 (aliases in fragments): how fast is it refused? */
function fanOutQuery() {
  const level = (name: string, inner: string) => [0, 1, 2, 3].map((i) => `${name}${i}: ${inner}`).join(' ');
  return (
    'query Fan { newsroomArticles { ...A } } ' +
    `fragment A on NewsroomArticle { ${level('r', 'relatedNews { ...N }')} } ` +
    `fragment N on NewsroomNewsItem { headline ${level('a', 'articles { ...B }')} } ` +
    `fragment B on NewsroomArticle { title ${level('s', 'relatedNews { headline outlet dateline }')} }`
  );
}

async function refusalMs(base: string, n = 30): Promise<{ medianMs: number; status: number; code: string | undefined }> {
  const body = JSON.stringify({ query: fanOutQuery() });
  const times: number[] = [];
  let status = 0;
  let code: string | undefined;
  for (let i = 0; i < n; i += 1) {
    const t0 = process.hrtime.bigint();
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json: any = await res.json();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    status = res.status;
    code = json?.errors?.[0]?.extensions?.code;
  }
  return { medianMs: median(times), status, code };
}

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
      resolve({
        n: w.n,
        rounds: w.rounds,
        createMs: w.createMs,
        updateMs: w.updateMs,
        createRatio: w.createRatio,
        updateRatio: w.updateRatio,
        seconds: (Date.now() - t0) / 1000,
      });
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
  const servers: Partial<Record<ServerKey, BenchServer>> = {};
  const notes: string[] = [];
  try {
    log(
      `${CLIENT}: ${SIZE.articles} bilingual articles, ${SIZE.neighbourhoods} neighbourhoods, ${SIZE.news} news items; ${CONNECTIONS} connections × ${DURATION} s per cell`,
    );
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
    for (const key of Object.keys(SERVER_CONFIGS) as ServerKey[]) {
      let serverTarget = target;
      if (target.client === 'sqlite') {
        const copy = path.join(tmp, `${key}.db`);
        await compactInto(target.file, copy);
        serverTarget = { client: 'sqlite', file: copy };
      }
      servers[key] = await startServer(CONFIG_LABELS[key], benchEnv(serverTarget, SERVER_CONFIGS[key]));
      log(
        `server "${CONFIG_LABELS[key]}" up in ${servers[key]!.bootSeconds.toFixed(1)} s (pid ${servers[key]!.pid}, ${servers[key]!.peakRssMb().toFixed(0)} MB)`,
      );
    }

    // Prime every endpoint on every server, check what each answers, and capture the warm
    // server's exact answers (identity) for the ceiling server.
    const eps = endpoints(corpus.sample);
    const captured: Record<string, { status: number; headers: Record<string, string>; body: string }> = {};
    const sizes: Record<string, { identity: number; br: number; gzip: number }> = {};
    for (const ep of eps) {
      for (const key of Object.keys(SERVER_CONFIGS) as ServerKey[]) {
        const first = await probe(servers[key]!.url, ep);
        if (first.status !== 200) throw new Error(`${ep.label} on "${CONFIG_LABELS[key]}" answered ${first.status}: ${first.body.slice(0, 500)}`);
        if (first.graphqlErrors) throw new Error(`${ep.label} on "${CONFIG_LABELS[key]}": GraphQL errors ${JSON.stringify(first.graphqlErrors).slice(0, 500)}`);
      }
      const hit = await probe(servers.warm!.url, ep);
      if (hit.cache !== 'hit')
        notes.push(`${ep.label}: the warm server answered X-Newsroom-Cache ${hit.cache ?? '(none)'} after priming — not served from the cache.`);
      const { date: _d, connection: _c, 'keep-alive': _k, ...headers } = hit.headers;
      captured[ep.path] = { status: hit.status, headers, body: hit.raw.toString('base64') };
      const br = await probe(servers.warm!.url, { ...ep, headers: { ...(ep.headers ?? {}), 'Accept-Encoding': 'br' } });
      const gz = await probe(servers.warm!.url, { ...ep, headers: { ...(ep.headers ?? {}), 'Accept-Encoding': 'gzip' } });
      sizes[ep.key] = {
        identity: hit.bytes,
        br: br.headers['content-encoding'] === 'br' ? br.bytes : NaN,
        gzip: gz.headers['content-encoding'] === 'gzip' ? gz.bytes : NaN,
      };
    }
    const ceilingFile = path.join(tmp, 'ceiling.json');
    fs.writeFileSync(ceilingFile, JSON.stringify(captured));
    const ceiling = await startServer('ceiling', { BENCH_CEILING_FILE: ceilingFile }, { script: 'ceiling-child.js' });
    const pids = [...Object.values(servers).map((s) => s!.pid), ceiling.pid];
    log(`servers idle after ${(await waitIdle(pids)).toFixed(0)} s`);

    const cellsOf = (key: ConfigKey): { base: string; headers: Record<string, string> } =>
      key === 'ceiling'
        ? { base: ceiling.url, headers: {} }
        : key === 'warmCompressed'
          ? { base: servers.warm!.url, headers: COMPRESSED }
          : { base: servers[key as ServerKey]!.url, headers: {} };

    const results: EndpointResult[] = eps.map((ep) => ({ key: ep.key, label: ep.label, path: ep.path, cells: {}, rounds: {}, sizes: sizes[ep.key] }));
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [i, ep] of eps.entries()) {
        const entry = results[i];
        for (const key of shuffle([...CONFIG_KEYS])) {
          const { base, headers } = cellsOf(key);
          const target = { ...ep, headers: { ...(ep.headers ?? {}), ...headers } };
          await load(base, target, { connections: CONNECTIONS, duration: WARMUP });
          // Nothing left over from the warm-up or the previous cell (GC, pools) on any server.
          await waitIdle(pids, { timeoutMs: 10_000 });
          const r = await load(base, target, { connections: CONNECTIONS, duration: DURATION });
          (entry.rounds[key] ??= []).push(r);
          log(
            `round ${round}/${ROUNDS} ${CONFIG_LABELS[key].padEnd(16)} ${ep.label.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  errors ${r.errors}`,
          );
        }
      }
    }
    for (const entry of results) for (const key of CONFIG_KEYS) entry.cells[key] = summarize(entry.rounds[key] ?? []);

    const refusal = await refusalMs(servers.warm!.url);
    log(`fan-out GraphQL query refused in ${refusal.medianMs.toFixed(1)} ms (median of 30, HTTP ${refusal.status}, ${refusal.code})`);
    await ceiling.stop();

    const serverFigures: BenchResult['servers'] = {};
    for (const key of Object.keys(servers) as ServerKey[]) {
      const s = servers[key]!;
      serverFigures[key] = { env: SERVER_CONFIGS[key], bootSeconds: s.bootSeconds, peakRssMb: s.peakRssMb() };
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
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        loadGenerator: `autocannon ${require('autocannon/package.json').version}`,
      },
      params: { ...SIZE, scale: SCALE, duration: DURATION, warmup: WARMUP, connections: CONNECTIONS, floorIterations: FLOOR_ITERATIONS, rounds: ROUNDS },
      corpus: corpusOut,
      floor: fl,
      servers: serverFigures,
      endpoints: results,
      refusal,
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

// `--archive N[,N…]`: the archive at scale (tests/bench/archive.ts); `--storm`: an invalidation storm (tests/bench/storm.ts).
const run = (): Promise<void> => {
  if (has('archive')) {
    if (!has('no-build')) build();
    return runArchiveBench();
  }
  if (has('storm')) {
    if (!has('no-build')) build();
    return storm({
      duration: num('duration', 5),
      rounds: num('rounds', 2),
      connections: num('connections', 32),
      articles: num('articles', 30),
      varnish: !has('no-varnish'),
      log,
    });
  }
  return main();
};

run().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
