/**
 * `npm run bench:import [-- --files 600] [-- --accuracy] [-- --archive]`
 *
 * --accuracy: precision and recall per field of the page parser over the hand-written corpus
 *   (tests/fixtures/import/expected); exits 1 when any field is below the goal (0.97 / 0.93).
 *
 * Otherwise: throughput of `npm run import -- <folder> --publish` on a generated folder of pages in
 * the house style (each with one to four related news items), into a fresh database —
 * SQLite by default, PostgreSQL with DATABASE_CLIENT=postgres (a scratch database is created and
 * dropped). In one run, so the figures compare: one transaction per page through the Document
 * Service (`--no-bulk --batch-size 1`, the importer before batching: the original baseline), batched
 * through the Document Service (`--no-bulk`, a savepoint per page) and the bulk path (the default:
 * multi-row inserts per batch, a savepoint per segment) — end to end as `npm run import` runs them,
 * back to back on fresh databases, boot included; and interleaved in rounds in one process so all
 * three see the same machine load. Prints files/s and documents/s and the projected time for 10,000
 * bilingual articles (20,000 pages). `--files N` (default 600), `--round N` (default 50),
 * `--no-baseline` skips the slow end-to-end run of the original baseline.
 *
 * Then the archive case (alone with `--archive`): `--files` pages whose related items recur, drawn
 * from a pool of 50 headlines, imported end to end with the bulk path, and parsed with `--parse-only`
 * (goals: ≥ 60 files/s wall-clock on SQLite, boot included; ≥ 200 files/s parsing).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import { ARCHIVE_POOL, benchPage, writeBenchPages } from './import-pages';
import { GOAL, accuracyTable, isSavedPage, loadCorpus, scoreCorpus } from './import-accuracy';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';

const ROOT = path.resolve(__dirname, '..', '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

function accuracy(): number {
  const corpus = loadCorpus();
  const { fields, misses, pages } = scoreCorpus(corpus);
  console.log(`Importer accuracy over ${pages} hand-written pages (goal: precision ≥ ${GOAL.precision}, recall ≥ ${GOAL.recall})\n`);
  console.log(accuracyTable(fields));
  const parts: Array<[string, (source: string) => boolean]> = [
    ['text', (s) => !/\.html?$/i.test(s)],
    ['html', (s) => /\.html?$/i.test(s)],
    ['held-out (saved) text', (s) => isSavedPage(s) && !/\.html?$/i.test(s)],
    ['held-out (saved) html', (s) => isSavedPage(s) && /\.html?$/i.test(s)],
  ];
  const byFormat = parts.map(([format, keep]) => {
    const part = corpus.filter((p) => keep(p.source));
    return { format, pages: part.length, table: accuracyTable(scoreCorpus(part).fields) };
  });
  for (const f of byFormat) console.log(`\n${f.format} pages (${f.pages}):\n${f.table}`);
  const below = fields.filter((f) => f.precision < GOAL.precision || f.recall < GOAL.recall);
  if (misses.length) {
    console.log(`\n${misses.length} misses:`);
    for (const m of misses) console.log(`  ${m.page} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
  }
  const out = path.join(__dirname, 'results', 'import-accuracy.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `# Importer accuracy (${pages} pages)\n\n${accuracyTable(fields)}\n${byFormat.map((f) => `\n## ${f.format} pages (${f.pages})\n\n${f.table}\n`).join('')}`,
  );
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
  /** Pages written by the bulk path and through the Document Service, and bulk writes that fell back. */
  paths?: { bulk: number; documents: number; fallbacks: number };
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
    paths: summary.paths,
  };
}

/**
 * One boot, rounds alternating the three ways of writing the same kind of pages — one transaction
 * per page through the Document Service (the importer before batching), one transaction per batch
 * with a savepoint per page through the Document Service, and the bulk path — so all see the same
 * machine load. Returns pages and documents per second of writing.
 */
async function interleaved(env: NodeJS.ProcessEnv, files: number, round: number) {
  Object.assign(process.env, env);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withStrapiTask } = require('../../src/plugins/newsroom/bin/with-strapi');
  const DIST = path.join(ROOT, 'src/plugins/newsroom/dist/core/import');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parsePage } = require(path.join(DIST, 'parse-page'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { planImport } = require(path.join(DIST, 'plan'));

  const plans = Array.from({ length: files }, (_, i) => planImport(parsePage(benchPage(i))));
  const tally = { single: { pages: 0, docs: 0, ms: 0 }, batched: { pages: 0, docs: 0, ms: 0 }, bulk: { pages: 0, docs: 0, ms: 0 } };
  const docs = (o: any) =>
    (o.article.action === 'linked' ? 0 : 1) + (o.neighbourhood?.action === 'created' ? 1 : 0) + o.newsItems.created + o.newsItems.updated;
  await withStrapiTask(async (strapi: any) => {
    const svc = strapi.plugin('newsroom').service('importer');
    const session = svc.createSession();
    for (let i = 0; i + 3 * round <= plans.length; i += 3 * round) {
      let t = Date.now();
      for (const p of plans.slice(i, i + round)) {
        const [r] = await svc.importBatch([p], { publish: true, session, bulk: false });
        if (!r.ok) throw r.error;
        tally.single.docs += docs(r.outcome);
      }
      tally.single.ms += Date.now() - t;
      tally.single.pages += round;
      for (const [mode, offset, bulk] of [
        ['batched', 1, false],
        ['bulk', 2, true],
      ] as const) {
        t = Date.now();
        const results = await svc.importBatch(plans.slice(i + offset * round, i + (offset + 1) * round), { publish: true, session, bulk });
        tally[mode].ms += Date.now() - t;
        tally[mode].pages += round;
        for (const r of results) {
          if (!r.ok) throw r.error;
          tally[mode].docs += docs(r.outcome);
        }
      }
    }
    if (session.stats.fallbacks || session.stats.bulk !== tally.bulk.pages)
      throw new Error(`bulk path not taken for every page: ${JSON.stringify(session.stats)}`);
  });
  const rate = (x: { pages: number; docs: number; ms: number }) => ({
    pagesPerSecond: x.pages / (x.ms / 1000),
    documentsPerSecond: x.docs / (x.ms / 1000),
    pages: x.pages,
    documents: x.docs,
  });
  return { single: rate(tally.single), batched: rate(tally.batched), bulk: rate(tally.bulk) };
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
  // End to end, as an editor runs it: `npm run import -- <folder> --publish`, boot included, back to back.
  const modes: Array<[string, string[]]> = [
    ...(process.argv.includes('--no-baseline')
      ? []
      : ([['original: Document Service, a transaction per page', ['--no-bulk', '--batch-size', '1']]] as Array<[string, string[]]>)),
    ['Document Service, batched (savepoint per page)', ['--no-bulk']],
    ['bulk path (default)', []],
  ];
  const cli: Run[] = [];
  for (const [mode, extra] of modes) cli.push(await withDatabase((env) => importFolder(env, path.join(dir, 'pages'), extra, mode)));
  fs.rmSync(dir, { recursive: true, force: true });
  // The three write strategies side by side, interleaved in one process on a fresh database.
  const all = await withDatabase((env) => interleaved(env, files, round));
  const bulkCli = cli[cli.length - 1];
  const project = (pagesPerSecond: number) => (bulkCli.bootSeconds + 20000 / pagesPerSecond) / 60;
  console.log(`\n${label}, end to end (${files} files, \`npm run import -- <folder> --publish\`, fresh database each):`);
  // Projected from the command's own rate: its boot, then 20,000 pages at its files/s while importing.
  const projectCli = (r: Run) => (r.bootSeconds + (20000 * r.importSeconds) / r.files) / 60;
  console.log('| writes | wall s | boot s | import s | files/s (wall) | files/s (import) | documents/s (import) | failed | 10,000 bilingual articles |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of cli) {
    console.log(
      `| ${r.mode} | ${r.wallSeconds.toFixed(1)} | ${r.bootSeconds.toFixed(1)} | ${r.importSeconds.toFixed(1)} | ${(r.files / r.wallSeconds).toFixed(1)} | ${(r.files / r.importSeconds).toFixed(1)} | ${(r.documents / r.importSeconds).toFixed(1)} | ${r.failed} | ${projectCli(r).toFixed(1)} min |`,
    );
  }
  for (const r of cli.slice(0, -1)) {
    console.log(
      `bulk vs ${r.mode}: ×${(r.wallSeconds / bulkCli.wallSeconds).toFixed(2)} wall, ×${(r.importSeconds / bulkCli.importSeconds).toFixed(2)} importing`,
    );
  }
  console.log(`\n${label}, interleaved rounds of ${round} pages in one process:`);
  console.log('| writes | pages | documents | pages/s | documents/s | 10,000 bilingual articles (20,000 pages) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [name, r] of [
    ['one transaction per page (Document Service)', all.single],
    ['batched, savepoint per page (Document Service)', all.batched],
    ['bulk path, savepoint per segment', all.bulk],
  ] as const) {
    console.log(
      `| ${name} | ${r.pages} | ${r.documents} | ${r.pagesPerSecond.toFixed(1)} | ${r.documentsPerSecond.toFixed(1)} | ${project(r.pagesPerSecond).toFixed(1)} min |`,
    );
  }
  const speedup = all.bulk.pagesPerSecond / all.single.pagesPerSecond;
  console.log(
    `\nbulk / one transaction per page: ×${speedup.toFixed(2)}; bulk / batched: ×${(all.bulk.pagesPerSecond / all.batched.pagesPerSecond).toFixed(2)}`,
  );
  const result = {
    database: label,
    pages: files,
    relatedNews: related,
    endToEnd: cli.map((r) => ({
      ...r,
      filesPerSecondWall: r.files / r.wallSeconds,
      filesPerSecondImport: r.files / r.importSeconds,
      documentsPerSecondImport: r.documents / r.importSeconds,
      projected10kBilingualMinutes: projectCli(r),
    })),
    interleaved: all,
    speedup,
    projected10kBilingualMinutes: { endToEnd: projectCli(bulkCli), interleaved: project(all.bulk.pagesPerSecond) },
    machineLoad: os.loadavg(),
  };
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', `import-${label}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return cli.some((r) => r.failed) ? 1 : 0;
}

/** The archive case's goals (issue 27): end to end on SQLite, boot included; parsing alone. */
const ARCHIVE_GOAL = { filesPerSecondWall: 60, parseOnlyFilesPerSecond: 200 };

/**
 * The archive case: pages whose related items recur (drawn from a pool of ARCHIVE_POOL headlines,
 * as a site's sidebar repeats them). An item already imported with the same content is a link and
 * the page stays on the bulk path. End to end (`npm run import -- <folder> --publish`, boot
 * included, fresh database) and `--parse-only` on the same folder.
 */
async function archiveCase(): Promise<number> {
  const files = arg('files', 600);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-archive-'));
  const folder = path.join(dir, 'pages');
  const related = writeBenchPages(folder, files, { archive: true });
  const label = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
  try {
    let paths: { bulk: number; documents: number; fallbacks: number } | undefined;
    const run = await withDatabase((env) => {
      const r = importFolder(env, folder, [], 'archive: bulk path (default)');
      paths = r.paths;
      return r;
    });
    const started = Date.now();
    const parsed = JSON.parse(
      execFileSync('node', ['node_modules/.bin/newsroom', 'import', folder, '--parse-only', '--json'], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn' },
        maxBuffer: 1 << 30,
      }).toString(),
    ).summary;
    const parseSeconds = (Date.now() - started) / 1000;
    const wallRate = run.files / run.wallSeconds;
    const parseRate = parsed.done / parseSeconds;
    console.log(`
${label}, archive: ${files} pages, ${related} related items drawn from ${ARCHIVE_POOL} recurring headlines`);
    console.log('| case | files | wall s | boot s | files/s (wall) | goal | pages on the bulk path | through the Document Service | bulk fallbacks | failed |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(
      `| import --publish | ${run.files} | ${run.wallSeconds.toFixed(1)} | ${run.bootSeconds.toFixed(1)} | ${wallRate.toFixed(1)} | ≥ ${ARCHIVE_GOAL.filesPerSecondWall} (SQLite) | ${paths?.bulk} | ${paths?.documents} | ${paths?.fallbacks} | ${run.failed} |`,
    );
    console.log(
      `| --parse-only | ${parsed.done} | ${parseSeconds.toFixed(1)} | – | ${parseRate.toFixed(1)} | ≥ ${ARCHIVE_GOAL.parseOnlyFilesPerSecond} | – | – | – | ${parsed.failed} |`,
    );
    const result = {
      database: label,
      pages: files,
      relatedNews: related,
      pool: ARCHIVE_POOL,
      import: { ...run, filesPerSecondWall: wallRate, paths },
      parseOnly: { files: parsed.done, seconds: parseSeconds, filesPerSecond: parseRate, failed: parsed.failed },
      goal: ARCHIVE_GOAL,
      machineLoad: os.loadavg(),
    };
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', `import-archive-${label}.json`), `${JSON.stringify(result, null, 2)}\n`);
    return run.failed || parsed.failed ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

(async () => {
  const code = process.argv.includes('--accuracy')
    ? accuracy()
    : process.argv.includes('--archive')
      ? await archiveCase()
      : Math.max(await throughput(), await archiveCase());
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../src/plugins/newsroom/bin/with-strapi').exitAfterFlush(code);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
