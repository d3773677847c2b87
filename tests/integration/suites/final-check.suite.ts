import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFile } from 'child_process';
import { strapiInstance } from '../../helpers/strapi';

const ROOT = path.resolve(__dirname, '../../..');

/** Runs last: after every suite's writes, not one stored row breaks a newsroom rule. */
describe('after the whole integration suite', () => {
  it('the newsroom check finds 0 violations', async () => {
    const { checked, violations } = await strapiInstance().plugin('newsroom').service('reconcile').audit({ fix: false });
    expect(checked).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });
});

describe('config that refuses nonsense: a bad value stops boot naming the option and the variable', () => {
  it('NEWSROOM_WRITES_PER_MINUTE=abc: `npm run newsroom:check` exits 1 with one line per problem, no stack trace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-badconfig-'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(dir, 'data.db'),
      NEWSROOM_WRITES_PER_MINUTE: 'abc',
      NEWSROOM_ENFORCE: 'perhaps',
    };
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile('node', ['node_modules/.bin/newsroom', 'check'], { cwd: ROOT, env, timeout: 170_000 }, (err, _stdout, stderr) =>
        resolve({ code: err ? ((err as any).code ?? 1) : 0, stderr }),
      );
      child.stdin?.end();
    });
    expect(code).toBe(1);
    expect(stderr).toContain('rateLimit.writesPerWindow must be a whole number of writes, got "abc" (from environment variable NEWSROOM_WRITES_PER_MINUTE)');
    expect(stderr).toContain('enforce must be true or false, got "perhaps" (from environment variable NEWSROOM_ENFORCE)');
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 180_000);
});
