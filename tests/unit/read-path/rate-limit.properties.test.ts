/**
 * The write limiter's counters under generated traffic (seeded, replayable with TEST_SEED):
 * WindowCounter against a plain model of fixed windows per client.
 */
import { WindowCounter, bearerToken, isNewsroomWritePath, routerPath } from '../../../src/plugins/newsroom/server/src/read-path/rate-limit';
import { Rng, forEachSeed } from '../../helpers/random';

/** Fixed windows, one per client, never forgotten: a window opens at a client's first hit after the last one closed. */
class ReferenceWindows {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private max: number,
    private windowMs: number,
  ) {}

  private current(client: string, now: number) {
    const w = this.windows.get(client);
    return w && now - w.start < this.windowMs ? w : undefined;
  }

  /** Seconds to wait after this hit (0 when it is within the limit). */
  hit(client: string, now: number) {
    const w = this.current(client, now) ?? { start: now, count: 0 };
    this.windows.set(client, w);
    w.count += 1;
    return w.count > this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  /** Seconds to wait before a next hit would be allowed (0 when it would be). */
  blocked(client: string, now: number) {
    const w = this.current(client, now);
    return w && w.count >= this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }
}

describe('WindowCounter under generated traffic', () => {
  it('with room for every client, answers every hit and check exactly as fixed windows do (150 seeds x 400 hits)', () => {
    forEachSeed(150, (rng) => {
      const max = rng.between(1, 6);
      const windowMs = rng.pick([1000, 5000, 60_000]);
      const clients = rng.between(1, 12);
      const counter = new WindowCounter(max, windowMs, 1000);
      const model = new ReferenceWindows(max, windowMs);
      let now = rng.int(1_000_000);
      for (let step = 0; step < 400; step += 1) {
        now += rng.pick([0, 0, 1, 10, 100, 700, windowMs / 2, windowMs]);
        const client = `c${rng.int(clients)}`;
        if (rng.bool(0.8)) expect({ step, client, wait: counter.hit(client, now) }).toEqual({ step, client, wait: model.hit(client, now) });
        else expect({ step, client, wait: counter.blocked(client, now) }).toEqual({ step, client, wait: model.blocked(client, now) });
      }
      expect(counter.size).toBeLessThanOrEqual(clients);
    });
  });

  it('never asks a client to wait longer than a window, and lets exactly `max` hits through per window', () => {
    forEachSeed(100, (rng) => {
      const max = rng.between(1, 20);
      const windowMs = rng.between(1, 120) * 1000;
      const counter = new WindowCounter(max, windowMs);
      const start = rng.int(1_000_000);
      let allowed = 0;
      for (let i = 0; i < max * 3; i += 1) {
        const now = start + Math.floor((i * (windowMs - 1)) / (max * 3));
        const wait = counter.hit('one', now);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(Math.ceil(windowMs / 1000));
        if (wait === 0) allowed += 1;
        else expect(wait * 1000).toBeGreaterThanOrEqual(start + windowMs - now);
      }
      expect(allowed).toBe(max);
      expect(counter.hit('one', start + windowMs)).toBe(0); // a new window
    });
  });

  it('bounded: never holds more than maxClients, and forgetting a client can only let it through, never block it', () => {
    forEachSeed(100, (rng) => {
      const maxClients = rng.between(1, 10);
      const counter = new WindowCounter(2, 60_000, maxClients);
      const model = new ReferenceWindows(2, 60_000);
      let now = 0;
      for (let step = 0; step < 300; step += 1) {
        now += rng.int(50);
        const client = `c${rng.int(maxClients * 3)}`;
        const [got, strict] = [counter.hit(client, now), model.hit(client, now)];
        if (got > 0) expect({ step, client, strictWait: strict > 0 }).toEqual({ step, client, strictWait: true });
        expect(counter.size).toBeLessThanOrEqual(maxClients);
      }
    });
  });
});

describe('who the client is and which requests are writes, for generated input', () => {
  it('bearerToken takes exactly the second of two blank-separated words after a case-insensitive "bearer"', () => {
    forEachSeed(100, (rng) => {
      for (let i = 0; i < 100; i += 1) {
        const words = Array.from({ length: rng.between(0, 3) }, () => rng.pick(['Bearer', 'bearer', 'BEARER', 'Basic', 'tok', 'a.b-c', '']));
        const header = words.map((w) => w + rng.pick([' ', '\t', '  '])).join('') + rng.pick(['', ' ']);
        const parts = header.trim().split(/\s+/).filter(Boolean);
        const expected = parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : null;
        expect({ header, token: bearerToken(header) }).toEqual({ header, token: expected });
      }
    });
  });

  it('a newsroom write is recognised whatever the case or percent-encoding of its path; reads never are', () => {
    const encode = (s: string, rng: Rng) =>
      [...s].map((c) => (/[a-z]/i.test(c) && rng.bool(0.2) ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : rng.bool(0.3) ? c.toUpperCase() : c)).join('');
    forEachSeed(100, (rng) => {
      const base = rng.pick(['/api/newsroom/articles', '/api/newsroom/news-items/abc', '/content-manager/collection-types/plugin::newsroom.article/x']);
      const sent = encode(base, rng);
      expect(routerPath(sent)).toBe(base.toLowerCase());
      expect({ sent, write: isNewsroomWritePath(rng.pick(['POST', 'put', 'Delete', 'PATCH']), sent) }).toEqual({ sent, write: true });
      expect({ sent, write: isNewsroomWritePath(rng.pick(['GET', 'head', 'OPTIONS']), sent) }).toEqual({ sent, write: false });
      const other = encode(rng.pick(['/api/newsroomx/a', '/api/other/newsroom', '/content-manager/collection-types/api::page.page']), rng);
      expect({ other, write: isNewsroomWritePath('POST', other) }).toEqual({ other, write: false });
    });
  });
});
