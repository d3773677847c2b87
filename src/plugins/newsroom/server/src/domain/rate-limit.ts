/** A fixed-window counter per client: how many writes a client may make in a window. */
export class WindowCounter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private max: number, private windowMs: number) {}

  /** Counts one hit; returns the seconds to wait when over the limit, else 0. */
  hit(client: string, now = Date.now()): number {
    let w = this.windows.get(client);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(client, w);
      if (this.windows.size > 10_000) this.prune(now);
    }
    w.count += 1;
    return w.count > this.max ? Math.ceil((w.start + this.windowMs - now) / 1000) : 0;
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
