/**
 * The benchmark's output: the whole result as JSON and a Markdown summary (goals with their gaps,
 * the reads table, floor, servers, writes, corpus), written to tests/bench/results/latest-<db>.json
 * and latest-<db>.md.
 */
import fs from 'fs';
import path from 'path';
import type { Corpus } from './corpus';
import type { FloorResult } from './floor';
import type { LoadResult } from './load';

/** Strapi servers of the run. */
export type ServerKey = 'warm' | 'uncached' | 'baseline';
/** Measured configurations: the servers, the warm server with compression, and the bare-Node ceiling. */
export type ConfigKey = ServerKey | 'warmCompressed' | 'ceiling';
export const CONFIG_KEYS: ConfigKey[] = ['warm', 'warmCompressed', 'uncached', 'baseline', 'ceiling'];

export const CONFIG_LABELS: Record<ConfigKey, string> = {
  warm: 'warm cache',
  warmCompressed: 'warm cache, br',
  uncached: 'uncached',
  baseline: 'baseline',
  ceiling: 'bare-Node ceiling',
};

/** One configuration on one endpoint over all rounds: medians, and the spread of req/s. */
export interface Cell {
  rps: number;
  rpsMin: number;
  rpsMax: number;
  p50: number;
  p99: number;
  errors: number;
  rounds: number;
}

export const median = (xs: number[]) => {
  if (!xs.length) return NaN;
  const a = [...xs].sort((x, y) => x - y);
  const m = Math.floor(a.length / 2);
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};

export function summarize(runs: LoadResult[]): Cell {
  return {
    rps: median(runs.map((r) => r.rps)),
    rpsMin: Math.min(...runs.map((r) => r.rps)),
    rpsMax: Math.max(...runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    rounds: runs.length,
  };
}

export interface EndpointResult {
  key: string;
  label: string;
  path: string;
  cells: Partial<Record<ConfigKey, Cell>>;
  /** Every round's raw figures, per configuration. */
  rounds: Partial<Record<ConfigKey, LoadResult[]>>;
  /** Bytes of the warm answer: identity, br, gzip. */
  sizes: { identity: number; br: number; gzip: number };
}

export interface WritesResult {
  n: number;
  rounds: number;
  createMs: { on: number; off: number };
  updateMs: { on: number; off: number };
  createRatio: number;
  updateRatio: number;
  seconds: number;
}

export interface BenchResult {
  database: 'sqlite' | 'postgres';
  startedAt: string;
  wallSeconds: number;
  machine: { cores: number; cpu: string; memoryMb: number; node: string; loadAverage: number; loadGenerator: string };
  params: {
    articles: number;
    neighbourhoods: number;
    news: number;
    scale: number;
    duration: number;
    warmup: number;
    connections: number;
    floorIterations: number;
    rounds: number;
  };
  corpus: Omit<Corpus, 'target'>;
  floor: FloorResult;
  servers: Partial<Record<ServerKey, { env: Record<string, string>; bootSeconds: number; peakRssMb: number }>>;
  endpoints: EndpointResult[];
  /** The fan-out GraphQL query of issue 11: median time to its refusal. */
  refusal?: { medianMs: number; status: number; code: string | undefined };
  writes?: WritesResult | { error: string };
  goals?: Goal[];
  notes: string[];
}

export interface Goal {
  goal: string;
  target: string;
  measured: string;
  gap: string;
  met: boolean | null;
}

const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const fixed = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(Math.abs(x) < 0.1 ? 1 : 0)}%`;

/** "at least" goal: a positive gap is headroom above the target, a negative one the shortfall. */
function atLeast(goal: string, target: number, measured: number, unit: (x: number) => string, where = ''): Goal {
  if (!Number.isFinite(measured)) return { goal, target: `≥ ${unit(target)}`, measured: 'n/a', gap: 'n/a', met: null };
  return { goal, target: `≥ ${unit(target)}`, measured: `${unit(measured)}${where}`, gap: `${pct(measured / target - 1)} vs target`, met: measured >= target };
}

/** "at most" goal: a negative gap is headroom below the target, a positive one the excess. */
function atMost(goal: string, target: number, measured: number, unit: (x: number) => string, where = ''): Goal {
  if (!Number.isFinite(measured)) return { goal, target: `≤ ${unit(target)}`, measured: 'n/a', gap: 'n/a', met: null };
  return { goal, target: `≤ ${unit(target)}`, measured: `${unit(measured)}${where}`, gap: `${pct(measured / target - 1)} vs target`, met: measured <= target };
}

function worst(endpoints: EndpointResult[], value: (e: EndpointResult) => number | undefined, pick: 'min' | 'max') {
  let found: { v: number; where: string } | null = null;
  for (const e of endpoints) {
    const v = value(e);
    if (v === undefined || !Number.isFinite(v)) continue;
    if (!found || (pick === 'min' ? v < found.v : v > found.v)) found = { v, where: ` — ${e.label}` };
  }
  return found ?? { v: NaN, where: '' };
}

export const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : NaN);

export function evaluateGoals(r: BenchResult): Goal[] {
  const eps = r.endpoints;
  const goals: Goal[] = [];
  const wc = worst(eps, (e) => ratio(e.cells.warm?.rps, e.cells.ceiling?.rps), 'min');
  goals.push(atLeast('warm hits ÷ bare-Node ceiling (req/s, worst endpoint)', 0.25, wc.v, (x) => `${fixed(x * 100, 0)}%`, wc.where));
  const wp = worst(eps, (e) => e.cells.warm?.p99, 'max');
  goals.push(atMost(`warm hits p99 at ${r.params.connections} connections (worst endpoint)`, 10, wp.v, (x) => `${fixed(x, 0)} ms`, wp.where));
  const ub = worst(eps, (e) => ratio(e.cells.uncached?.rps, e.cells.baseline?.rps), 'min');
  goals.push(atLeast('uncached ÷ baseline (req/s medians, worst endpoint; within 5%)', 0.95, ub.v, (x) => fixed(x, 3), ub.where));
  const list = eps.find((e) => e.key === 'list');
  const compressed = list ? Math.max(list.sizes.br, list.sizes.gzip) / list.sizes.identity : NaN;
  goals.push(atMost('compressed list page ÷ identity size (worse of br, gzip)', 0.3, compressed, (x) => `${fixed(x * 100, 1)}%`));
  const base = r.servers.baseline?.peakRssMb;
  const rssRatio = Math.max(ratio(r.servers.warm?.peakRssMb, base), ratio(r.servers.uncached?.peakRssMb, base));
  goals.push(atMost('peak RSS ÷ baseline (worse of warm, uncached)', 1.1, rssRatio, (x) => `×${fixed(x, 3)}`));
  if (r.refusal)
    goals.push(
      atMost(
        'fan-out GraphQL query refused in (median, HTTP round trip)',
        50,
        r.refusal.medianMs,
        (x) => `${fixed(x, 1)} ms`,
        ` — HTTP ${r.refusal.status} ${r.refusal.code}`,
      ),
    );
  if (r.writes && 'createRatio' in r.writes) {
    const w = r.writes;
    const [v, which] = w.createRatio >= w.updateRatio ? [w.createRatio, 'create'] : [w.updateRatio, 'update'];
    goals.push(atMost('writes, rules on ÷ off (worse of create/update; within 10%)', 1.1, v, (x) => `×${fixed(x, 3)}`, ` — ${which}`));
  } else goals.push({ goal: 'writes, rules on ÷ off (within 10%)', target: '≤ ×1.100', measured: 'not measured', gap: 'n/a', met: null });
  const servers = Object.entries(r.servers) as Array<[ServerKey, { bootSeconds: number; peakRssMb: number }]>;
  const boot = servers.reduce((m, [k, s]) => (s.bootSeconds > m.v ? { v: s.bootSeconds, where: ` — ${CONFIG_LABELS[k]}` } : m), {
    v: servers.length ? -Infinity : NaN,
    where: '',
  });
  goals.push(atMost('boot to /_health (worst configuration)', 8, boot.v, (x) => `${fixed(x)} s`, boot.where));
  goals.push(
    atMost(
      'import 10,000 bilingual articles (projected from the corpus run)',
      3,
      r.corpus.timing.projected10kMinutes,
      (x) => `${fixed(x)} min`,
      ` — ${fixed(r.corpus.timing.bilingualArticlesPerSecond)} articles/s`,
    ),
  );
  const errors = eps.reduce((n, e) => n + Object.values(e.cells).reduce((m, c) => m + (c?.errors ?? 0), 0), 0);
  goals.push({
    goal: 'errors under load (non-2xx + socket), all cells',
    target: '0',
    measured: int(errors),
    gap: errors ? `${int(errors)} errors` : '—',
    met: errors === 0,
  });
  return goals;
}

const mark = (met: boolean | null) => (met === null ? '–' : met ? '✅' : '❌');
const cellText = (c?: Cell) => (c ? `${int(c.rps)} (${int(c.rpsMin)}–${int(c.rpsMax)}) · ${fixed(c.p50, 0)}/${fixed(c.p99, 0)} · ${int(c.errors)}` : 'n/a');

export function markdown(r: BenchResult): string {
  const p = r.params;
  const db = r.database === 'postgres' ? 'PostgreSQL' : 'SQLite';
  const list = r.endpoints.find((e) => e.key === 'list');
  const lines: string[] = [
    `# Newsroom benchmark — ${db}`,
    '',
    `${int(p.articles)} bilingual articles · ${int(p.neighbourhoods)} neighbourhoods · ${int(p.news)} news items (scale ${p.scale}) · ` +
      `${r.machine.loadGenerator}, ${p.connections} connections × ${p.duration} s per cell after ${p.warmup} s unmeasured warm-up, loopback · ` +
      `${r.machine.cores} cores (${r.machine.cpu}), ${int(r.machine.memoryMb)} MB, load average ${r.machine.loadAverage} at start, Node ${r.machine.node} · ${r.startedAt} · whole run ${fixed(r.wallSeconds / 60)} min`,
    '',
    '## Goals',
    '',
    '| goal | target | measured | gap | |',
    '| --- | --- | --- | --- | --- |',
    ...(r.goals ?? []).map((g) => `| ${g.goal} | ${g.target} | ${g.measured} | ${g.gap} | ${mark(g.met)} |`),
    '',
    '## Reads',
    '',
    `Each cell: median req/s over ${p.rounds} rounds (min–max) · median p50/p99 latency in ms · errors. Configurations in random order per endpoint and round. ` +
      'Ratios divide medians measured in this run. Baseline = the same app with NEWSROOM_READ_PATH=false (no cache, HTTP caching, rate limit, database probe or read policies); ' +
      "ceiling = a bare Node `http` server sending the warm answer's exact bytes and headers.",
    '',
    '| endpoint | warm cache | warm cache, br | uncached | baseline | bare-Node ceiling | warm ÷ ceiling (goal ≥ 25%) | uncached ÷ baseline (goal ≥ 0.95) | warm ÷ uncached |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.endpoints.map((e) => {
      const c = e.cells;
      return `| ${e.label} | ${cellText(c.warm)} | ${cellText(c.warmCompressed)} | ${cellText(c.uncached)} | ${cellText(c.baseline)} | ${cellText(c.ceiling)} | ${fixed(ratio(c.warm?.rps, c.ceiling?.rps) * 100, 0)}% | ${fixed(ratio(c.uncached?.rps, c.baseline?.rps), 3)} | ×${fixed(ratio(c.warm?.rps, c.uncached?.rps))} |`;
    }),
    '',
    '## Compression',
    '',
    '| endpoint | identity | br | gzip |',
    '| --- | --- | --- | --- |',
    ...r.endpoints.map(
      (e) =>
        `| ${e.label} | ${int(e.sizes.identity)} B | ${int(e.sizes.br)} B (${fixed((e.sizes.br / e.sizes.identity) * 100, 1)}%) | ${int(e.sizes.gzip)} B (${fixed((e.sizes.gzip / e.sizes.identity) * 100, 1)}%) |`,
    ),
    '',
    '## Floor',
    '',
    `The REST list page (10 published zh-Hans articles + related news + neighbourhood + total) straight from the database ` +
      `(${r.database === 'postgres' ? 'pg' : 'better-sqlite3'}, hand-written SQL, shaped and serialized in-process, ${int(r.floor.iterations)} iterations): ` +
      `**${int(r.floor.pagesPerSecond)} pages/s** (${int(r.floor.pageBytes)} bytes a page).`,
    '',
    '| REST list page | req/s | ÷ floor |',
    '| --- | --- | --- |',
    ...(['warm', 'uncached', 'baseline'] as ConfigKey[]).map(
      (k) => `| ${CONFIG_LABELS[k]} | ${int(list?.cells[k]?.rps ?? NaN)} | ×${fixed(ratio(list?.cells[k]?.rps, r.floor.pagesPerSecond), 3)} |`,
    ),
    '',
    '## Servers',
    '',
    '| configuration | NEWSROOM_READ_PATH / NEWSROOM_READ_CACHE | boot to /_health (goal ≤ 8 s) | peak RSS, VmHWM | ÷ baseline (goal ≤ ×1.10) |',
    '| --- | --- | --- | --- | --- |',
    ...(Object.entries(r.servers) as Array<[ServerKey, any]>).map(
      ([k, s]) =>
        `| ${CONFIG_LABELS[k]} | ${s.env.NEWSROOM_READ_PATH} / ${s.env.NEWSROOM_READ_CACHE} | ${fixed(s.bootSeconds)} s | ${int(s.peakRssMb)} MB | ×${fixed(ratio(s.peakRssMb, r.servers.baseline?.peakRssMb), 3)} |`,
    ),
    '',
    '## Writes',
    '',
  ];
  if (r.writes && 'createRatio' in r.writes) {
    const w = r.writes;
    lines.push(
      `\`tests/bench/writes.ts --n ${w.n} --rounds ${w.rounds}\` (Document Service, published, rules on and off interleaved in one process; ${fixed(w.seconds, 0)} s):`,
      '',
      '| operation | rules on | rules off | on ÷ off (goal ≤ ×1.10) |',
      '| --- | --- | --- | --- |',
      `| published create | ${fixed(w.createMs.on, 2)} ms | ${fixed(w.createMs.off, 2)} ms | ×${fixed(w.createRatio, 3)} |`,
      `| published update | ${fixed(w.updateMs.on, 2)} ms | ${fixed(w.updateMs.off, 2)} ms | ×${fixed(w.updateRatio, 3)} |`,
    );
  } else lines.push(r.writes && 'error' in r.writes ? `Not measured: ${r.writes.error}` : 'Not run (--no-writes).');
  const t = r.corpus.timing;
  lines.push(
    '',
    '## Corpus (import throughput)',
    '',
    `${r.corpus.reused ? `Reused (generated ${r.corpus.generatedAt}; figures from that run)` : 'Generated in this run'} through the Document Service, rules on, 100 articles a transaction: ` +
      `${int(t.documents)} document versions in ${fixed(t.seconds)} s = **${fixed(t.documentsPerSecond)} documents/s**; ` +
      `articles ${fixed(t.bilingualArticlesPerSecond)} bilingual articles/s → 10,000 in **${fixed(t.projected10kMinutes)} min** (goal ≤ 3 min).`,
  );
  if (r.notes.length) lines.push('', '## Notes', '', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

export function writeReport(r: BenchResult, dir = path.join(__dirname, 'results')) {
  r.goals = evaluateGoals(r);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `latest-${r.database}`);
  const md = markdown(r);
  // Written under temporary names (ignored by git) and renamed: a reader never sees half a file.
  fs.writeFileSync(`${base}.tmp.json`, JSON.stringify(r, null, 2) + '\n');
  fs.renameSync(`${base}.tmp.json`, `${base}.json`);
  fs.writeFileSync(`${base}.tmp.md`, md);
  fs.renameSync(`${base}.tmp.md`, `${base}.md`);
  return { json: `${base}.json`, md: `${base}.md`, markdown: md };
}
