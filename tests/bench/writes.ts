/**
 * `npm run bench:writes [-- --n 200]`: published creates and updates through the Document Service
 * with the newsroom rules on and off (by config), interleaved in one run; prints the overhead ratio.
 */
import fs from 'fs';
import path from 'path';
import { bootStrapi, stopStrapi } from '../helpers/strapi';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const N = arg('n', 200);
const ROUNDS = arg('rounds', 4);
const UID = 'plugin::newsroom.article';

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

(async () => {
  const strapi = await bootStrapi();
  await batch(strapi, true, -1); // warm-up
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
  } as any;
  result.createRatio = result.createMs.on / result.createMs.off;
  result.updateRatio = result.updateMs.on / result.updateMs.off;
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `published create: ${result.createMs.on.toFixed(2)} ms on / ${result.createMs.off.toFixed(2)} ms off = ×${result.createRatio.toFixed(3)}; ` +
      `update: ${result.updateMs.on.toFixed(2)} / ${result.updateMs.off.toFixed(2)} = ×${result.updateRatio.toFixed(3)} (goal ≤ ×1.10)`,
  );
  fs.writeFileSync(path.join(__dirname, 'results', `writes-${result.database}.json`), JSON.stringify(result, null, 2) + '\n');
  await stopStrapi();
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
