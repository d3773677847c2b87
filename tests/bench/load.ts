/**
 * The HTTP load generator: autocannon (a devDependency), closed loop, N connections for D seconds,
 * against loopback only. Errors are everything that is not a 2xx answer: non-2xx statuses and socket
 * errors (timeouts included).
 */
import http from 'http';

// eslint-disable-next-line @typescript-eslint/no-require-imports
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

/**
 * What one request answers, as on the wire (no decompression): status, headers, the read-cache
 * header and the body's bytes.
 */
export function probe(
  base: string,
  target: Target,
): Promise<{ status: number; cache: string | null; bytes: number; body: string; raw: Buffer; headers: Record<string, string>; graphqlErrors: unknown }> {
  const url = new URL(`${base}${target.path}`);
  assertLoopback(url.toString());
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers: target.headers ?? {}, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          const body = headers['content-encoding'] ? '' : raw.toString('utf8');
          let graphqlErrors: unknown = undefined;
          if (target.path.startsWith('/graphql') && body) {
            try {
              graphqlErrors = JSON.parse(body).errors;
            } catch {
              /* not JSON */
            }
          }
          resolve({ status: res.statusCode ?? 0, cache: headers['x-newsroom-cache'] ?? null, bytes: raw.length, body, raw, headers, graphqlErrors });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${target.path}`)));
    req.on('error', reject);
  });
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
