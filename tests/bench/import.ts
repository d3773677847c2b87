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
 * importer's behaviour before batching) and batched (the default). Prints files/s and
 * documents/s, wall-clock including boot and the import phase alone, and the projected time for
 * 10,000 bilingual articles (20,000 pages).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';
import { writeBenchPages } from './import-pages';
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

async function withDatabase<T>(run: (env: NodeJS.ProcessEnv, label: string) => T): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-import-'));
  const base = { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  if (process.env.DATABASE_CLIENT !== 'postgres') {
    try {
      return run({ ...base, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') }, 'sqlite');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Client } = require('pg');
  const name = `newsroom_bench_import_${process.pid}_${Date.now() % 100000}`;
  const admin = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1', port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres', password: process.env.DATABASE_PASSWORD, database: 'postgres',
  });
  await admin.connect();
  await admin.query(`create database ${name}`);
  try {
    return run({ ...base, DATABASE_CLIENT: 'postgres', DATABASE_NAME: name }, 'postgres');
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Run { mode: string; files: number; documents: number; wallSeconds: number; bootSeconds: number; importSeconds: number; failed: number }

function importFolder(env: NodeJS.ProcessEnv, folder: string, extra: string[], mode: string): Run {
  const started = Date.now();
  const out = execFileSync('node', ['src/scripts/import.js', folder, '--publish', '--json', ...extra], { cwd: ROOT, env, maxBuffer: 1 << 30 }).toString();
  const wallSeconds = (Date.now() - started) / 1000;
  const { summary } = JSON.parse(out);
  return { mode, files: summary.done, documents: summary.documents, wallSeconds, bootSeconds: summary.bootSeconds, importSeconds: summary.seconds - summary.bootSeconds, failed: summary.failed };
}

async function throughput(): Promise<number> {
  const files = arg('files', 600);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-pages-'));
  const related = writeBenchPages(path.join(dir, 'one'), files);
  // The same pages again under other titles: the second mode imports into the same kind of database.
  fs.mkdirSync(path.join(dir, 'two'));
  for (const f of fs.readdirSync(path.join(dir, 'one'))) {
    const text = fs.readFileSync(path.join(dir, 'one', f), 'utf8').replace(/^(.*?)\|/, '$1(批量)|').replace(/(第\d+站)/g, '$1·批量');
    fs.writeFileSync(path.join(dir, 'two', f), text);
  }
  console.log(`${files} pages, ${related} related news items (1–4 a page)`);
  const runs = await withDatabase((env, label) => {
    const single = importFolder(env, path.join(dir, 'one'), ['--batch-size', '1'], 'one transaction per page');
    const batched = importFolder(env, path.join(dir, 'two'), [], 'batched (50 pages a transaction, a savepoint per page)');
    return { label, single, batched };
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const rows = [runs.single, runs.batched].map((r) => ({
    ...r,
    filesPerSecond: r.files / r.wallSeconds,
    importFilesPerSecond: r.files / r.importSeconds,
    documentsPerSecond: r.documents / r.importSeconds,
    projected10kBilingualMinutes: (r.bootSeconds + 20000 / (r.files / r.importSeconds)) / 60,
  }));
  console.log(`\n${runs.label}:`);
  console.log('| mode | files | documents | wall s (incl. boot) | boot s | files/s (wall) | files/s (import) | documents/s (import) | 10,000 bilingual articles |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.mode} | ${r.files} | ${r.documents} | ${r.wallSeconds.toFixed(1)} | ${r.bootSeconds.toFixed(1)} | ${r.filesPerSecond.toFixed(1)} | ${r.importFilesPerSecond.toFixed(1)} | ${r.documentsPerSecond.toFixed(1)} | ${r.projected10kBilingualMinutes.toFixed(1)} min |`);
  }
  const speedup = rows[1].importFilesPerSecond / rows[0].importFilesPerSecond;
  console.log(`\nbatched / one transaction per page: ×${speedup.toFixed(2)} (import phase), ×${(rows[1].filesPerSecond / rows[0].filesPerSecond).toFixed(2)} (wall clock)`);
  const result = { database: runs.label, pages: files, relatedNews: related, runs: rows, speedup, machineLoad: os.loadavg() };
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', `import-${runs.label}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return rows.some((r) => r.failed) ? 1 : 0;
}

(async () => {
  const code = process.argv.includes('--accuracy') ? accuracy() : await throughput();
  process.exit(code);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
