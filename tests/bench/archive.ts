/**
 * The archive at scale: `npm run bench -- --archive 1000,10000[,100000] [--duration 5]`.
 *
 * For each N, on a fresh database (SQLite file, or PostgreSQL with DATABASE_CLIENT=postgres):
 * 1. N stories in each locale (tests/helpers/archive.ts: the importer's bulk path, same rules),
 *    timed, in this process; then the query plans of the plugin's lookups (EXPLAIN);
 * 2. `newsroom check` as the CLI runs it (a child process: wall time and peak RSS);
 * 3. a Strapi child with the read cache off (every answer rendered), each endpoint loaded with
 *    autocannon at 4 connections: by-slug, detail, list, GraphQL list, RSS, news sitemap, sitemap
 *    index, the Content Manager's list, search in Chinese and in English; the server's peak RSS.
 * Results: tests/bench/results/archive-<db>.json and .md, with the growth from the smallest N.
 */
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { archiveTitle, buildArchive } from '../helpers/archive';
import { load, LoadResult, probe } from './load';
import { APP_DIR, benchEnv, DbTarget, memoryOf, startServer } from './server';
import { createPgDatabase, dropPgDatabase } from './corpus';
import { LOOKUP_INDEXES, PREVIOUS_SLUG_INDEXES } from '../../src/plugins/newsroom/server/src/setup/indexes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const strapiHelper = require('../helpers/strapi');

type AnyStrapi = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the booted app

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const SIZES = (arg('archive') ?? '1000,10000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const DURATION = Number(arg('duration') ?? 5);
const CONNECTIONS = 4;
const CLIENT: 'sqlite' | 'postgres' = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
const started = Date.now();
const log = (s: string) => console.log(`[archive +${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

interface SizeResult {
  n: number;
  buildSeconds: number;
  check: { seconds: number; peakRssMb: number; exitCode: number | null };
  serverPeakRssMb: number;
  endpoints: Record<string, Pick<LoadResult, 'rps' | 'p50' | 'p99' | 'errors'> & { status: number }>;
  plans: Record<string, string>;
}

function target(n: number): DbTarget {
  return CLIENT === 'postgres'
    ? { client: 'postgres', database: `newsroom_archive_${n}_${process.pid}` }
    : { client: 'sqlite', file: path.join(os.tmpdir(), `newsroom-archive-${n}-${process.pid}.db`) };
}

/** EXPLAIN of one statement, as text (bindings in `?` form). */
async function explain(strapi: AnyStrapi, sql: string, bindings: unknown[]): Promise<string> {
  const knex = strapi.db.connection;
  if (CLIENT === 'postgres') {
    const r = await knex.raw(`EXPLAIN ${sql}`, bindings);
    return r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
  }
  const r = await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings);
  return r.map((x: { detail: string }) => x.detail).join('\n');
}

interface Captured {
  sql: string;
  bindings: unknown[];
}

/**
 * The statements the plugin itself sends while `run` runs (knex's query events), so the plans shown
 * are those of the real lookups, not of hand-written look-alikes. PostgreSQL's `$n` placeholders go
 * back to knex's `?` (the statements hold no other question mark).
 */
async function captured(strapi: AnyStrapi, run: () => Promise<unknown>): Promise<Captured[]> {
  const knex = strapi.db.connection;
  const seen: Captured[] = [];
  const listener = (q: { sql: string; bindings?: unknown[] }) => {
    if (/^\s*(select|with)\b/i.test(q.sql)) seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  knex.on('query', listener);
  try {
    await run();
  } finally {
    knex.off('query', listener);
  }
  return seen.map((q) => ({ ...q, sql: q.sql.replace(/\$\d+/g, '?') }));
}

/** Plans of the captured statements that read a newsroom table (the Document Service's other queries are left out). */
async function plansOf(strapi: AnyStrapi, run: () => Promise<unknown>, max = 3): Promise<string> {
  const statements = (await captured(strapi, run)).filter((q) => /newsroom_/.test(q.sql));
  const distinct = [...new Map(statements.map((q) => [q.sql, q])).values()].slice(0, max);
  const out: string[] = [];
  for (const q of distinct) {
    const sql = q.sql.replace(/\s+/g, ' ');
    out.push(`-- ${sql.length > 400 ? `${sql.slice(0, 400)}…` : sql}`, await explain(strapi, q.sql, q.bindings), '');
  }
  return out.join('\n').trim() || '(no statement on a newsroom table)';
}

/** A full scan of the articles table (or its search index) in a plan: what should not grow with N unnoticed. */
export function scansArticles(plan: string): boolean {
  return plan
    .split('\n')
    .filter((l) => !l.startsWith('--'))
    .some((l) => /Seq Scan on newsroom_articles\b|^\s*SCAN (newsroom_articles|a|t0|t1)\b(?! USING)/.test(l));
}

async function queryPlans(strapi: AnyStrapi, sample: { slug: string; documentId: string }, i: number): Promise<Record<string, string>> {
  const newsroom = strapi.plugin('newsroom');
  const search = newsroom.service('search');
  const syndication = newsroom.service('syndication');
  const lookup = newsroom.service('lookup');
  return {
    'by-slug (current slug)': await plansOf(strapi, () => lookup.findPublishedBySlug('article', sample.slug, { locale: 'zh-Hans', fields: ['documentId'] }), 1),
    'by-slug (previousSlugs: a slug no story has)': await plansOf(
      strapi,
      () => lookup.findPublishedBySlug('article', 'no-such-story', { locale: 'zh-Hans', fields: ['documentId'] }),
      2,
    ),
    'import key (a point lookup)': await explain(strapi, 'SELECT id FROM newsroom_articles WHERE import_key = ?', ['article:archive:zh-Hans:1']),
    'import matching (a session loads a locale)': await plansOf(strapi, () => newsroom.service('importer').createSession().index('article', 'zh-Hans'), 1),
    'feed, firstPublishedAt (RSS)': await plansOf(strapi, () => syndication.rss('zh-Hans'), 1),
    'news sitemap (firstPublishedAt, 48 h)': await plansOf(strapi, () => syndication.newsSitemap(), 1),
    'embargo scheduler (due drafts)': await plansOf(strapi, () => newsroom.service('scheduler').runOnce(), 1),
    'sitemap page (keyset by id)': await plansOf(
      strapi,
      async () => {
        const stream = await syndication.sitemapPage('zh-Hans', 1);
        for await (const _chunk of stream ?? []) void _chunk;
      },
      3,
    ),
    'search zh': await plansOf(strapi, () => search.search(search.parse({ q: `第${i}篇`, locale: 'zh-Hans' })), 1),
    'search en': await plansOf(strapi, () => search.search(search.parse({ q: `residents story ${i}`, locale: 'en' })), 1),
  };
}

/** `newsroom check --json` as a user runs it: wall time and the child's peak RSS. */
function runCheck(env: Record<string, string>): Promise<{ seconds: number; peakRssMb: number; exitCode: number | null }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(APP_DIR, 'src/plugins/newsroom/bin/newsroom.js'), 'check', '--json'], {
      cwd: APP_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(child.pid!).peakMb, memoryOf(child.pid!).rssMb)), 200);
    child.on('exit', (code) => {
      clearInterval(sampler);
      resolve({ seconds: (Date.now() - t0) / 1000, peakRssMb: peak, exitCode: code });
    });
  });
}

async function adminJwt(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { data?: { token?: string } };
  if (!body.data?.token) throw new Error(`admin login failed: ${res.status}`);
  return body.data.token;
}

async function measure(n: number): Promise<SizeResult> {
  const db = target(n);
  if (db.client === 'postgres') createPgDatabase(db.database);
  const env = benchEnv(db, { NEWSROOM_READ_CACHE: 'false', NEWSROOM_SCHEDULER: 'false' });
  const email = 'archive-bench@newsroom.local';
  const password = 'Archive-Bench-2026';
  try {
    // 1. The archive, in this process.
    const t0 = Date.now();
    const strapi = await strapiHelper.bootStrapi(env);
    await strapi.admin.services.user.create({
      email,
      password,
      firstname: 'Archive',
      lastname: 'Bench',
      isActive: true,
      roles: [(await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })).id],
      registrationToken: null,
    });
    const { failed } = await buildArchive(strapi, n);
    const buildSeconds = (Date.now() - t0) / 1000;
    if (failed) throw new Error(`${failed} archive pages failed`);
    const i = Math.floor(n * 0.61);
    const sample = await strapi.db
      .query('plugin::newsroom.article')
      .findOne({ select: ['slug', 'documentId'], where: { title: archiveTitle(i, 'zh-Hans'), publishedAt: { $notNull: true } } });
    const plans = await queryPlans(strapi, sample, i);
    await strapiHelper.stopStrapi();
    log(`N=${n}: ${n * 2} stories built in ${buildSeconds.toFixed(1)} s`);

    // 2. newsroom check.
    const check = await runCheck(env);
    log(`N=${n}: newsroom check ${check.seconds.toFixed(1)} s, peak RSS ${check.peakRssMb} MB, exit ${check.exitCode}`);

    // 3. Reads, uncached.
    const server = await startServer(`archive-${n}`, env);
    try {
      const jwt = await adminJwt(server.url, email, password);
      const gql = '{ newsroomArticles(locale: "zh-Hans", pagination: { pageSize: 10 }) { title slug neighbourhood { name } } }';
      const targets: Record<string, { path: string; headers?: Record<string, string> }> = {
        'by-slug': { path: `/api/newsroom/articles/by-slug/${sample.slug}?locale=zh-Hans` },
        detail: { path: `/api/newsroom/articles/${sample.documentId}?locale=zh-Hans` },
        list: { path: '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=10&populate[neighbourhood]=true&populate[relatedNews]=true' },
        'graphql list': { path: `/graphql?query=${encodeURIComponent(gql)}`, headers: { 'apollo-require-preflight': 'true' } },
        rss: { path: '/api/newsroom/feeds/zh-Hans.rss' },
        'news sitemap': { path: '/api/newsroom/news-sitemap.xml' },
        'sitemap index': { path: '/api/newsroom/sitemap.xml' },
        'admin list': {
          path: '/content-manager/collection-types/plugin::newsroom.article?page=1&pageSize=10&sort=title:ASC&plugins[i18n][locale]=zh-Hans',
          headers: { authorization: `Bearer ${jwt}` },
        },
        'search zh': { path: `/api/newsroom/search?q=${encodeURIComponent(`第${i}篇`)}&locale=zh-Hans` },
        'search en': { path: `/api/newsroom/search?q=${encodeURIComponent(`residents story ${i}`)}&locale=en` },
      };
      const endpoints: SizeResult['endpoints'] = {};
      for (const [key, t] of Object.entries(targets)) {
        const first = await probe(server.url, t);
        const r = await load(server.url, t, { connections: CONNECTIONS, duration: DURATION });
        endpoints[key] = { status: first.status, rps: r.rps, p50: r.p50, p99: r.p99, errors: r.errors };
        log(`N=${n}: ${key.padEnd(14)} ${first.status} p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s${r.errors ? `, ${r.errors} errors` : ''}`);
      }
      return { n, buildSeconds, check, serverPeakRssMb: server.peakRssMb(), endpoints, plans };
    } finally {
      await server.stop();
    }
  } finally {
    if (db.client === 'postgres') dropPgDatabase(db.database);
    else for (const f of [db.file, `${db.file}-wal`, `${db.file}-shm`]) fs.rmSync(f, { force: true });
  }
}

function report(results: SizeResult[]) {
  const base = results[0];
  const keys = Object.keys(base.endpoints);
  const lines = [
    `# Archive at scale (${CLIENT}), ${new Date().toISOString()}`,
    '',
    `Stories per locale N = ${results.map((r) => r.n).join(', ')}; every answer rendered (read cache off); autocannon ${CONNECTIONS} connections × ${DURATION} s per endpoint; load average at start ${os.loadavg()[0].toFixed(2)}.`,
    '',
    `| endpoint | ${results.map((r) => `p50 / p99 ms, N=${r.n}`).join(' | ')} | p50 growth ${base.n}→${results[results.length - 1].n} |`,
    `|---|${results.map(() => '---').join('|')}|---|`,
    ...keys.map((k) => {
      const last = results[results.length - 1].endpoints[k];
      return `| ${k} | ${results.map((r) => `${r.endpoints[k].p50} / ${r.endpoints[k].p99}${r.endpoints[k].status === 200 ? '' : ` (${r.endpoints[k].status})`}`).join(' | ')} | ×${(last.p50 / Math.max(1, base.endpoints[k].p50)).toFixed(2)} |`;
    }),
    `| newsroom check (s / peak RSS MB) | ${results.map((r) => `${r.check.seconds.toFixed(1)} / ${r.check.peakRssMb}`).join(' | ')} | |`,
    `| server peak RSS MB | ${results.map((r) => r.serverPeakRssMb).join(' | ')} | |`,
    `| archive build s (bulk importer) | ${results.map((r) => r.buildSeconds.toFixed(1)).join(' | ')} | |`,
    '',
    `## Query plans at N=${results[results.length - 1].n}`,
    '',
    `Lookup indexes (setup/indexes.ts): ${[...LOOKUP_INDEXES, ...PREVIOUS_SLUG_INDEXES].map((x) => `\`${x.name}\``).join(', ')}.`,
    '',
    `Plans with a full scan of newsroom_articles: ${
      Object.entries(results[results.length - 1].plans)
        .filter(([, plan]) => scansArticles(plan))
        .map(([k]) => k)
        .join(', ') || 'none'
    }.`,
    '',
    ...Object.entries(results[results.length - 1].plans).flatMap(([k, plan]) => [`### ${k}`, '', '```', plan, '```', '']),
  ];
  const dir = path.join(__dirname, 'results');
  fs.writeFileSync(path.join(dir, `archive-${CLIENT}.json`), `${JSON.stringify({ client: CLIENT, at: new Date().toISOString(), results }, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, `archive-${CLIENT}.md`), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

export async function runArchiveBench() {
  if (!SIZES.length) throw new Error('--archive needs sizes, e.g. --archive 1000,10000');
  const results: SizeResult[] = [];
  for (const n of SIZES) results.push(await measure(n));
  report(results);
}
