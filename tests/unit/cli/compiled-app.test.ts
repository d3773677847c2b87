/**
 * The CLI reuses the app's compiled output while its sources are unchanged, and compiles again when
 * a source file changes, is added or removed, or the tsconfig changes: a real app folder compiled by
 * Strapi's own compileStrapi.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compiledApp } = require('../../../src/plugins/newsroom/bin/with-strapi');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compileStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '../../..');
let app: string;

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
  fs.writeFileSync(path.join(app, file), text);
};
const later = (file: string) => {
  // A saved file gets a new mtime even within the same millisecond as the compile.
  const t = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(app, file), t, t);
};

beforeAll(() => {
  app = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-compiled-app-'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  write('package.json', JSON.stringify({ name: 'tiny-app', private: true, dependencies: { '@strapi/strapi': '5.54.0' } }));
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { module: 'CommonJS', target: 'ES2021', outDir: 'dist', rootDir: '.', skipLibCheck: true },
      include: ['config/**/*.ts'],
    }),
  );
  write('config/server.ts', 'export default { port: 1 };\n');
});

afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

const run = () => compiledApp(app, compileStrapi);
const output = () => fs.readFileSync(path.join(app, 'dist/config/server.js'), 'utf8');

describe('compiledApp', () => {
  it('compiles once, then reuses the output while nothing changed', async () => {
    expect(await run()).toEqual({ appDir: app, distDir: path.join(app, 'dist'), compiled: true });
    expect(output()).toContain('port: 1');
    expect(await run()).toMatchObject({ compiled: false });
  }, 120_000);

  it('compiles again when a source changes, a source is added or removed, or the tsconfig changes', async () => {
    write('config/server.ts', 'export default { port: 2 };\n');
    later('config/server.ts');
    expect(await run()).toMatchObject({ compiled: true });
    expect(output()).toContain('port: 2');
    expect(await run()).toMatchObject({ compiled: false });

    write('config/admin.ts', 'export default { x: 1 };\n');
    expect(await run()).toMatchObject({ compiled: true });
    expect(fs.existsSync(path.join(app, 'dist/config/admin.js'))).toBe(true);
    fs.rmSync(path.join(app, 'config/admin.ts'));
    expect(await run()).toMatchObject({ compiled: true });

    const tsconfig = JSON.parse(fs.readFileSync(path.join(app, 'tsconfig.json'), 'utf8'));
    write('tsconfig.json', JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, removeComments: true } }));
    later('tsconfig.json');
    expect(await run()).toMatchObject({ compiled: true });
    expect(await run()).toMatchObject({ compiled: false });
  }, 240_000);

  it('compiles again when the output folder is gone', async () => {
    fs.rmSync(path.join(app, 'dist'), { recursive: true, force: true });
    expect(await run()).toMatchObject({ compiled: true });
    expect(output()).toContain('port: 2');
  }, 120_000);
});
