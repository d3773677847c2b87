/**
 * Starts and stops Strapi server processes for the benchmark: a child process (server-child.js)
 * on a free loopback port with the given environment; ready when GET /_health answers 2xx (the
 * time from spawn to then is the boot time). Memory is read from /proc/<pid>/status: VmHWM is
 * the peak resident set over the process's life, VmRSS is sampled as a fallback.
 *
 * Every process started here is remembered and killed (by its pid) when the benchmark exits,
 * however it exits; the child also stops itself when its parent's IPC channel closes.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { TEST_SECRETS, freePort } from '../helpers/env';

export const APP_DIR = path.resolve(__dirname, '..', '..');

export type DbTarget = { client: 'sqlite'; file: string } | { client: 'postgres'; database: string };

/**
 * Everything a Strapi process of this app needs from its environment, set explicitly so nothing
 * comes from a developer's .env: the secrets (as in tests/helpers/strapi.ts), the database, and
 * quiet logs. `extra` carries the newsroom switches.
 */
export function benchEnv(target: DbTarget, extra: Record<string, string>): Record<string, string> {
  const db: Record<string, string> =
    target.client === 'sqlite'
      ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: target.file, DATABASE_URL: '' }
      : {
          DATABASE_CLIENT: 'postgres',
          DATABASE_HOST: process.env.DATABASE_HOST ?? '127.0.0.1',
          DATABASE_PORT: process.env.DATABASE_PORT ?? '5432',
          DATABASE_USERNAME: process.env.DATABASE_USERNAME ?? 'postgres',
          DATABASE_PASSWORD: process.env.DATABASE_PASSWORD ?? '',
          DATABASE_NAME: target.database,
          DATABASE_URL: '',
          DATABASE_SSL: 'false',
        };
  return {
    NODE_ENV: 'production',
    ...TEST_SECRETS,
    LOG_LEVEL: 'error',
    STRAPI_LOG_LEVEL: 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    NEWSROOM_SEED_ON_DEVELOP: 'false',
    NEWSROOM_RATE_LIMIT: 'false',
    NEWSROOM_WRITES_PER_MINUTE: '100000',
    NEWSROOM_ENFORCE: 'true',
    NEWSROOM_READ_CACHE: 'true',
    ...db,
    ...extra,
  };
}

const live = new Set<ChildProcess>();

function killAll() {
  for (const child of live) {
    try {
      if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Remember a child process (of any kind) so it is killed if the benchmark dies. */
export function track(child: ChildProcess) {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export { freePort };

/** Resident memory of a process, in MB: { peak: VmHWM, now: VmRSS } (0 when unreadable). */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
  } catch {
    return { peakMb: 0, rssMb: 0 };
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export interface BenchServer {
  name: string;
  url: string;
  pid: number;
  /** Spawn to the first 2xx from /_health, in seconds. */
  bootSeconds: number;
  /** Highest resident memory seen so far (VmHWM, or the highest VmRSS sample), in MB. */
  peakRssMb(): number;
  logs(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(name: string, env: Record<string, string>, opts: { bootTimeoutMs?: number; script?: string } = {}): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const child = track(
    spawn(process.execPath, [path.join(__dirname, opts.script ?? 'server-child.js')], {
      cwd: APP_DIR,
      env: { ...process.env, ...env, BENCH_APP_DIR: APP_DIR, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let sampledPeak = 0;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, memoryOf(child.pid!).rssMb);
  }, 250);
  sampler.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    clearInterval(sampler);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  const timeoutMs = opts.bootTimeoutMs ?? 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      clearInterval(sampler);
      throw new Error(`server "${name}" exited during boot (code ${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) {
      await stop();
      throw new Error(`server "${name}" did not answer /_health in ${timeoutMs / 1000} s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(25);
  }
  const bootSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    name,
    url,
    pid: child.pid!,
    bootSeconds,
    peakRssMb: () => {
      const { peakMb, rssMb } = memoryOf(child.pid!);
      sampledPeak = Math.max(sampledPeak, rssMb);
      return Math.max(peakMb, sampledPeak);
    },
    logs: () => output,
    stop,
  };
}

/**
 * Waits until a set of processes is idle (together under `maxCpuShare` of one core over a
 * 1-second window), at most `timeoutMs`: after a boot Strapi keeps working for a while, and on a
 * small machine that work would be charged to whatever is measured next.
 */
export async function waitIdle(pids: number[], opts: { maxCpuShare?: number; timeoutMs?: number } = {}): Promise<number> {
  const maxShare = opts.maxCpuShare ?? 0.05;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  const t0 = Date.now();
  const total = () => pids.reduce((s, pid) => s + cpuSecondsOf(pid), 0);
  let prev = total();
  while (Date.now() < deadline) {
    await sleep(1000);
    const now = total();
    if (now - prev <= maxShare) break;
    prev = now;
  }
  return (Date.now() - t0) / 1000;
}
