/**
 * `npm run bench:import [-- --files 600] [-- --accuracy]`
 *
 * --accuracy: precision and recall per field of the page parser over the hand-written corpus
 *   (tests/fixtures/import/expected); exits 1 when any field is below the goal (0.98 / 0.95).
 *
 * Otherwise: throughput of `npm run import -- <folder> --publish` on a generated folder of pages in
 * the house style (each with one to four related news items), into a fresh database —
 * SQLite by default, PostgreSQL with DATABASE_CLIENT=postgres (a scratch database is created and
 * dropped). In one run, so the figures compare: one transaction per page (`--batch-size 1`, the
 * importer's behaviour before batching) and batched (the default), interleaved in rounds in one
 * process so both see the same machine load; plus one end-to-end `npm run import` run of the
 * folder. Prints files/s and documents/s and the projected time for 10,000 bilingual articles
 * (20,000 pages). `--files N` (default 600), `--round N` (default 50).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import { benchPage, writeBenchPages } from './import-pages';
import { GOAL, accuracyTable, scoreCorpus } from './import-accuracy';

const ROOT = path.resolve(__dirname, '..', '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

function accuracy(): number {
  const { fields, misses, pages } = scoreCorpus();
  console.log(`Importer accuracy over ${pages} hand-written pages (goal: precision ≥ ${GOAL.precision}, recall ≥ ${GOAL.recall})\n`);
  console.log(accuracyTable(fields));
  const below = fields.filter((f) => f.precision < GOAL.precision || f.recall < GOAL.recall);
  if (misses.length) {
    console.log(`\n${misses.length} misses:`);
    for (const m of misses) console.log(`  ${m.page} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
  }
  const out = path.join(__dirname, 'results', 'import-accuracy.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `# Importer accuracy (${pages} pages)\n\n${accuracyTable(fields)}\n`);
  console.log(below.length ? `\nBELOW GOAL: ${below.map((f) => f.field).join(', ')}` : '\nevery field meets the goal');
  return below.length ? 1 : 0;
}

async function withDatabase<T>(run: (env: NodeJS.ProcessEnv, label: string) => T | Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-import-'));
  const base = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  if (process.env.DATABASE_CLIENT !== 'postgres') {
    try {
      return await run({ ...base, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') }, 'sqlite');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const { createDatabase, dropDatabase, uniqueDatabaseName } = await import('../helpers/postgres');
  const name = uniqueDatabaseName('bench_import');
  await createDatabase(name);
  try {
    return await run({ ...base, DATABASE_CLIENT: 'postgres', DATABASE_NAME: name }, 'postgres');
  } finally {
    await dropDatabase(name);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Run {
  mode: string;
  files: number;
  documents: number;
  wallSeconds: number;
  bootSeconds: number;
  importSeconds: number;
  failed: number;
}

function importFolder(env: NodeJS.ProcessEnv, folder: string, extra: string[], mode: string): Run {
  const started = Date.now();
  const out = execFileSync('node', ['node_modules/.bin/newsroom', 'import', folder, '--publish', '--json', ...extra], {
    cwd: ROOT,
    env,
    maxBuffer: 1 << 30,
  }).toString();
  const wallSeconds = (Date.now() - started) / 1000;
  const { summary } = JSON.parse(out);
  return {
    mode,
    files: summary.done,
    documents: summary.documents,
    wallSeconds,
    bootSeconds: summary.bootSeconds,
    importSeconds: summary.seconds - summary.bootSeconds,
    failed: summary.failed,
  };
}

/**
 * One boot, rounds alternating the two ways of writing the same kind of pages — one transaction
 * per page (the importer before batching) and one transaction per batch with a savepoint per page —
 * so both see the same machine load. Returns pages and documents per second of writing.
 */
async function interleaved(env: NodeJS.ProcessEnv, files: number, round: number) {
  Object.assign(process.env, env);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withStrapiTask } = require('../../src/plugins/newsroom/bin/with-strapi');
  const DIST = path.join(ROOT, 'src/plugins/newsroom/dist/domain/import');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parsePage } = require(path.join(DIST, 'parse-page'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { planImport } = require(path.join(DIST, 'plan'));

  const plans = Array.from({ length: files }, (_, i) => planImport(parsePage(benchPage(i))));
  const tally = { single: { pages: 0, docs: 0, ms: 0 }, batched: { pages: 0, docs: 0, ms: 0 } };
  const docs = (o: any) =>
    (o.article.action === 'linked' ? 0 : 1) + (o.neighbourhood?.action === 'created' ? 1 : 0) + o.newsItems.created + o.newsItems.updated;
  await withStrapiTask(async (strapi: any) => {
    const svc = strapi.plugin('newsroom').service('importer');
    const session = svc.createSession();
    for (let i = 0; i + 2 * round <= plans.length; i += 2 * round) {
      let t = Date.now();
      for (const p of plans.slice(i, i + round)) {
        const [r] = await svc.importBatch([p], { publish: true, session });
        if (!r.ok) throw r.error;
        tally.single.docs += docs(r.outcome);
      }
      tally.single.ms += Date.now() - t;
      tally.single.pages += round;
      t = Date.now();
      const results = await svc.importBatch(plans.slice(i + round, i + 2 * round), { publish: true, session });
      tally.batched.ms += Date.now() - t;
      tally.batched.pages += round;
      for (const r of results) {
        if (!r.ok) throw r.error;
        tally.batched.docs += docs(r.outcome);
      }
    }
  });
  const rate = (x: { pages: number; docs: number; ms: number }) => ({
    pagesPerSecond: x.pages / (x.ms / 1000),
    documentsPerSecond: x.docs / (x.ms / 1000),
    pages: x.pages,
    documents: x.docs,
  });
  return { single: rate(tally.single), batched: rate(tally.batched) };
}

async function throughput(): Promise<number> {
  const files = arg('files', 600);
  const round = arg('round', 50);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-pages-'));
  const related = writeBenchPages(path.join(dir, 'pages'), files);
  console.log(
    `${files} pages, ${related} related news items (1–4 a page); machine load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const label = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
  // End to end, as an editor runs it: `npm run import -- <folder> --publish` (batched), boot included.
  const cli = await withDatabase((env) => importFolder(env, path.join(dir, 'pages'), [], 'npm run import (batched)'));
  fs.rmSync(dir, { recursive: true, force: true });
  // The two write strategies side by side, interleaved in one process on a fresh database.
  const both = await withDatabase((env) => interleaved(env, files, round));
  const cliRate = {
    filesPerSecondWall: cli.files / cli.wallSeconds,
    filesPerSecondImport: cli.files / cli.importSeconds,
    documentsPerSecondImport: cli.documents / cli.importSeconds,
  };
  const project = (pagesPerSecond: number) => (cli.bootSeconds + 20000 / pagesPerSecond) / 60;
  console.log(
    `\n${label}, end to end (${files} files): ${cli.wallSeconds.toFixed(1)} s wall incl. ${cli.bootSeconds.toFixed(1)} s boot; ${cliRate.filesPerSecondWall.toFixed(1)} files/s wall, ${cliRate.filesPerSecondImport.toFixed(1)} files/s and ${cliRate.documentsPerSecondImport.toFixed(1)} documents/s importing; ${cli.failed} failed`,
  );
  console.log(`\n${label}, interleaved rounds of ${round} pages in one process:`);
  console.log('| writes | pages | documents | pages/s | documents/s | 10,000 bilingual articles (20,000 pages) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, r] of [
    ['one transaction per page', both.single],
    ['batched, savepoint per page', both.batched],
  ] as const) {
    console.log(
      `| ${name} | ${r.pages} | ${r.documents} | ${r.pagesPerSecond.toFixed(1)} | ${r.documentsPerSecond.toFixed(1)} | ${project(r.pagesPerSecond).toFixed(1)} min |`,
    );
  }
  const speedup = both.batched.pagesPerSecond / both.single.pagesPerSecond;
  console.log(`\nbatched / one transaction per page: ×${speedup.toFixed(2)}`);
  const result = {
    database: label,
    pages: files,
    relatedNews: related,
    endToEnd: { ...cli, ...cliRate },
    interleaved: both,
    speedup,
    projected10kBilingualMinutes: project(both.batched.pagesPerSecond),
    machineLoad: os.loadavg(),
  };
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', `import-${label}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return cli.failed ? 1 : 0;
}

(async () => {
  const code = process.argv.includes('--accuracy') ? accuracy() : await throughput();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../src/plugins/newsroom/bin/with-strapi').exitAfterFlush(code);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
