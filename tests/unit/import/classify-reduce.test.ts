/**
 * The parser's three steps one at a time: the vocabulary, line classification (a kind per line)
 * and the reducer that folds classified lines into what the page says.
 */
import { classifyLine, type LineKind } from '../../../src/plugins/newsroom/server/src/domain/import/classify';
import { splitLines, type Line } from '../../../src/plugins/newsroom/server/src/domain/import/input';
import { normaliseLine } from '../../../src/plugins/newsroom/server/src/domain/import/lines';
import { parseCount, parseYear } from '../../../src/plugins/newsroom/server/src/domain/import/numbers';
import { foldLines } from '../../../src/plugins/newsroom/server/src/domain/import/reduce';
import { CN_DIGITS, CN_NUMERAL, countCjk, hasCjk, KNOWN_OUTLETS, SELF_OUTLETS } from '../../../src/plugins/newsroom/server/src/domain/import/vocabulary';
import { parseChineseNumber } from '../../../src/plugins/newsroom/server/src/domain/figures';

const line = (text: string, no = 1): Line => ({ no, text, norm: normaliseLine(text) });
const kindOf = (text: string, phase: 'before-title' | 'in-page' = 'in-page'): LineKind['kind'] => classifyLine(line(text), phase).kind;

describe('vocabulary', () => {
  it('holds the one digit table, read by domain/figures and import/numbers alike', () => {
    expect(Object.keys(CN_DIGITS).join('')).toBe('零〇一二两三四五六七八九');
    expect(parseChineseNumber('一千六百四十四')).toBe(1644);
    expect(parseCount('一千六百四十四')).toBe(1644);
    expect(parseYear('二〇二一')).toBe(2021);
    expect(new RegExp(`^${CN_NUMERAL}+$`).test('三万二千')).toBe(true);
  });

  it('counts Chinese characters in both ideograph blocks', () => {
    expect(hasCjk('Pengpu 彭浦')).toBe(true);
    expect(hasCjk('Pengpu')).toBe(false);
    expect(countCjk('㐀彭浦 abc')).toBe(3);
  });

  it('knows which outlets are this publication', () => {
    expect(KNOWN_OUTLETS).toContain('新华社');
    expect(SELF_OUTLETS.has('本报')).toBe(true);
    expect(SELF_OUTLETS.has('新华社')).toBe(false);
  });
});

describe('classifyLine', () => {
  it.each([
    ['X 关闭', 'close-marker'],
    ['-', 'rule'],
    ['***', 'rule'],
    ['世界微头条丨寒潮来袭多地气温骤降', 'advert'],
    ['- 世界微头条丨寒潮来袭', 'advert'],
    ['首页 > 社会', 'chrome'],
    ['(完)', 'end-marker'],
    ['作者:陈晓燕 刘畅', 'credits'],
    ['编辑:王嘉旖', 'credits'],
    ['Reporting by Zhou Yuan and Li Chenyan', 'credits'],
    ['*文汇独家稿件,转载请注明出处。', 'exclusive-notice'],
    ['版权声明:未经授权不得转载', 'copyright-notice'],
    ['关键词: 社区食堂 助老', 'keywords'],
    ['来源:新华社', 'source'],
    ['相关新闻', 'related-heading'],
    ['- 徐汇打造“15分钟养老服务圈”', 'list-item'],
    ['兰苑小区始建于1998年,地处徐汇区田林街道。', 'text'],
  ])('%s → %s', (text, kind) => {
    expect(kindOf(text)).toBe(kind);
  });

  it('before the title, credit, notice, keyword and source lines are plain text', () => {
    expect(kindOf('作者:陈晓燕', 'before-title')).toBe('text');
    expect(kindOf('*文汇独家稿件,转载请注明出处。', 'before-title')).toBe('text');
    expect(kindOf('关键词: 社区', 'before-title')).toBe('text');
    expect(kindOf('来源:新华社', 'before-title')).toBe('text');
  });

  it('carries what it recognised: names and roles, keywords, the outlet, the image note', () => {
    expect(classifyLine(line('编辑:王嘉旖 责任编辑:单颖文'), 'in-page')).toEqual({
      kind: 'credits',
      bylines: [
        { name: '王嘉旖', role: 'editor' },
        { name: '单颖文', role: 'responsible-editor' },
      ],
    });
    expect(classifyLine(line('来源:中新网'), 'in-page')).toEqual({ kind: 'source', outlet: '中新网' });
    expect(classifyLine(line('(资料图片仅供参考)'), 'in-page')).toEqual({ kind: 'text', imageNote: '资料图片仅供参考' });
  });
});

describe('foldLines', () => {
  const page = [
    '首页 > 社区',
    '兰苑小区里的“银发食堂”开张了|城市',
    '兰苑小区始建于1998年,地处徐汇区田林街道。',
    '(资料图片仅供参考)',
    '作者:陈晓燕',
    '*文汇独家稿件,转载请注明出处。',
    '关键词: 社区食堂',
    '- 徐汇打造养老服务圈',
    '-',
    '上海新增社区长者食堂60家',
    '中新网上海12月27日电 今年以来,全市新增长者食堂60家。',
    'X 关闭',
    '世界微头条丨寒潮来袭',
  ].join('\n');
  const folded = foldLines(splitLines(page));

  it('folds title, column, paragraphs, image note, credits, notice, keywords and teasers', () => {
    expect(folded.title).toBe('兰苑小区里的“银发食堂”开张了');
    expect(folded.column).toBe('城市');
    expect(folded.paragraphs).toEqual(['兰苑小区始建于1998年,地处徐汇区田林街道。']);
    expect(folded.imageNotes).toEqual(['资料图片仅供参考']);
    expect(folded.bylines).toEqual([{ name: '陈晓燕', role: 'reporter' }]);
    expect(folded.exclusive).toBe(true);
    expect(folded.keywords).toEqual(['社区食堂']);
    expect(folded.related.map((r) => [r.headline, r.summary])).toEqual([
      ['徐汇打造养老服务圈', null],
      ['上海新增社区长者食堂60家', '中新网上海12月27日电 今年以来,全市新增长者食堂60家。'],
    ]);
    expect(folded.endedInCloseBlock).toBe(true);
  });

  it('accounts for every line once, kept or dropped with a reason', () => {
    const lines = [...folded.report.map((r) => r.line), ...folded.dropped.map((d) => d.line)].sort((a, b) => a - b);
    expect(lines).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(folded.dropped.map((d) => d.reason)).toEqual(['page chrome', 'separator', 'page chrome: X 关闭 block', 'advertising headline']);
  });

  it('takes the last headline of an advertising block before the article as its title', () => {
    const f = foldLines(splitLines(['X 关闭', '世界微头条丨寒潮来袭', '小区加装电梯惠及百户居民', '记者从区里获悉,今年全区完成加装电梯一百台。'].join('\n')));
    expect(f.title).toBe('小区加装电梯惠及百户居民');
    expect(f.paragraphs).toHaveLength(1);
  });
});
