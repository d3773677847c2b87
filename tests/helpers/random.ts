/**
 * Generated inputs for property-style tests: a small seeded generator (mulberry32), so a failing
 * case is replayed by its seed. TEST_SEED=<n> runs that one seed only.
 */

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  bool(p?: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `length` characters (default: 0 to 8) drawn from `alphabet`. */
  string(alphabet: string, length?: number): string;
}

export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const chars = (alphabet: string) => [...alphabet];
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    bool: (p = 0.5) => next() < p,
    pick: (items) => items[int(items.length)],
    string: (alphabet, length = int(9)) => {
      const cs = chars(alphabet);
      return Array.from({ length }, () => cs[int(cs.length)]).join('');
    },
  };
}

/** Runs `check` once per seed (1 to `count`, or TEST_SEED alone); a failure names its seed. */
export function forEachSeed(count: number, check: (rng: Rng, seed: number) => void) {
  const only = process.env.TEST_SEED ? [Number(process.env.TEST_SEED)] : Array.from({ length: count }, (_, i) => i + 1);
  for (const seed of only) {
    try {
      check(seeded(seed), seed);
    } catch (err) {
      if (err instanceof Error) err.message = `seed ${seed} (TEST_SEED=${seed} replays it): ${err.message}`;
      throw err;
    }
  }
}
