/**
 * A real Strapi for the browser tests: builds the app + admin panel once (into
 * node_modules/.cache/newsroom-e2e, never into dist/, which the integration tests clean), then
 * starts it as a child process on a free port with a fresh temporary SQLite database and
 * NODE_ENV=development, so the development admin (admin@newsroom.local / Newsroom-2026) and the
 * seed content exist. Waits for /_health; stop() kills the process and removes the database.
 *
 * The build is reused while its inputs (admin sources, the domain modules they import, config,
 * src/index.ts, package-lock.json) are unchanged; E2E_REBUILD=1 forces a new one.
 */
import { spawn, ChildProcess } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort } from './env';

export const APP_DIR = path.resolve(__dirname, '..', '..');
const SUPPORT_DIR = path.join(APP_DIR, 'tests', 'e2e', 'support');
// Per checkout (.cache/ is git-ignored): node_modules may be shared between checkouts, a build in it is not theirs.
const CACHE_DIR = path.join(APP_DIR, '.cache', 'newsroom-e2e');
const BUILD_DIR = path.join(CACHE_DIR, 'dist');
const STAMP = path.join(CACHE_DIR, 'inputs.sha256');

export const DEV_ADMIN = {
  email: process.env.NEWSROOM_ADMIN_EMAIL || 'admin@newsroom.local',
  password: process.env.NEWSROOM_ADMIN_PASSWORD || 'Newsroom-2026',
};

/** Every file whose change means the build is out of date. */
const BUILD_INPUTS = [
  'package-lock.json',
  'tsconfig.json',
  'config',
  'src/index.ts',
  'src/plugins/newsroom/package.json',
  'src/plugins/newsroom/admin',
  'src/plugins/newsroom/server/src/domain',
  'tests/e2e/support/build-admin.js',
];

function listFiles(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  const st = fs.statSync(p);
  if (st.isFile()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap((name) => listFiles(path.join(p, name)));
}

export function buildInputsHash(): string {
  const h = crypto.createHash('sha256');
  for (const rel of BUILD_INPUTS) {
    for (const file of listFiles(path.join(APP_DIR, rel))) {
      h.update(path.relative(APP_DIR, file));
      h.update(fs.readFileSync(file));
    }
  }
  return h.digest('hex');
}

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs: number; label: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: APP_DIR, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${opts.label} timed out after ${opts.timeoutMs / 1000} s\n${output.slice(-4000)}`));
    }, opts.timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${opts.label} failed (exit ${code})\n${output.slice(-6000)}`));
    });
  });
}

let buildPromise: Promise<string> | null = null;

/** Builds (or reuses) the app + admin for the browser tests; returns the dist directory. */
export function ensureAdminBuild(): Promise<string> {
  buildPromise ??= (async () => {
    const pluginEntry = path.join(APP_DIR, 'src', 'plugins', 'newsroom', 'dist', 'server', 'index.js');
    if (!fs.existsSync(pluginEntry)) {
      await run(process.execPath, [path.join(APP_DIR, 'src', 'plugins', 'newsroom', 'scripts', 'build.js')], {
        timeoutMs: 120_000,
        label: 'plugin build',
      });
    }
    const hash = buildInputsHash();
    const fresh =
      process.env.E2E_REBUILD !== '1' &&
      fs.existsSync(path.join(BUILD_DIR, 'build', 'index.html')) &&
      fs.existsSync(STAMP) &&
      fs.readFileSync(STAMP, 'utf8') === hash;
    if (!fresh) {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      fs.rmSync(STAMP, { force: true });
      await run(process.execPath, [path.join(SUPPORT_DIR, 'build-admin.js'), APP_DIR, BUILD_DIR], {
        env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
        timeoutMs: 300_000,
        label: 'admin build',
      });
      fs.writeFileSync(STAMP, hash);
    }
    // src/index.ts finds the seed at <dist>/src/../../database: give the build dir's parent that folder.
    const seedLink = path.join(CACHE_DIR, 'database');
    if (!fs.existsSync(seedLink)) fs.symlinkSync(path.join(APP_DIR, 'database'), seedLink, 'dir');
    return BUILD_DIR;
  })();
  buildPromise.catch(() => (buildPromise = null));
  return buildPromise;
}

export { freePort };

export interface StrapiServer {
  url: string;
  port: number;
  dbFile: string;
  /** Everything the server printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** Starts a real Strapi on a free port with a fresh SQLite database (NODE_ENV=development: dev admin + seed). */
export async function startServer(opts: { env?: Record<string, string>; bootTimeoutMs?: number } = {}): Promise<StrapiServer> {
  const distDir = await ensureAdminBuild();
  const port = await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
  const dbFile = path.join(tmp, 'data.db');
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dbFile,
    APP_KEYS: 'e2eKeyA,e2eKeyB',
    API_TOKEN_SALT: 'e2e-api-token-salt',
    ADMIN_JWT_SECRET: 'e2e-admin-jwt-secret',
    TRANSFER_TOKEN_SALT: 'e2e-transfer-token-salt',
    JWT_SECRET: 'e2e-jwt-secret',
    ENCRYPTION_KEY: 'e2e-encryption-key-0123456789abc',
    NEWSROOM_SEED_ON_DEVELOP: 'true',
    NEWSROOM_ARTICLE_URL: `${url}/preview/?slug={slug}&locale={locale}`,
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    ...opts.env,
  };
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(SUPPORT_DIR, 'start-strapi.js'), APP_DIR, distDir], {
    cwd: APP_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code ?? -1;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exit;
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.bootTimeoutMs ?? 120_000);
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`Strapi exited (code ${exited}) before it was healthy:\n${output.slice(-6000)}`);
    }
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204 || res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Strapi did not become healthy on ${url}:\n${output.slice(-6000)}`);
    }
    await sleep(250);
  }
  // The dev admin and seed are created in bootstrap, before the server listens; wait for the seed log to be safe.
  return { url, port, dbFile, logs: () => output, stop };
}
