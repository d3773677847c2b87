/**
 * The HTTP load generator: autocannon (a devDependency), closed loop, N connections for D seconds,
 * against loopback only. Errors are everything that is not a 2xx answer: non-2xx statuses and socket
 * errors (timeouts included).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const autocannon = require('autocannon');

export interface LoadResult {
  /** Mean requests per second over the run (2xx and not). */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  /** non-2xx + socket errors (autocannon counts timeouts among them) */
  errors: number;
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  seconds: number;
}

export interface Target {
  path: string;
  headers?: Record<string, string>;
}

/** What one request answers: status, the read-cache header and the body length. */
export async function probe(base: string, target: Target) {
  const res = await fetch(`${base}${target.path}`, { headers: target.headers, signal: AbortSignal.timeout(60_000) });
  const body = await res.text();
  let graphqlErrors: unknown = undefined;
  if (target.path.startsWith('/graphql')) {
    try {
      graphqlErrors = JSON.parse(body).errors;
    } catch {
      /* not JSON */
    }
  }
  return { status: res.status, cache: res.headers.get('x-newsroom-cache'), bytes: Buffer.byteLength(body), body, graphqlErrors };
}

export function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') throw new Error(`refusing to load a non-loopback host: ${host}`);
}

export async function load(base: string, target: Target, opts: { connections: number; duration: number }): Promise<LoadResult> {
  const url = `${base}${target.path}`;
  assertLoopback(url);
  const r = await new Promise<any>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: opts.connections, duration: opts.duration, headers: target.headers ?? {}, timeout: 30, pipelining: 1 },
      (err: Error | null, result: any) => (err ? reject(err) : resolve(result)),
    );
    // No progress bar or table: the benchmark prints its own lines.
    instance.on('error', reject);
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    errors: r.non2xx + r.errors,
    non2xx: r.non2xx,
    socketErrors: r.errors,
    timeouts: r.timeouts,
    seconds: r.duration,
  };
}
