/**
 * `npm run bench [-- --articles 2000 --duration 5 --connections 16]`: public read throughput with
 * the read cache warm, with it off (uncached), and with the plugin off, against the floor (the same
 * page straight from SQLite), plus boot time and peak RSS. One run; ratios, not absolute promises.
 * Loopback only; every server it starts is stopped.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { bootStrapi, stopStrapi } from '../helpers/strapi';
import { Instance, startInstance } from '../helpers/instances';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 2000);
const NEIGHBOURHOODS = Math.max(1, Math.round(ARTICLES / 50));
const NEWS = Math.max(1, Math.round(ARTICLES / 5));
const DURATION = arg('duration', 5);
const CONNECTIONS = arg('connections', 16);
const RESULTS = path.join(__dirname, 'results');
/** DATABASE_CLIENT=postgres runs the same benchmark on a fresh PostgreSQL database (dropped after). */
const CLIENT = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
const PG_DB = `newsroom_bench_${Date.now()}`;
const pgClient = (database: string) => new Client({ host: process.env.DATABASE_HOST ?? '127.0.0.1', user: process.env.DATABASE_USERNAME ?? 'postgres', database });
const dbEnv = (file: string): Record<string, string> =>
  CLIENT === 'postgres' ? { DATABASE_CLIENT: 'postgres', DATABASE_NAME: PG_DB } : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file };

const paragraphs = (n: number, text: string) => Array.from({ length: n }, (_, i) => ({ type: 'paragraph', children: [{ type: 'text', text: `${text} ${i}` }] }));

async function makeCorpus(file: string) {
  if (CLIENT === 'postgres') process.env.DATABASE_NAME = PG_DB;
  const strapi = await bootStrapi({ NEWSROOM_READ_CACHE: 'false', ...dbEnv(file) });
  const t0 = Date.now();
  const docs = (uid: string) => strapi.documents(uid);
  const hoods: string[] = [];
  const news: string[] = [];
  await strapi.db.transaction(async () => {
    for (let i = 0; i < NEIGHBOURHOODS; i += 1) {
      const d = await docs('plugin::newsroom.neighbourhood').create({ locale: 'zh-Hans', status: 'published', data: { name: `小区${i}`, households: 1000 + i, occupiedHouseholds: 400, tenantShare: 1 / 3, elderlyShare: 0.25 } });
      hoods.push(d.documentId);
    }
    for (let i = 0; i < NEWS; i += 1) {
      const d = await docs('plugin::newsroom.news-item').create({ locale: 'zh-Hans', status: 'published', data: { headline: `相关新闻 ${i}`, outlet: i % 2 ? '中新网' : '央视网', dateline: '武汉12月28日电' } });
      news.push(d.documentId);
    }
  });
  const tNews = Date.now();
  for (let start = 0; start < ARTICLES; start += 100) {
    await strapi.db.transaction(async () => {
      for (let i = start; i < Math.min(start + 100, ARTICLES); i += 1) {
        const a = await docs('plugin::newsroom.article').create({
          locale: 'zh-Hans',
          status: 'published',
          data: {
            title: `基准文章 ${i} 用情融入基层治理`,
            exclusive: i % 3 === 0,
            origin: i % 3 === 1 ? { outlet: '中新网' } : null,
            body: paragraphs(7, '正文段落'),
            bylines: [{ name: '张晓鸣', role: 'reporter' }, { name: '单颖文', role: 'responsible-editor' }],
            neighbourhood: hoods[i % hoods.length],
            relatedNews: [news[i % news.length], news[(i + 1) % news.length], news[(i + 2) % news.length]],
          },
        });
        await docs('plugin::newsroom.article').update({ documentId: a.documentId, locale: 'en', status: 'published', data: { title: `Benchmark article ${i}`, body: paragraphs(7, 'Paragraph') } });
      }
    });
  }
  const seconds = (Date.now() - tNews) / 1000;
  await stopStrapi();
  return { articleSeconds: seconds, bilingualArticlesPerSecond: ARTICLES / seconds, totalSeconds: (Date.now() - t0) / 1000 };
}

async function floorPostgres(iterations = 1000) {
  const db = pgClient(PG_DB);
  await db.connect();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    const rows = (await db.query(`select id, document_id, title, slug, reprint_notice, credit_line, published_at from newsroom_articles where locale = 'zh-Hans' and published_at is not null order by published_at desc limit 10`)).rows;
    const ids = rows.map((r) => r.id);
    const related = (await db.query(`select k.article_id, n.document_id, n.headline, n.outlet, n.credit_line from newsroom_articles_related_news_lnk k join newsroom_news_items n on n.id = k.news_item_id where k.article_id = any($1)`, [ids])).rows;
    const hood = (await db.query(`select k.article_id, h.document_id, h.name, h.households from newsroom_articles_neighbourhood_lnk k join newsroom_neighbourhoods h on h.id = k.neighbourhood_id where k.article_id = any($1)`, [ids])).rows;
    JSON.stringify({ data: rows, related, hood });
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const sample = (await db.query(`select document_id, slug from newsroom_articles where locale = 'zh-Hans' and published_at is not null limit 1`)).rows[0];
  await db.end();
  return { pagesPerSecond: iterations / seconds, sample };
}

function floor(file: string, iterations = 2000) {
  const db = new Database(file, { readonly: true });
  const page = db.prepare(`select a.id, a.document_id, a.title, a.slug, a.reprint_notice, a.credit_line, a.published_at from newsroom_articles a where a.locale = 'zh-Hans' and a.published_at is not null order by a.published_at desc limit 10`);
  const related = db.prepare(`select k.article_id, n.document_id, n.headline, n.outlet, n.credit_line from newsroom_articles_related_news_lnk k join newsroom_news_items n on n.id = k.news_item_id where k.article_id in (select value from json_each(?))`);
  const hood = db.prepare(`select k.article_id, h.document_id, h.name, h.households, h.occupied_households from newsroom_articles_neighbourhood_lnk k join newsroom_neighbourhoods h on h.id = k.neighbourhood_id where k.article_id in (select value from json_each(?))`);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) {
    const rows = page.all() as any[];
    const ids = JSON.stringify(rows.map((r) => r.id));
    JSON.stringify({ data: rows, related: related.all(ids), hood: hood.all(ids) });
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const sample = (db.prepare(`select document_id, slug from newsroom_articles where locale = 'zh-Hans' and published_at is not null limit 1`).get() as any);
  db.close();
  return { pagesPerSecond: iterations / seconds, sample };
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function load(url: string, opts: Partial<autocannon.Options> = {}) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, ...opts } as autocannon.Options);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx + r.timeouts };
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  const file = path.join(dir, 'corpus.db');
  console.log(`corpus: ${ARTICLES} bilingual articles, ${NEIGHBOURHOODS} neighbourhoods, ${NEWS} news items`);
  if (CLIENT === 'postgres') {
    const admin = pgClient('postgres');
    await admin.connect();
    await admin.query(`CREATE DATABASE "${PG_DB}"`);
    await admin.end();
  }
  const corpus = await makeCorpus(file);
  console.log(`corpus made: ${corpus.bilingualArticlesPerSecond.toFixed(1)} bilingual articles/s`);
  const fl = CLIENT === 'postgres' ? await floorPostgres() : floor(file);
  const { document_id: id, slug } = fl.sample;
  const gqlQuery = '{ newsroomArticles(locale: "zh-Hans", pagination: { pageSize: 10 }) { title reprintNotice neighbourhood { name households } relatedNews { headline outlet creditLine } } }';
  const endpoints: Record<string, Partial<autocannon.Options> & { path: string }> = {
    'REST list (10, populated)': { path: '/api/newsroom/articles?locale=zh-Hans&pagination[pageSize]=10&populate[relatedNews]=true&populate[neighbourhood]=true' },
    'REST detail': { path: `/api/newsroom/articles/${id}?locale=zh-Hans` },
    'REST by-slug': { path: `/api/newsroom/articles/by-slug/${slug}?locale=zh-Hans` },
    // GET, so the read cache may serve it (Apollo's CSRF guard wants the preflight header).
    'GraphQL deep list (GET)': { path: `/graphql?query=${encodeURIComponent(gqlQuery)}`, headers: { 'apollo-require-preflight': 'true' } },
    'JSON-LD': { path: `/api/newsroom/articles/${id}/jsonld?locale=zh-Hans` },
    RSS: { path: '/api/newsroom/feeds/zh-Hans.rss' },
  };
  const configs: Record<string, Record<string, string>> = {
    'warm cache': { NEWSROOM_READ_CACHE: 'true', NEWSROOM_ENFORCE: 'true' },
    uncached: { NEWSROOM_READ_CACHE: 'false', NEWSROOM_ENFORCE: 'true' },
    'plugin off': { NEWSROOM_READ_CACHE: 'false', NEWSROOM_ENFORCE: 'false' },
  };
  const results: Record<string, any> = {};
  const servers: Record<string, { bootSeconds: number; peakRssMb: number }> = {};
  for (const [name, env] of Object.entries(configs)) {
    const t0 = Date.now();
    let server: Instance | null = null;
    try {
      server = await startInstance({ ...env, ...dbEnv(file), NODE_ENV: 'production', LOG_LEVEL: 'error', NEWSROOM_RATE_LIMIT: 'false' });
      const bootSeconds = (Date.now() - t0) / 1000;
      for (const [label, { path: p, ...opts }] of Object.entries(endpoints)) {
        await fetch(`${server.url}${p}`, { method: (opts.method as string) ?? 'GET', headers: opts.headers as any, body: opts.body as any }); // prime
        (results[label] ??= {})[name] = await load(`${server.url}${p}`, opts);
        console.log(`${name.padEnd(10)} ${label.padEnd(26)} ${results[label][name].rps.toFixed(0)} req/s p50 ${results[label][name].p50} ms p99 ${results[label][name].p99} ms errors ${results[label][name].errors}`);
      }
      servers[name] = { bootSeconds, peakRssMb: rssOf(server.child.pid!) };
    } finally {
      await server?.stop();
    }
  }
  const health = await (async () => {
    const s = await startInstance({ ...dbEnv(file), NODE_ENV: 'production', LOG_LEVEL: 'error' });
    try {
      return await load(`${s.url}/_health`);
    } finally {
      await s.stop();
    }
  })();

  const goals = { warmVsUncached: 10, warmRps: 1000, warmP99: 50, uncachedVsOff: 0.95, rssMb: 500, bootSeconds: 8 };
  const lines = [
    `# Newsroom read benchmark (${CLIENT === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${ARTICLES} bilingual articles, ${CONNECTIONS} connections, ${DURATION} s each)`,
    '',
    `Generated ${new Date().toISOString()} on ${os.cpus().length} cores. Floor: the REST list page straight from the database driver = ${fl.pagesPerSecond.toFixed(0)} pages/s; \`/_health\` = ${health.rps.toFixed(0)} req/s (p99 ${health.p99} ms).`,
    '',
    '| endpoint | warm cache req/s (p50/p99 ms) | uncached req/s (p50/p99) | plugin off req/s (p50/p99) | warm ÷ uncached | uncached ÷ off | errors |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...Object.entries(results).map(([label, r]: [string, any]) => {
      const w = r['warm cache'];
      const u = r.uncached;
      const o = r['plugin off'];
      const cell = (x: any) => `${x.rps.toFixed(0)} (${x.p50}/${x.p99})`;
      return `| ${label} | ${cell(w)} | ${cell(u)} | ${cell(o)} | ×${(w.rps / u.rps).toFixed(1)} | ${(u.rps / o.rps).toFixed(2)} | ${w.errors + u.errors + o.errors} |`;
    }),
    '',
    `| server | boot (s) | peak RSS (MB) |`,
    '| --- | --- | --- |',
    ...Object.entries(servers).map(([n, s]) => `| ${n} | ${s.bootSeconds.toFixed(1)} | ${s.peakRssMb.toFixed(0)} |`),
    '',
    `Corpus through the Document Service (rules on): ${corpus.bilingualArticlesPerSecond.toFixed(1)} bilingual articles/s → 10,000 in ${(10000 / corpus.bilingualArticlesPerSecond / 60).toFixed(1)} min.`,
    '',
    `Goals: warm ≥ ×${goals.warmVsUncached} uncached and ≥ ${goals.warmRps} req/s with p99 ≤ ${goals.warmP99} ms; uncached ≥ ${goals.uncachedVsOff} × plugin off; RSS ≤ ${goals.rssMb} MB; boot ≤ ${goals.bootSeconds} s.`,
  ];
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, `reads-${CLIENT}.json`), JSON.stringify({ articles: ARTICLES, connections: CONNECTIONS, duration: DURATION, floorPagesPerSecond: fl.pagesPerSecond, health, corpus, servers, results }, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS, `reads-${CLIENT}.md`), lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  fs.rmSync(dir, { recursive: true, force: true });
  if (CLIENT === 'postgres') {
    const admin = pgClient('postgres');
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${PG_DB}" WITH (FORCE)`);
    await admin.end();
  }
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
