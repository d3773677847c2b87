// @ts-check
/**
 * What every Strapi the tests and benchmarks boot shares: its secrets, its quiet defaults, a fresh
 * SQLite file, and a free loopback port. Plain JavaScript so a child process (tests/helpers/strapi.js
 * serve) and the package test (node --test) load it without a TypeScript loader.
 */
'use strict';
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

/** Fixed test secrets (never used outside tests); the one list for in-process and child-process boots. */
const TEST_SECRETS = Object.freeze({
  APP_KEYS: 'testKeyA,testKeyB',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789ab',
  NEWSROOM_PREVIEW_SECRET: 'test-preview-secret-0123456789abcdef',
});

/** What a test Strapi runs with unless the shell or the caller says otherwise. */
const TEST_DEFAULTS = Object.freeze({
  NEWSROOM_SEED_ON_DEVELOP: 'false',
  NEWSROOM_WRITES_PER_MINUTE: '100000',
  LOG_LEVEL: 'warn',
  STRAPI_TELEMETRY_DISABLED: 'true',
  HOST: '127.0.0.1',
  PORT: '0',
});

/** A new, empty folder's data.db under the system temporary folder. */
const freshSqliteFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-')), 'data.db');

/**
 * The environment of a test Strapi: the caller's `given` values, over the test secrets, over what
 * the shell sets, over the defaults. NODE_ENV is `given`'s, else production when the shell says so,
 * else test. On SQLite the database is a fresh file unless `given` names one.
 *
 * @param {Record<string, string | undefined>} [given]
 * @param {NodeJS.ProcessEnv} [shell]
 * @returns {Record<string, string>}
 */
function strapiEnv(given = {}, shell = process.env) {
  /** @type {Record<string, string>} */
  const env = { ...TEST_DEFAULTS };
  for (const source of [shell, TEST_SECRETS, given]) {
    for (const [k, v] of Object.entries(source)) if (v !== undefined) env[k] = v;
  }
  env.NODE_ENV = given.NODE_ENV ?? (shell.NODE_ENV === 'production' ? 'production' : 'test');
  if ((env.DATABASE_CLIENT || 'sqlite') === 'sqlite' && !given.DATABASE_FILENAME) env.DATABASE_FILENAME = freshSqliteFile();
  return env;
}

/**
 * A port nobody listens on right now, on 127.0.0.1.
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

module.exports = { TEST_SECRETS, TEST_DEFAULTS, strapiEnv, freshSqliteFile, freePort };
