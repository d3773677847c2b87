/**
 * Collapsed misses under generated interleavings (seeded, replayable with TEST_SEED): requests for a
 * few keys arrive, renders end (with an answer or failing), writes invalidate — in random order. The
 * front door's decision (readAction) over MissCollapser must give: one render per key at a time,
 * every waiter the answer of the render it waited for, and never a failed render's "answer".
 */
import { MissCollapser, readAction, waitAtMost } from '../../../src/plugins/newsroom/server/src/read-path/collapse';
import { seeded } from '../../helpers/random';

const SEEDS = process.env.TEST_SEED ? [Number(process.env.TEST_SEED)] : Array.from({ length: 150 }, (_, i) => i + 1);
const KEYS = ['list', 'detail', 'feed'];

describe('readAction: what a request does', () => {
  it.each([
    ['fresh', false, 'hit'],
    ['fresh', true, 'hit'],
    ['stale', true, 'stale'],
    ['stale', false, 'lead'],
    ['none', true, 'follow'],
    ['none', false, 'lead'],
  ] as const)('stored %s, render in progress %s: %s', (stored, inProgress, action) => {
    expect(readAction(stored, inProgress)).toBe(action);
  });
});

describe('MissCollapser under generated interleavings', () => {
  it.each(SEEDS)('seed %i: one render per key at a time; waiters get its answer; failures are not shared', async (seed) => {
    const rng = seeded(seed);
    const renders = new MissCollapser<string>();
    const store = new Map<string, string>();
    /** Renders in progress, as the test sees them: key → [flight, value it will produce]. */
    const open = new Map<string, { flight: NonNullable<ReturnType<typeof renders.lead>>; value: string; raced: boolean }>();
    const waiters: Array<{ key: string; expected: Promise<string | null>; got: Promise<string | null> }> = [];
    /** Since the key was last stored: renders started, and renders that ended without an answer to keep. */
    const gap = new Map(KEYS.map((k) => [k, { renders: 0, unkept: 0 }]));
    let counter = 0;

    for (let step = 0; step < 60; step += 1) {
      const key = rng.pick(KEYS);
      const roll = rng.next();
      if (roll < 0.6) {
        // A request arrives.
        const action = readAction(store.has(key) ? 'fresh' : 'none', renders.current(key) !== undefined);
        if (action === 'hit') continue;
        if (action === 'lead') {
          const flight = renders.lead(key);
          expect(flight).not.toBeNull();
          expect(open.has(key)).toBe(false);
          const value = `${key}#${(counter += 1)}`;
          open.set(key, { flight: flight!, value, raced: false });
          gap.get(key)!.renders += 1;
          // A second leader for the same key is refused while this one runs.
          expect(renders.lead(key)).toBeNull();
        } else {
          expect(action).toBe('follow');
          const flight = open.get(key)!.flight;
          waiters.push({ key, expected: flight.done, got: renders.follow(key, 60_000) });
        }
      } else if (roll < 0.9 && open.has(key)) {
        // The render ends: an answer kept, or a failure or a render a write raced (null: not shared).
        const { flight, value, raced } = open.get(key)!;
        open.delete(key);
        const ok = rng.bool(0.7) && !raced;
        const g = gap.get(key)!;
        if (ok) {
          // Exactly one render per key per invalidation, plus one per render that could not be kept.
          expect(g.renders).toBe(1 + g.unkept);
          store.set(key, value);
          gap.set(key, { renders: 0, unkept: 0 });
        } else g.unkept += 1;
        renders.settle(flight, ok ? value : null);
        renders.settle(flight, 'a second settle is ignored');
        expect(renders.current(key)).toBeUndefined();
      } else {
        // A write: the stored answer goes; a render in progress may hold the old version.
        store.delete(key);
        const running = open.get(key);
        if (running) running.raced = true;
      }
    }
    for (const { flight } of open.values()) renders.settle(flight, null);
    for (const w of waiters) {
      const [expected, got] = await Promise.all([w.expected, w.got]);
      expect(got).toBe(expected);
      if (got !== null) expect(got.startsWith(`${w.key}#`)).toBe(true);
    }
    expect(renders.inFlight).toBe(0);
  });

  it('a waiter waits at most its bound, then gets null; the render still reaches later waiters', async () => {
    jest.useFakeTimers();
    try {
      const renders = new MissCollapser<string>();
      const flight = renders.lead('k')!;
      const early = renders.follow('k', 100);
      const late = renders.follow('k', 10_000);
      jest.advanceTimersByTime(101);
      await expect(early).resolves.toBeNull();
      renders.settle(flight, 'answer');
      await expect(late).resolves.toBe('answer');
    } finally {
      jest.useRealTimers();
    }
  });

  it('following a key with no render in progress resolves null at once', async () => {
    await expect(new MissCollapser<string>().follow('none', 10_000)).resolves.toBeNull();
  });

  it('waitAtMost treats a rejection as no answer', async () => {
    await expect(waitAtMost(Promise.reject(new Error('render failed')), 1000)).resolves.toBeNull();
  });
});
