/**
 * A real Strapi for the browser tests: builds the app + admin panel once (into .cache/newsroom-e2e,
 * never into dist/, which the integration tests clean), then starts it with tests/helpers/strapi.js
 * (child mode) on a free port with a fresh temporary SQLite database and NODE_ENV=development, so
 * the development admin (admin@newsroom.local / Newsroom-2026) and the seed content exist.
 * e2eSession() is the setup every browser test file shares.
 *
 * The build is reused while its inputs (admin sources, the domain modules they import, config,
 * src/index.ts, package-lock.json) are unchanged; E2E_REBUILD=1 forces a new one.
 */
import { spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken } from './remote';
import { launchBrowser, newContext } from './browser';
import { startStrapi } from './strapi';

export const APP_DIR = path.resolve(__dirname, '..', '..');
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
  // What the admin bundle actually imports: the plugin's built admin (npm run build:plugin), which
  // can be older or newer than its sources.
  'src/plugins/newsroom/dist/admin',
  // The admin bundles pure modules from every feature folder (facts, figures, rights, dates…).
  'src/plugins/newsroom/server/src',
  'tests/helpers/build-admin.js',
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
  h.update(`mode:${process.env.E2E_ADMIN_MODE ?? ''}`);
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
      await run(process.execPath, [path.join(__dirname, 'build-admin.js'), APP_DIR, BUILD_DIR], {
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

export interface DevServer {
  url: string;
  dbFile: string;
  /** Everything the server printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts a real Strapi (tests/helpers/strapi.js, child mode) from the e2e build, serving the admin
 * panel, on a free port with a fresh SQLite database (NODE_ENV=development: dev admin + seed).
 */
export async function startDevServer(opts: { env?: Record<string, string>; bootTimeoutMs?: number } = {}): Promise<DevServer> {
  const distDir = await ensureAdminBuild();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
  const dbFile = path.join(tmp, 'data.db');
  const server = await startStrapi({
    name: 'e2e Strapi',
    distDir,
    serveAdminPanel: true,
    bootTimeoutMs: opts.bootTimeoutMs ?? 120_000,
    env: {
      NODE_ENV: 'development',
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: dbFile,
      NEWSROOM_SEED_ON_DEVELOP: 'true',
      BROWSER: 'none',
      STRAPI_LOG_LEVEL: 'info',
      ...opts.env,
    },
    // The preview links to the server's own port, known only once it is chosen.
    portEnv: (port) => ({ NEWSROOM_ARTICLE_URL: `http://127.0.0.1:${port}/preview/?slug={slug}&locale={locale}` }),
  }).catch((err) => {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  });
  return {
    url: server.url,
    dbFile,
    logs: server.output,
    stop: async () => {
      await server.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** What every browser test file starts with: a server (or E2E_BASE_URL's), Chromium, a page, the dev admin's JWT. */
export interface E2eSession {
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The development super admin's admin JWT. */
  token: string;
}

/**
 * Registers the beforeAll/afterAll every browser test file needs and returns the session they fill:
 * a dev server (or the one at E2E_BASE_URL, for debugging), Chromium, one context and page on it,
 * and the dev admin's token. `setup` runs at the end of beforeAll. With CI=true a missing Chromium
 * fails the file; elsewhere too (launchBrowser throws naming what to install).
 */
export function e2eSession(setup?: (session: E2eSession) => Promise<void>): E2eSession {
  const session = {} as E2eSession;
  let server: DevServer | null = null;
  beforeAll(async () => {
    if (process.env.E2E_BASE_URL) session.base = process.env.E2E_BASE_URL;
    else {
      server = await startDevServer();
      session.base = server.url;
    }
    session.browser = await launchBrowser();
    session.context = await newContext(session.browser, session.base);
    session.page = await session.context.newPage();
    session.token = await adminToken(session.base, DEV_ADMIN.email, DEV_ADMIN.password);
    await setup?.(session);
  }, 420_000);
  afterAll(async () => {
    await session.browser?.close().catch(() => undefined);
    await server?.stop();
  }, 60_000);
  return session;
}
