/**
 * What a test run needs from the machine (PostgreSQL, Redis, Chromium), checked synchronously so a
 * suite can decide before it is declared. Outside CI a missing service marks the suite skipped
 * (reported as skipped, never as passed); with CI=true it fails the run loudly, naming what is
 * missing and how to get it.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';

export const inCI = () => /^(1|true|yes)$/i.test(process.env.CI ?? '');

/** True when something accepts TCP connections at host:port within the timeout. */
export function portAnswers(host: string, port: number, timeoutMs = 2000): boolean {
  const script = `const s=require('net').connect(${port},${JSON.stringify(host)});s.setTimeout(${timeoutMs},()=>process.exit(1));s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));`;
  return spawnSync(process.execPath, ['-e', script], { timeout: timeoutMs + 1000 }).status === 0;
}

export const postgres = () => {
  const host = process.env.DATABASE_HOST ?? '127.0.0.1';
  const port = Number(process.env.DATABASE_PORT ?? 5432);
  return {
    ok: portAnswers(host, port),
    what: `PostgreSQL at ${host}:${port}`,
    fix: 'start it (pg_ctlcluster <version> main start) or set DATABASE_HOST/DATABASE_PORT',
  };
};

export const redis = () => {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  return {
    ok: portAnswers(url.hostname, Number(url.port || 6379)),
    what: `Redis at ${url.host}`,
    fix: 'start it (redis-server --daemonize yes) or set REDIS_URL',
  };
};

export const chromium = () => {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return { ok: fs.existsSync(path), what: `Chromium at ${path}`, fix: 'apt-get update && apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)' };
};

export const xmllint = () => ({
  ok: spawnSync('xmllint', ['--version']).status === 0,
  what: 'xmllint',
  fix: 'apt-get update && apt-get install -y libxml2-utils',
});
/** varnishd with the xkey vmod (Debian: varnish, varnish-modules). */
export const varnish = () => {
  const bin = process.env.VARNISHD_PATH || 'varnishd';
  const vmodDirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib', '/usr/local/lib'].map((d) => `${d}/varnish/vmods/libvmod_xkey.so`);
  const ok = spawnSync(bin, ['-V'], { timeout: 5000 }).status === 0 && vmodDirs.some((f) => fs.existsSync(f));
  return { ok, what: `varnishd with the xkey vmod (${bin})`, fix: 'apt-get install -y varnish varnish-modules (or set VARNISHD_PATH)' };
};

type Requirement = { ok: boolean; what: string; fix: string };

/**
 * `describe` when every requirement is met; otherwise `describe.skip` (outside CI) or, with
 * CI=true, a suite whose single test fails with what is missing.
 */
export function describeWith(requirements: Requirement[]): jest.Describe {
  const missing = requirements.filter((r) => !r.ok);
  if (!missing.length) return describe;
  const message = missing.map((r) => `${r.what} is not available: ${r.fix}`).join('; ');
  if (!inCI()) {
    console.warn(`skipped (not in CI): ${message}`);
    return describe.skip;
  }
  const failing = ((name: string) =>
    describe(name, () => {
      it('has what it needs (CI=true: a missing service fails, never skips)', () => {
        throw new Error(message);
      });
    })) as unknown as jest.Describe;
  return failing;
}
