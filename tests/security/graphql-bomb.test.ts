/**
 * GraphQL documents that expand exponentially (fragments nesting fragments, aliases nesting
 * aliases, fragments on a union) are refused with a 400 in a few milliseconds of CPU, never a 500,
 * and a request sent alongside keeps its normal latency. Generated from seeds (TEST_SEED=<n>
 * replays one); every document gets fresh fragment names, since Apollo caches parsed documents.
 */
import { seeded, Rng } from '../helpers/random';
import { http, useStrapi } from '../helpers/http';

useStrapi();

const REFUSALS = ['QUERY_TOO_COSTLY', 'GRAPHQL_VALIDATION_FAILED'];
/** The issue's bound on one refusal, in CPU milliseconds of this process (server and client share it). */
const REFUSAL_MS = 50;

let unique = 0;
const fresh = (rng: Rng) => `${rng.string('ABCDEFGHJKLMNPQRSTUVWXYZ', 3)}${(unique += 1)}x`;

interface Bomb {
  name: string;
  query: string;
}

/** F(i) { ...F(i-1) × spreads }, asked for once: the 1.1 KB document of the report at levels 23, spreads 2. */
function fragmentBomb(rng: Rng, levels: number, spreads: number): Bomb {
  const p = fresh(rng);
  let doc = `query { newsroomNewsItems { ...${p}${levels} } }\nfragment ${p}0 on NewsroomNewsItem { headline }\n`;
  for (let i = 1; i <= levels; i += 1)
    doc += `fragment ${p}${i} on NewsroomNewsItem { ${Array.from({ length: spreads }, () => `...${p}${i - 1}`).join(' ')} }\n`;
  return { name: `fragments, ${levels} levels × ${spreads} spreads`, query: doc };
}

/** The same through a union: each level a fragment on GenericMorph narrowing to news items. */
function unionBomb(rng: Rng, levels: number, spreads: number): Bomb {
  const p = fresh(rng);
  let doc = `query { newsroomNewsItems { ...${p}${levels} } }\nfragment ${p}0 on GenericMorph { ... on NewsroomNewsItem { headline } }\n`;
  for (let i = 1; i <= levels; i += 1)
    doc += `fragment ${p}${i} on GenericMorph { ... on NewsroomNewsItem { ${Array.from({ length: spreads }, () => `...${p}${i - 1}`).join(' ')} } }\n`;
  return { name: `union fragments, ${levels} levels × ${spreads} spreads`, query: doc };
}

/** Aliases instead of spreads: each level selects the relation `spreads` times under other names (as deep as fits in ~3 KB, the report's scale). */
function aliasBomb(rng: Rng, levels: number, spreads: number): Bomb {
  const p = fresh(rng);
  const depth = Math.max(2, Math.min(levels, Math.floor(Math.log(100) / Math.log(spreads))));
  let inner = 'documentId';
  // News items have articles, articles have related news: alternate, outermost on news items.
  for (let d = depth - 1; d >= 0; d -= 1) {
    const relation = d % 2 === 0 ? 'articles' : 'relatedNews';
    inner = Array.from({ length: spreads }, (_, k) => `${p}${d}_${k}: ${relation} { ${inner} }`).join(' ');
  }
  return { name: `aliases, ${depth} levels × ${spreads}`, query: `query { newsroomNewsItems { ${inner} } }` };
}

/** Spreads of one fragment side by side, each expanding the one below: wide instead of deep. */
function wideBomb(rng: Rng, levels: number, spreads: number): Bomb {
  const p = fresh(rng);
  let doc = `query { newsroomNewsItems { ...${p}${levels} } }\nfragment ${p}0 on NewsroomNewsItem { headline documentId summary }\n`;
  for (let i = 1; i <= levels; i += 1)
    doc += `fragment ${p}${i} on NewsroomNewsItem { ${Array.from({ length: spreads }, (_, k) => `${p}a${i}_${k}: articles { relatedNews { ...${p}${i - 1} } }`).join(' ')} }\n`;
  return { name: `fragments through relations, ${levels} levels × ${spreads}`, query: doc };
}

const GENERATORS = [fragmentBomb, unionBomb, aliasBomb, wideBomb];

async function send(query: string) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const res = await http().post('/graphql').send({ query });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { res, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('GraphQL documents that expand exponentially', () => {
  beforeAll(async () => {
    // Warm the schema and Apollo (the first request builds what later ones reuse).
    for (let i = 0; i < 3; i += 1) await http().post('/graphql').send({ query: '{ newsroomNewsItems { headline } }' });
  });

  it("the report's 1.1 KB document is refused with a 400 in milliseconds, whatever its fragment names", async () => {
    const rng = seeded(20);
    const times: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const bomb = fragmentBomb(rng, 23, 2);
      expect(bomb.query.length).toBeLessThan(1600);
      const { res, cpuMs } = await send(bomb.query);
      expect({ status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
      times.push(cpuMs);
    }
    expect(median(times)).toBeLessThanOrEqual(REFUSAL_MS);
  });

  it('generated variants (nesting 20–40, 2–10 per level, spreads, aliases, unions, relations): 400, never a 500, in ≤ 50 ms of CPU', async () => {
    const worst: Array<{ name: string; bytes: number; cpuMs: number; wallMs: number }> = [];
    for (let seed = 1; seed <= 24; seed += 1) {
      const rng = seeded(seed);
      const generator = GENERATORS[seed % GENERATORS.length];
      const levels = rng.between(20, 40);
      const spreads = rng.between(2, 10);
      const cpu: number[] = [];
      const wall: number[] = [];
      let bytes = 0;
      let name = '';
      for (let run = 0; run < 5; run += 1) {
        const bomb = generator(rng, levels, spreads);
        name = bomb.name;
        bytes = Buffer.byteLength(bomb.query);
        const { res, cpuMs, wallMs } = await send(bomb.query);
        const code = res.body.errors?.[0]?.extensions?.code;
        expect({ seed, name, status: res.status, refused: REFUSALS.includes(code) }).toEqual({ seed, name, status: 400, refused: true });
        cpu.push(cpuMs);
        wall.push(wallMs);
      }
      worst.push({ name: `seed ${seed}: ${name}`, bytes, cpuMs: median(cpu), wallMs: median(wall) });
    }
    worst.sort((a, b) => b.cpuMs - a.cpuMs);
    console.log(
      `slowest refusals (median of 5, ms):\n${worst
        .slice(0, 5)
        .map((w) => `  ${w.cpuMs.toFixed(1)} CPU, ${w.wallMs.toFixed(1)} wall — ${w.name} (${w.bytes} bytes)`)
        .join('\n')}`,
    );
    for (const w of worst) expect({ name: w.name, withinBound: w.cpuMs <= REFUSAL_MS }).toEqual({ name: w.name, withinBound: true });
  });

  it('a request sent alongside a bomb keeps the latency it has alongside an ordinary request', async () => {
    const normal = '{ newsroomNewsItems(pagination: { limit: 5 }) { headline documentId } }';
    const rng = seeded(99);
    const latency = async (companion: () => string) => {
      const [own] = await Promise.all([send(normal), send(companion())]);
      expect(own.res.status).toBe(200);
      return own.wallMs;
    };
    const withOrdinary: number[] = [];
    const withBomb: number[] = [];
    // Interleaved, so both see the same machine load.
    for (let i = 0; i < 9; i += 1) {
      withOrdinary.push(await latency(() => normal));
      withBomb.push(await latency(() => fragmentBomb(rng, 30, 2).query));
    }
    expect(median(withBomb)).toBeLessThanOrEqual(median(withOrdinary) * 1.5 + 25);
  });

  it('refuses documents over the configured size or fragment spreads before parsing them', async () => {
    const big = await send(`{ newsroomNewsItems { headline } } # ${'x'.repeat(17 * 1024)}`);
    expect({ status: big.res.status, code: big.res.body.errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(big.res.body.errors[0].message).toMatch(/at most 16384/);
    const spreads = `{ newsroomNewsItems { ${'...F '.repeat(101)} } } fragment F on NewsroomNewsItem { headline }`;
    const many = await send(spreads);
    expect({ status: many.res.status, message: many.res.body.errors?.[0]?.message }).toEqual({
      status: 400,
      message: 'GraphQL document uses more than 100 fragment spreads; split it into smaller queries',
    });
    // Over GET as well (the read path caches GraphQL GETs).
    const get = await http()
      .get(`/graphql?query=${encodeURIComponent(spreads)}`)
      .set('apollo-require-preflight', 'true');
    expect(get.status).toBe(400);
  });

  it('still answers ordinary documents that use fragments', async () => {
    const res = await http().post('/graphql').send({
      query: `{ newsroomNewsItems(pagination: { limit: 2 }) { ...A ...A } } fragment A on NewsroomNewsItem { headline ...B } fragment B on NewsroomNewsItem { documentId }`,
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });
});
