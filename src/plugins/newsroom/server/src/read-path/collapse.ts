/**
 * Collapsed misses: while one request renders the answer for a key, other requests for the same key
 * wait for it (at most `waitMs`) instead of each asking Strapi. A render that fails, or whose answer
 * must not be shared, settles with `null`: the waiters then decide again (one of them leads the next
 * render), so a failure is never shared and never stored.
 */

/** One render in progress for a key; `settle` is called once by its leader. */
export interface Flight<T> {
  readonly key: string;
  readonly done: Promise<T | null>;
  settled: boolean;
}

interface OpenFlight<T> extends Flight<T> {
  resolve(value: T | null): void;
}

export class MissCollapser<T> {
  private flights = new Map<string, OpenFlight<T>>();

  /** How many keys have a render in progress. */
  get inFlight() {
    return this.flights.size;
  }

  /** The render in progress for a key, if any. */
  current(key: string): Flight<T> | undefined {
    return this.flights.get(key);
  }

  /** Starts a render for the key and returns it, or returns null when one is already in progress. */
  lead(key: string): Flight<T> | null {
    if (this.flights.has(key)) return null;
    let resolve!: (value: T | null) => void;
    const done = new Promise<T | null>((r) => (resolve = r));
    const flight: OpenFlight<T> = { key, done, settled: false, resolve };
    this.flights.set(key, flight);
    return flight;
  }

  /** Ends a render: its waiters get `value` (null: failed or not shareable). Idempotent. */
  settle(flight: Flight<T>, value: T | null) {
    if (flight.settled) return;
    const open = flight as OpenFlight<T>;
    open.settled = true;
    if (this.flights.get(flight.key) === open) this.flights.delete(flight.key);
    open.resolve(value);
  }

  /** Waits for the key's render, at most `waitMs`: its value, or null (none, failed, or too slow). */
  follow(key: string, waitMs: number): Promise<T | null> {
    const flight = this.flights.get(key);
    if (!flight) return Promise.resolve(null);
    return waitAtMost(flight.done, waitMs);
  }
}

/** A promise's value, or null if it takes longer than `ms`. */
export function waitAtMost<T>(promise: Promise<T | null>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), Math.max(0, ms));
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

/**
 * What a request does with what the store holds for its key and the render in progress:
 *   hit     a fresh answer: send it
 *   stale   an answer softly invalidated, still within its window, while a refresh runs: send it marked stale
 *   lead    go to Strapi (nothing usable, or stale with no refresh yet: this request is the refresh)
 *   follow  wait for the render in progress
 */
export type ReadAction = 'hit' | 'stale' | 'lead' | 'follow';

export function readAction(stored: 'fresh' | 'stale' | 'none', renderInProgress: boolean): ReadAction {
  if (stored === 'fresh') return 'hit';
  if (stored === 'stale') return renderInProgress ? 'stale' : 'lead';
  return renderInProgress ? 'follow' : 'lead';
}
