/**
 * `npm run bench:import [-- --files 1000]`: throughput of `npm run import` on a folder of pages
 * made from the hand-written fixtures (each page made unique), into a fresh SQLite database.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync } from 'child_process';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 1000);
const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/import');
const sources = ['seed-wenhui.txt', 'non-exclusive.txt', 'reprint-chinanews.txt', 'several-reporters.txt', 'no-figures.txt', 'english-page.txt', 'missing-editor.txt']
  .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-import-'));
const pages = path.join(dir, 'pages');
fs.mkdirSync(pages);
for (let i = 0; i < FILES; i += 1) {
  const text = sources[i % sources.length];
  const [first, ...rest] = text.split('\n');
  // A unique title per page: each becomes its own article.
  fs.writeFileSync(path.join(pages, `page-${String(i).padStart(5, '0')}.txt`), [`${first} (${i})`, ...rest].join('\n'));
}
const env = { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db'), NODE_ENV: 'production', LOG_LEVEL: 'warn' };
const started = Date.now();
const out = execFileSync('node', ['node_modules/.bin/newsroom', 'import', pages, '--publish', '--json'], { cwd: ROOT, env, maxBuffer: 1 << 30 }).toString();
const seconds = (Date.now() - started) / 1000;
const report = JSON.parse(out);
const result = { files: FILES, seconds, filesPerSecond: FILES / seconds, importSeconds: report.summary.seconds, importFilesPerSecond: report.summary.rate, failed: report.summary.failed };
console.log(JSON.stringify(result, null, 2));
fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'results', 'import-sqlite.json'), JSON.stringify(result, null, 2) + '\n');
fs.rmSync(dir, { recursive: true, force: true });
