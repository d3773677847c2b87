/**
 * `npm run bench:writes [-- --n 200] [--sql]`: published creates and updates of an article with three
 * bylines (as stories carry them) through the Document Service, with the newsroom rules on and off (by
 * config), interleaved in one run; prints the overhead ratio and the SQL queries one write of each kind
 * sends (`--sql`: lists them).
 * `DATABASE_CLIENT=postgres npm run bench:writes`: on a scratch database newsroom_bench_writes_<pid>_<time>
 * (dropped at the end) unless DATABASE_NAME names one.
 */
import fs from 'fs';
import path from 'path';
import { bootStrapi, stopStrapi } from '../helpers/strapi';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../helpers/postgres';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const N = arg('n', 200);
const ROUNDS = arg('rounds', 4);
const UID = 'plugin::newsroom.article';
const BYLINES = [
  { name: '张晓鸣', role: 'reporter' },
  { name: '丁婉星', role: 'reporter' },
  { name: '王彦', role: 'editor' },
];

async function batch(strapi: any, enforce: boolean, round: number) {
  strapi.config.set('plugin::newsroom.enforce', enforce);
  const docs = strapi.documents(UID);
  const ids: string[] = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1) {
    const d = await docs.create({
      locale: 'zh-Hans',
      status: 'published',
      data: {
        title: `基准测试 ${enforce ? 'on' : 'off'} ${round}-${i}`,
        slug: enforce ? undefined : `bench-off-${round}-${i}`,
        exclusive: i % 2 === 0,
        body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文' }] }],
        // As a newsroom's stories carry them (the seed has two reporters and an editor).
        bylines: BYLINES,
      },
    });
    ids.push(d.documentId);
  }
  const t1 = process.hrtime.bigint();
  for (const documentId of ids) {
    await docs.update({ documentId, locale: 'zh-Hans', status: 'published', data: { standfirst: '更新' } });
  }
  const t2 = process.hrtime.bigint();
  return { createMs: Number(t1 - t0) / 1e6 / N, updateMs: Number(t2 - t1) / 1e6 / N };
}

/** The SQL one published create and one published update send (the knex `query` event, transactions included). */
async function queryCounts(strapi: any, enforce: boolean) {
  strapi.config.set('plugin::newsroom.enforce', enforce);
  const docs = strapi.documents(UID);
  const seen: string[] = [];
  const listener = (q: { sql: string }) => seen.push(q.sql);
  const knex = strapi.db.connection;
  // What the write leaves running after it returns (Strapi's event hub reads the entry) counts too.
  const idle = () => new Promise((resolve) => setTimeout(resolve, 300));
  const measure = async (fn: () => Promise<unknown>) => {
    await idle();
    seen.length = 0;
    knex.on('query', listener);
    try {
      await fn();
      await idle();
    } finally {
      knex.off('query', listener);
    }
    return [...seen];
  };
  let documentId = '';
  const create = await measure(async () => {
    const d = await docs.create({
      locale: 'zh-Hans',
      status: 'published',
      data: {
        title: `查询计数 ${enforce ? 'on' : 'off'}`,
        slug: enforce ? undefined : `bench-queries-off-${Date.now()}`,
        exclusive: true,
        body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文' }] }],
        bylines: BYLINES,
      },
    });
    documentId = d.documentId;
  });
  const update = await measure(() => docs.update({ documentId, locale: 'zh-Hans', status: 'published', data: { standfirst: '更新' } }));
  return { create, update };
}

(async () => {
  let scratch: string | undefined;
  if (process.env.DATABASE_CLIENT === 'postgres' && !process.env.DATABASE_NAME) {
    scratch = uniqueDatabaseName('bench_writes');
    await createDatabase(scratch);
    process.env.DATABASE_NAME = scratch;
  }
  const strapi = await bootStrapi();
  // The background pollers (partner deliveries, embargo scheduler) query on timers: not part of any write.
  await strapi.plugin('newsroom').service('partners').stop();
  await strapi.plugin('newsroom').service('scheduler').stop();
  await batch(strapi, true, -1); // warm-up
  const queries: Record<string, { on: number; off: number }> = {};
  const sql: Record<string, Record<string, string[]>> = { on: {}, off: {} };
  for (const enforce of [true, false]) {
    const counted = await queryCounts(strapi, enforce);
    for (const kind of ['create', 'update'] as const) {
      queries[kind] = { ...queries[kind], [enforce ? 'on' : 'off']: counted[kind].length };
      sql[enforce ? 'on' : 'off'][kind] = counted[kind];
    }
  }
  if (process.argv.includes('--sql')) console.log(JSON.stringify(sql, null, 2));
  const on: Array<{ createMs: number; updateMs: number }> = [];
  const off: typeof on = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    on.push(await batch(strapi, true, r));
    off.push(await batch(strapi, false, r));
  }
  strapi.config.set('plugin::newsroom.enforce', true);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const result = {
    database: process.env.DATABASE_CLIENT ?? 'sqlite',
    n: N,
    rounds: ROUNDS,
    createMs: { on: mean(on.map((x) => x.createMs)), off: mean(off.map((x) => x.createMs)) },
    updateMs: { on: mean(on.map((x) => x.updateMs)), off: mean(off.map((x) => x.updateMs)) },
    queries,
  } as any;
  result.createRatio = result.createMs.on / result.createMs.off;
  result.updateRatio = result.updateMs.on / result.updateMs.off;
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `published create: ${result.createMs.on.toFixed(2)} ms on / ${result.createMs.off.toFixed(2)} ms off = ×${result.createRatio.toFixed(3)}; ` +
      `update: ${result.updateMs.on.toFixed(2)} / ${result.updateMs.off.toFixed(2)} = ×${result.updateRatio.toFixed(3)} (goal ≤ ×1.10)`,
  );
  console.log(`queries per write (on / off): create ${queries.create.on} / ${queries.create.off}, update ${queries.update.on} / ${queries.update.off}`);
  fs.writeFileSync(path.join(__dirname, 'results', `writes-${result.database}.json`), JSON.stringify(result, null, 2) + '\n');
  await stopStrapi();
  if (scratch) await dropDatabase(scratch);
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
