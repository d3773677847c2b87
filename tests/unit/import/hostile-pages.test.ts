/**
 * Hostile or unusual pages must not stall the pure parser: very long lines (navigation rows, runs
 * of blanks, digits, '·', bars), long bodies and repeated separators, each parsed after an ordinary
 * page (a first parse used to change how fast the markup check ran on a long CJK line). No timings
 * are asserted: each test only has to finish within the unit layer's timeout.
 */
import fs from 'fs';
import path from 'path';
import { parsePage, ImportParseError } from '../../../src/plugins/newsroom/server/src/import/parse-page';

const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'import', 'corpus');
const ordinary = fs.readFileSync(path.join(CORPUS, 'zh-baolong-cheng.txt'), 'utf8');

const TITLE = '上海加装电梯进展顺利居民点赞';
const PARA = '徐汇区枫林路街道的小区建于1985年，共有住户1200户，其中老年人占比约三成。居民们说，加装电梯以后上下楼方便多了。';
const body = (chars: number) => Array.from({ length: Math.ceil(chars / PARA.length) }, () => PARA).join('\n');

const HOSTILE: Array<[string, () => string]> = [
  ['a 320,000-character navigation row', () => `${'首页 | 新闻 | '.repeat(32000)}\n${TITLE}\n${body(60000)}`],
  ['a 200,000-character line without blanks', () => `${'首页新闻'.repeat(50000)}\n${TITLE}\n${body(60000)}`],
  ['200,000 digits', () => `${'1'.repeat(200000)}\n${TITLE}\n${body(60000)}`],
  ["200,000 × '·'", () => `${'·'.repeat(200000)}\n${TITLE}\n${body(60000)}`],
  ['200,000 ideographic spaces inside a line', () => `新闻${'\u3000'.repeat(200000)}要闻\n${TITLE}\n${body(60000)}`],
  ['200,000 spaces inside a paragraph', () => `${TITLE}\n${PARA}${' '.repeat(200000)}${PARA}\n${body(60000)}`],
  ['200,000 bars', () => `${'|'.repeat(200000)}\n${TITLE}\n${body(60000)}`],
  ['a 180,000-character paragraph', () => `${TITLE}\n${PARA.repeat(3000)}`],
  ['50,000 dash separators', () => `${TITLE}\n${body(20000)}\n${'-\n'.repeat(50000)}`],
  ['a 200,000-character dash rule', () => `${TITLE}\n${body(60000)}\n${'-'.repeat(200000)}`],
  ['long credit and source lines', () => `${TITLE}\n${body(60000)}\n作者:${'张三 '.repeat(60000)}\n来源:${'新华社'.repeat(60000)}`],
  [
    'a long English navigation row and byline',
    () =>
      `${'Home | News | Metro | '.repeat(15000)}\nShanghai lifts go up in old estates\nBy ${'John Smith and '.repeat(20000)}\n${'The estate, built in 1985, has 1,200 households. '.repeat(1200)}`,
  ],
  ['a long run of repeated figures', () => `${TITLE}\n${'小区建于1985年，共有住户'.repeat(20000)}1200户。\n${body(60000)}`],
];

describe('parsePage on hostile pages (after an ordinary page)', () => {
  it.each(HOSTILE)('finishes on %s', (_name, make) => {
    parsePage(ordinary, { sourceName: 'zh-baolong-cheng.txt' });
    const text = make();
    try {
      const page = parsePage(text, { sourceName: 'hostile.txt' });
      expect(typeof page.article.title).toBe('string');
    } catch (e) {
      // Refusing the page is fine; stalling is not.
      expect(e).toBeInstanceOf(ImportParseError);
    }
  });
});

describe('parsePage on hostile HTML (after an ordinary page)', () => {
  it('refuses 5,000 nested elements around 1 MB of text without parsing them', () => {
    parsePage(ordinary, { sourceName: 'zh-baolong-cheng.txt' });
    const paragraphs = `<p>${PARA}</p>`.repeat(Math.ceil(1e6 / (PARA.length + 7)));
    const html = `<!doctype html><html><head><title>${TITLE}</title></head><body>${'<div>'.repeat(5000)}<h1>${TITLE}</h1>${paragraphs}${'</div>'.repeat(5000)}</body></html>`;
    expect(() => parsePage(html, { sourceName: 'deep.html' })).toThrow(ImportParseError);
  });
});
