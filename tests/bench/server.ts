/**
 * Starts and stops Strapi server processes for the benchmark: tests/helpers/strapi.js in child mode
 * on a free loopback port with the given environment; ready when GET /_health answers 2xx (the
 * time from spawn to then is the boot time). Memory is read from /proc/<pid>/status: VmHWM is
 * the peak resident set over the process's life, VmRSS is sampled as a fallback.
 *
 * Every process started here is remembered and killed (by its pid) when the benchmark exits,
 * however it exits; the child also stops itself when its parent's IPC channel closes.
 */
import type { ChildProcess } from 'child_process';
import fs from 'fs';
import path from 'path';
import { TEST_SECRETS } from '../helpers/env';
import { APP_DIR, spawnServer, startStrapi, track } from '../helpers/strapi';

export { APP_DIR };

export type DbTarget = { client: 'sqlite'; file: string } | { client: 'postgres'; database: string };

/**
 * Everything a Strapi process of this app needs from its environment, set explicitly so nothing
 * comes from a developer's .env: the secrets (tests/helpers/env.js), the database, and
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

// The signal handlers end the process, whose exit handler (tests/helpers/strapi.js) kills every tracked child.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export { track };

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

/**
 * A Strapi of this app (tests/helpers/strapi.js in child mode), or with `script` another server
 * (the bare-Node ceiling), on a free port; memory is sampled from the spawn on.
 */
export async function startServer(name: string, env: Record<string, string>, opts: { bootTimeoutMs?: number; script?: string } = {}): Promise<BenchServer> {
  let sampledPeak = 0;
  let sampler: NodeJS.Timeout | undefined;
  const onSpawn = (child: ChildProcess) => {
    sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, memoryOf(child.pid!).rssMb);
    }, 250);
    sampler.unref();
  };
  const spawnOptions = { name: `server "${name}"`, bootTimeoutMs: opts.bootTimeoutMs ?? 180_000, intervalMs: 25, onSpawn };
  const server = await (
    opts.script
      ? spawnServer({ ...spawnOptions, args: [path.join(__dirname, opts.script)], env: { ...process.env, ...env } })
      : startStrapi({ ...spawnOptions, env })
  ).catch((err) => {
    clearInterval(sampler);
    throw err;
  });
  return {
    name,
    url: server.url,
    pid: server.pid,
    bootSeconds: server.bootSeconds,
    peakRssMb: () => {
      const { peakMb, rssMb } = memoryOf(server.pid);
      sampledPeak = Math.max(sampledPeak, rssMb);
      return Math.max(peakMb, sampledPeak);
    },
    logs: server.output,
    stop: async () => {
      clearInterval(sampler);
      await server.stop();
    },
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
