/**
 * The boot helper's own logic, without booting anything: the environment every test Strapi gets
 * (tests/helpers/env.js) and the one wait loop (tests/helpers/strapi.js).
 */
import fs from 'fs';
import path from 'path';
import { TEST_SECRETS, freePort, strapiEnv } from '../helpers/env';
import { spawnServer, waitFor } from '../helpers/strapi';

describe('strapiEnv', () => {
  it('forces the test secrets over the shell, and lets the caller override anything', () => {
    const env = strapiEnv({ JWT_SECRET: 'mine' }, { APP_KEYS: 'from-shell', LOG_LEVEL: 'debug', DATABASE_CLIENT: 'sqlite' });
    expect(env.APP_KEYS).toBe(TEST_SECRETS.APP_KEYS);
    expect(env.JWT_SECRET).toBe('mine');
    expect(env.LOG_LEVEL).toBe('debug'); // the shell over the defaults
    expect(env.NEWSROOM_SEED_ON_DEVELOP).toBe('false');
  });

  it('runs as test unless the caller or the shell says production', () => {
    expect(strapiEnv({}, {}).NODE_ENV).toBe('test');
    expect(strapiEnv({}, { NODE_ENV: 'development' }).NODE_ENV).toBe('test');
    expect(strapiEnv({}, { NODE_ENV: 'production' }).NODE_ENV).toBe('production');
    expect(strapiEnv({ NODE_ENV: 'development' }, { NODE_ENV: 'production' }).NODE_ENV).toBe('development');
  });

  it('gives every SQLite boot a fresh, empty folder unless the caller names the file; none on PostgreSQL', () => {
    const [a, b] = [strapiEnv({}, { DATABASE_FILENAME: '/shell/data.db' }), strapiEnv({}, {})];
    expect(a.DATABASE_FILENAME).not.toBe(b.DATABASE_FILENAME);
    for (const file of [a.DATABASE_FILENAME, b.DATABASE_FILENAME]) {
      expect(fs.readdirSync(path.dirname(file))).toEqual([]);
      fs.rmSync(path.dirname(file), { recursive: true });
    }
    expect(strapiEnv({ DATABASE_FILENAME: '/given.db' }, {}).DATABASE_FILENAME).toBe('/given.db');
    expect(strapiEnv({}, { DATABASE_CLIENT: 'postgres' }).DATABASE_FILENAME).toBeUndefined();
  });
});

describe('waitFor', () => {
  it('returns the first value the check gives', async () => {
    let calls = 0;
    await expect(waitFor(() => (++calls >= 3 ? `after ${calls}` : false), { what: 'x', intervalMs: 1 })).resolves.toBe('after 3');
  });

  it('fails naming what it waited for, with the detail, when time runs out', async () => {
    await expect(waitFor(() => false, { what: 'the thing', timeoutMs: 30, intervalMs: 5, detail: () => 'last output' })).rejects.toThrow(
      /the thing: not within 0.03 s\nlast output/,
    );
  });

  it('stops at once when the waited-for process has given up', async () => {
    const started = Date.now();
    await expect(waitFor(() => false, { what: 'server', timeoutMs: 60_000, gaveUp: () => 'exited (1)' })).rejects.toThrow('server: exited (1)');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('spawnServer', () => {
  it('waits for /_health of a real process on the port it was given, and stops it', async () => {
    const script = `require('http').createServer((q, s) => { s.writeHead(q.url === '/_health' ? 204 : 404); s.end(); }).listen(Number(process.env.PORT), process.env.HOST);`;
    const server = await spawnServer({ name: 'tiny', args: ['-e', script], env: process.env, bootTimeoutMs: 20_000 });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await fetch(`${server.url}/_health`)).status).toBe(204);
    await server.stop();
    expect(server.child.signalCode ?? server.child.exitCode).not.toBeNull();
  });

  it('fails with the output of a process that exits before it is healthy', async () => {
    await expect(
      spawnServer({ name: 'broken', args: ['-e', 'console.error("no database"); process.exit(3)'], env: process.env, bootTimeoutMs: 20_000 }),
    ).rejects.toThrow(/broken on http:\/\/127\.0\.0\.1:\d+: exited \(3\) before \/_health answered\n[\s\S]*no database/);
  });

  it('gets a port nobody listens on', async () => {
    const port = await freePort();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
