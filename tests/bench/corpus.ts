/**
 * The benchmark corpus: bilingual articles (zh-Hans published + en published), neighbourhoods and
 * related news items, written through the Document Service with the newsroom rules on — the same
 * path an import takes, so generating it is also the import-throughput figure.
 *
 * SQLite: generated once into a file named by its size (under os.tmpdir()/newsroom-bench-corpus
 * unless --corpus-dir says otherwise) and reused while the content-type schemas are unchanged; the
 * manifest beside it keeps the generation timing. PostgreSQL: generated every run into a fresh
 * database (createPgDatabase / dropPgDatabase, through psql).
 *
 * Generation runs in a child process (this file with --generate) so the benchmark process never
 * loads Strapi itself.
 */
import { execFileSync, spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { APP_DIR, benchEnv, DbTarget, track } from './server';
import { loadApp } from '../helpers/strapi';

export interface CorpusSize {
  articles: number;
  neighbourhoods: number;
  news: number;
}

export interface CorpusTiming {
  /** Every document version written: neighbourhoods + news items + 2 locales per article. */
  documents: number;
  seconds: number;
  documentsPerSecond: number;
  /** The articles phase alone (zh-Hans create + en update, both published). */
  articleSeconds: number;
  bilingualArticlesPerSecond: number;
  /** 10,000 bilingual articles at that rate, in minutes (the "import ≤ 3 minutes" figure). */
  projected10kMinutes: number;
}

export interface Corpus {
  size: CorpusSize;
  target: DbTarget;
  /** SQLite only: the pristine file (never served from: servers get copies). */
  file?: string;
  reused: boolean;
  generatedAt: string;
  timing: CorpusTiming;
  /** A published zh-Hans article to aim the detail, by-slug and JSON-LD endpoints at. */
  sample: { documentId: string; slug: string };
}

const CONTENT_DIRS = ['src/plugins/newsroom/server/src/content-types', 'src/plugins/newsroom/server/src/components'];

/** Changes when a content-type or component schema does: a corpus made before is then rebuilt. */
export function schemaHash(): string {
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) h.update(path.relative(APP_DIR, p)).update(fs.readFileSync(p));
    }
  };
  for (const d of CONTENT_DIRS) walk(path.join(APP_DIR, d));
  return h.digest('hex').slice(0, 12);
}

export const defaultCorpusDir = () => path.join(os.tmpdir(), 'newsroom-bench-corpus');

export const corpusFile = (dir: string, size: CorpusSize) =>
  path.join(dir, `corpus-a${size.articles}-h${size.neighbourhoods}-n${size.news}-${schemaHash()}.db`);

/** A published zh-Hans article from a SQLite corpus file. */
export function sqliteSample(file: string): { documentId: string; slug: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(`select document_id, slug from newsroom_articles where locale = 'zh-Hans' and published_at is not null and slug is not null order by id limit 1`)
      .get();
    if (!row) throw new Error(`no published zh-Hans article in ${file}`);
    return { documentId: row.document_id, slug: row.slug };
  } finally {
    db.close();
  }
}

function runGenerator(
  size: CorpusSize,
  env: Record<string, string>,
  timeoutMs: number,
  log: (s: string) => void,
): Promise<{ timing: CorpusTiming; sample: Corpus['sample'] }> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(
        process.execPath,
        [
          '-r',
          'esbuild-register',
          __filename,
          '--generate',
          '--articles',
          String(size.articles),
          '--neighbourhoods',
          String(size.neighbourhoods),
          '--news',
          String(size.news),
        ],
        { cwd: APP_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
      ),
    );
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-8000);
    };
    child.stderr!.on('data', keep);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      for (const line of chunk.toString().split('\n')) if (line.startsWith('progress ')) log(line.slice(9));
    });
    let result: any = null;
    child.on('message', (m: any) => {
      if (m?.type === 'corpus') result = m;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`corpus generation did not finish in ${timeoutMs / 1000} s\n${tail}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0 && result) resolve({ timing: result.timing, sample: result.sample });
      else reject(new Error(`corpus generation failed (exit ${code})\n${tail}`));
    });
  });
}

/**
 * The corpus for this size: reused (SQLite, same size and schemas) or generated.
 * For PostgreSQL the database named in target must exist and be empty.
 */
export async function ensureCorpus(opts: {
  size: CorpusSize;
  target: DbTarget;
  corpusDir?: string;
  /** SQLite: generate even when a matching file exists. */
  fresh?: boolean;
  timeoutMs?: number;
  log?: (s: string) => void;
}): Promise<Corpus> {
  const log = opts.log ?? (() => undefined);
  const timeoutMs = opts.timeoutMs ?? 60 * 60_000;
  if (opts.target.client === 'postgres') {
    const { timing, sample } = await runGenerator(opts.size, benchEnv(opts.target, {}), timeoutMs, log);
    return { size: opts.size, target: opts.target, reused: false, generatedAt: new Date().toISOString(), timing, sample };
  }
  const dir = path.resolve(opts.corpusDir ?? defaultCorpusDir());
  fs.mkdirSync(dir, { recursive: true });
  const file = corpusFile(dir, opts.size);
  const manifestFile = `${file}.json`;
  if (!opts.fresh && fs.existsSync(file) && fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    return { ...manifest, target: { client: 'sqlite', file }, file, reused: true, sample: sqliteSample(file) };
  }
  // Written under a temporary name and renamed when complete: an interrupted run is never reused.
  const partial = `${file}.partial-${process.pid}`;
  const scratch = [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`];
  for (const f of scratch) fs.rmSync(f, { force: true });
  try {
    const { timing, sample } = await runGenerator(opts.size, benchEnv({ client: 'sqlite', file: partial }, {}), timeoutMs, log);
    await compactInto(partial, file);
    const manifest = { size: opts.size, generatedAt: new Date().toISOString(), timing, schema: schemaHash() };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    return { ...manifest, target: { client: 'sqlite', file }, file, reused: false, sample };
  } finally {
    for (const f of scratch) fs.rmSync(f, { force: true });
  }
}

/** Copies a SQLite database consistently (WAL included) into a single self-contained file. */
export async function compactInto(from: string, to: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3');
  const db = new Database(from, { fileMustExist: true });
  const tmp = `${to}.copy-${process.pid}`;
  try {
    await db.backup(tmp);
  } finally {
    db.close();
  }
  const out = new Database(tmp);
  out.pragma('journal_mode = DELETE');
  out.close();
  fs.renameSync(tmp, to);
}

/** psql against the local server (the one the PostgreSQL tests use). */
function psql(sql: string) {
  execFileSync(
    'psql',
    [
      '-h',
      process.env.DATABASE_HOST ?? '127.0.0.1',
      '-p',
      process.env.DATABASE_PORT ?? '5432',
      '-U',
      process.env.DATABASE_USERNAME ?? 'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-qc',
      sql,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PGDATABASE: 'postgres' },
    },
  );
}

export function createPgDatabase(name: string) {
  psql(`CREATE DATABASE "${name}"`);
}

export function dropPgDatabase(name: string) {
  psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

// ---------------------------------------------------------------------------------------------
// Child mode: boot Strapi in this process and write the corpus.

const blocks = (n: number, text: string) =>
  Array.from({ length: n }, (_, i) => ({ type: 'paragraph', children: [{ type: 'text', text: `${text}（第${i + 1}段）` }] }));

async function generate(size: CorpusSize) {
  const app = await loadApp({}, 'error');
  const docs = (uid: string) => app.documents(uid);
  const started = process.hrtime.bigint();
  const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
  const hoods: string[] = [];
  const news: string[] = [];
  await app.db.transaction(async () => {
    for (let i = 0; i < size.neighbourhoods; i += 1) {
      const d = await docs('plugin::newsroom.neighbourhood').create({
        locale: 'zh-Hans',
        status: 'published',
        data: {
          name: `基准小区${i}`,
          district: '江汉区',
          households: 800 + (i % 900),
          occupiedHouseholds: 400 + (i % 300),
          tenantShare: 0.3,
          elderlyShare: 0.25,
          yearBuilt: 1990 + (i % 30),
        },
      });
      hoods.push(d.documentId);
    }
    for (let i = 0; i < size.news; i += 1) {
      const d = await docs('plugin::newsroom.news-item').create({
        locale: 'zh-Hans',
        status: 'published',
        data: {
          headline: `相关新闻 ${i}：社区治理见成效`,
          outlet: i % 2 ? '中新网' : '央视网',
          dateline: '武汉12月28日电',
          summary: '社区志愿者走访住户，收集意见。',
        },
      });
      news.push(d.documentId);
    }
  });
  const articlesStarted = process.hrtime.bigint();
  const BATCH = 100;
  let nextReport = 0;
  for (let start = 0; start < size.articles; start += BATCH) {
    await app.db.transaction(async () => {
      for (let i = start; i < Math.min(start + BATCH, size.articles); i += 1) {
        const a = await docs('plugin::newsroom.article').create({
          locale: 'zh-Hans',
          status: 'published',
          data: {
            title: `基准文章 ${i}：用情融入基层治理`,
            standfirst: '社区工作者与居民一起解决身边事。',
            exclusive: i % 3 === 0,
            origin: i % 3 === 1 ? { outlet: '中新网', originalDateline: '武汉12月28日电' } : null,
            body: blocks(7, `正文段落 ${i}`),
            bylines: [
              { name: '张晓鸣', role: 'reporter' },
              { name: '单颖文', role: 'responsible-editor' },
            ],
            neighbourhood: hoods.length ? hoods[i % hoods.length] : null,
            relatedNews: news.length ? [...new Set([news[i % news.length], news[(i + 7) % news.length], news[(i + 13) % news.length]])] : [],
          },
        });
        await docs('plugin::newsroom.article').update({
          documentId: a.documentId,
          locale: 'en',
          status: 'published',
          data: { title: `Benchmark article ${i}: community work` },
        });
      }
    });
    const done = Math.min(start + BATCH, size.articles);
    if (done >= nextReport || done === size.articles) {
      const rate = done / since(articlesStarted);
      process.stdout.write(`progress ${done}/${size.articles} articles, ${rate.toFixed(1)} bilingual articles/s\n`);
      nextReport = done + Math.max(BATCH, Math.round(size.articles / 10));
    }
  }
  const seconds = since(started);
  const articleSeconds = since(articlesStarted);
  const documents = size.neighbourhoods + size.news + 2 * size.articles;
  const sampleRow = await app.db
    .connection('newsroom_articles')
    .select('document_id', 'slug')
    .where({ locale: 'zh-Hans' })
    .whereNotNull('published_at')
    .whereNotNull('slug')
    .orderBy('id')
    .first();
  const timing: CorpusTiming = {
    documents,
    seconds,
    documentsPerSecond: documents / seconds,
    articleSeconds,
    bilingualArticlesPerSecond: size.articles / articleSeconds,
    projected10kMinutes: 10000 / (size.articles / articleSeconds) / 60,
  };
  // Strapi finishes some work after a write returns: let the pool go idle before closing it.
  const pool = app.db?.connection?.client?.pool;
  const t = Date.now();
  await new Promise((r) => setTimeout(r, 100));
  while (pool && Date.now() - t < 15_000 && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0)) await new Promise((r) => setTimeout(r, 50));
  await app.destroy();
  return { timing, sample: { documentId: sampleRow.document_id, slug: sampleRow.slug } };
}

if (require.main === module && process.argv.includes('--generate')) {
  const num = (name: string) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]);
  // The parent went away (killed): stop writing.
  process.on('disconnect', () => process.exit(2));
  generate({ articles: num('articles'), neighbourhoods: num('neighbourhoods'), news: num('news') })
    .then((r) => {
      process.send!({ type: 'corpus', ...r }, () => process.exit(0));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
