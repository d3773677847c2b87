/**
 * Boots one real Strapi for a test run on a fresh temporary database (SQLite file by default,
 * PostgreSQL when DATABASE_CLIENT=postgres; .ci/run creates and drops that database).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { TEST_SECRETS } from './env';

const APP_DIR = path.resolve(__dirname, '..', '..');

let instance: any = null;

export function prepareTestEnv(extra: Record<string, string> = {}) {
  process.env.NODE_ENV = process.env.NODE_ENV === 'production' ? 'production' : 'test';
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client === 'sqlite') {
    // A fresh file per run unless the caller names one (benchmarks, server processes).
    process.env.DATABASE_FILENAME = extra.DATABASE_FILENAME ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-')), 'data.db');
  }
  const defaults: Record<string, string> = {
    ...TEST_SECRETS,
    NEWSROOM_SEED_ON_DEVELOP: 'false',
    NEWSROOM_WRITES_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
    PORT: '0',
    HOST: '127.0.0.1',
    ...extra,
  };
  for (const [k, v] of Object.entries(defaults)) if (!process.env[k]) process.env[k] = v;
}

/** Compiles the app once (dist/ is reused when present) and boots it; HTTP via app.server.httpServer. */
export async function bootStrapi(extraEnv: Record<string, string> = {}) {
  if (instance) return instance;
  prepareTestEnv(extraEnv);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createStrapi, compileStrapi } = require('@strapi/strapi');
  const ctx = await compileStrapi({ appDir: APP_DIR });
  instance = await createStrapi({ ...ctx, autoReload: false, serveAdminPanel: false }).load();
  instance.log.level = process.env.STRAPI_LOG_LEVEL ?? 'error';
  await instance.server.mount();
  return instance;
}

/**
 * Strapi finishes some work after a write returns (event hub, webhooks): wait until the pool is
 * idle before closing it, or the pending queries die with "aborted".
 */
export async function settle(app: any, timeoutMs = 15_000) {
  const pool = app.db?.connection?.client?.pool;
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 100));
  while (pool && Date.now() - started < timeoutMs && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function stopStrapi() {
  if (!instance) return;
  const app = instance;
  instance = null;
  await settle(app);
  await app.destroy();
}

export const strapiInstance = () => {
  if (!instance) throw new Error('Strapi is not booted: call bootStrapi() in beforeAll');
  return instance;
};
