/**
 * The parser's three steps one at a time: the vocabulary, line classification (a kind per line)
 * and the reducer that folds classified lines into what the page says.
 */
import { classifyLine, type LineKind } from '../../../src/plugins/newsroom/server/src/import/classify';
import { splitLines, type Line } from '../../../src/plugins/newsroom/server/src/import/input';
import { creditLine, normaliseLine, outletOpening } from '../../../src/plugins/newsroom/server/src/import/lines';
import { statedFiguresEn, statedFiguresZh } from '../../../src/plugins/newsroom/server/src/import/figures-text';
import { parseCount, parseYear } from '../../../src/plugins/newsroom/server/src/import/numbers';
import { foldLines } from '../../../src/plugins/newsroom/server/src/import/reduce';
import { CN_DIGITS, CN_NUMERAL, countCjk, hasCjk, KNOWN_OUTLETS, SELF_OUTLETS } from '../../../src/plugins/newsroom/server/src/import/vocabulary';
import { parseChineseNumber } from '../../../src/plugins/newsroom/server/src/enforcement/figures';

const line = (text: string, no = 1): Line => ({ no, text, norm: normaliseLine(text) });
const kindOf = (text: string, phase: 'before-title' | 'in-page' = 'in-page'): LineKind['kind'] => classifyLine(line(text), phase).kind;

describe('vocabulary', () => {
  it('holds the one digit table, read by enforcement/figures and import/numbers alike', () => {
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
    expect(classifyLine(line('(资料图片仅供参考)'), 'in-page')).toEqual({ kind: 'text', imageNote: '资料图片仅供参考', captionCredits: [] });
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

describe('generalizations found by the held-out pages', () => {
  it('reads a reprint introduced by 据 and a staff credit led by its outlet', () => {
    expect(outletOpening('据新华社成都12月20日电(记者 张海磊)四川省成都市…')).toEqual({ outlet: '新华社', dateline: '成都12月20日电', reporters: ['张海磊'] });
    expect(outletOpening('据新华社电 记者从…获悉')?.outlet).toBe('新华社');
    expect(creditLine('澎湃新闻记者 李佳蔚')).toEqual([{ name: '李佳蔚', role: 'reporter' }]);
    expect(creditLine('新华社记者 近日走访了…')).toBeNull();
  });

  it('splits English credits at a comma that starts another role', () => {
    expect(creditLine('Reporting by Li Chenyan, Written by Zhou Yuan')).toEqual([
      { name: 'Li Chenyan', role: 'reporter' },
      { name: 'Zhou Yuan', role: 'reporter' },
    ]);
    expect(creditLine('By Wang Yiqing, Li Qian and Zhang Min')?.map((b) => b.name)).toEqual(['Wang Yiqing', 'Li Qian', 'Zhang Min']);
  });

  it('reads 两成, 百分之百 occupancy, 镇街道 and a town after 该县', () => {
    const a = statedFiguresZh(['嘉定区嘉定镇街道的嘉宝梅园建于1999年,小区有居民732户,入住率百分之百,租户占比约为两成。']);
    expect([a.name, a.district, a.subdistrict, a.households, a.occupiedFromRate]).toEqual(['嘉宝梅园', '嘉定区', '嘉定镇街道', 732, 1]);
    expect(a.shares[0]).toMatchObject({ value: 0.2, qualifier: '约', population: 'tenants' });
    const b = statedFiguresZh(['记者从江西省婺源县获悉,该县江湾镇的江湾新村建于2006年,共有村民312户。']);
    expect(b.subdistrict).toBe('江湾镇');
  });

  it('does not take a rooftop garden or "我们楼里" for the neighbourhood', () => {
    const f = statedFiguresZh([
      '在宝山区淞南镇,一栋高楼就是一个小区——淞南公寓。',
      '楼里住着1,300多户居民。楼顶的空中菜园已有200多户参与。',
      '“我们楼里独居老人占比约一成。”',
    ]);
    expect(f.name).toBe('淞南公寓');
    expect(f.households).toBe(1300);
  });

  it('reads New Area and County districts, "N households live", "one in five"', () => {
    const f = statedFiguresEn(["Lianhua Garden, in Pudong New Area's Sanlin Town, was completed in 2021.", 'About one in five households rent to tenants.']);
    expect([f.name, f.district, f.subdistrict]).toEqual(['Lianhua Garden', 'Pudong New Area', 'Sanlin Town']);
    expect(f.shares[0]).toMatchObject({ value: 0.2, population: 'tenants' });
    expect(statedFiguresEn(['The Fenghuang estate in Anji County has 864 households.']).district).toBe('Anji County');
    const g = statedFiguresEn(['The Jianye Li estate was built in 1930. About 260 households still live there.']);
    expect([g.households, g.householdsApproximate]).toEqual([260, true]);
  });
});

describe('generalizations found by the third held-out batch', () => {
  it('reads programme-tagged outlet credits and English datelines without a date', () => {
    expect(outletOpening('央视网消息(新闻联播):在天津市河西区…')?.outlet).toBe('央视网');
    expect(outletOpening('SHANGHAI (Reuters) - In a six-storey block…')).toEqual({ outlet: 'Reuters', dateline: 'SHANGHAI', reporters: [] });
  });

  it('reads 入住率已超过八成 and a 楼-named 小区', () => {
    const f = statedFiguresZh(['在天津市河西区友谊路街道的佟楼小区,现有住户2,100余户,入住率已超过八成。']);
    expect([f.name, f.households, f.occupiedFromRate]).toEqual(['佟楼', 2100, 0.8]);
  });

  it("reads 'of which N are occupied' and does not take 'Her estate' for a name", () => {
    const f = statedFiguresEn([
      'Her estate, Liangcheng Fourth Village in Hongkou District, was built in 1988 and is home to 1,320 households, of which about 1,200 are occupied.',
    ]);
    expect([f.name, f.households, f.occupiedHouseholds]).toEqual(['Liangcheng Fourth Village', 1320, 1200]);
  });
});

describe('generalizations found by the fourth held-out batch', () => {
  it("sets aside a subdistrict's total stated before the estate's", () => {
    const f = statedFiguresZh(['徐汇区田林街道共有居民3万余户。', '田林十二村建于1987年,小区居民共计1,860户。']);
    expect(f.households).toBe(1860);
    expect(f.setAside.map((x) => x.text)).toContain('共有居民3万余户');
  });

  it('reads English households stated as "there are", "the N households of" and "the estate\'s"', () => {
    expect(statedFiguresEn(['There are 860 households in Xingfu Court.']).households).toBe(860);
    expect(statedFiguresEn(['The 1,100 households of Hongxu Garden now share a kitchen.']).households).toBe(1100);
    expect(statedFiguresEn(["The estate's 960 households share one gate."]).households).toBe(960);
  });

  it('reads a China Daily byline and Enditem', () => {
    expect(creditLine('By Zhou Wenting in Shanghai | China Daily')).toEqual([{ name: 'Zhou Wenting', role: 'reporter' }]);
    expect(kindOf('Enditem')).toBe('end-marker');
  });
});

describe('generalizations found by the fifth held-out batch', () => {
  it('reads 实际入住 and 租住人口', () => {
    const f = statedFiguresZh(['江桥镇的金鹤苑共有住户1,280户,实际入住约1,100户。小区里租住人口占比约三成。']);
    expect([f.households, f.occupiedHouseholds]).toEqual([1280, 1100]);
    expect(f.shares[0]).toMatchObject({ value: 0.3, population: 'tenants' });
  });

  it('reads residents "older than 60"', () => {
    const f = statedFiguresEn(['Yutian Estate has 1,210 households. Nearly half of its residents are older than 60.']);
    expect(f.shares[0]).toMatchObject({ value: 0.5, qualifier: 'nearly', population: 'elderly' });
  });
});

describe('generalizations found by the sixth held-out batch', () => {
  it('takes photographers from 摄 credits and photo captions', () => {
    expect(creditLine('本报记者 叶辰亮 摄')).toEqual([{ name: '叶辰亮', role: 'photographer' }]);
    expect(classifyLine(line('图为志愿者为老人测量血压。本报记者 叶辰亮 摄'), 'in-page')).toMatchObject({
      kind: 'text',
      captionCredits: [{ name: '叶辰亮', role: 'photographer' }],
    });
  });

  it('does not take a renovation year for the year built', () => {
    expect(statedFiguresZh(['阳曲小区改造工程于2020年竣工,小区有居民980户。']).yearBuilt).toBeNull();
    expect(statedFiguresZh(['小区建于1992年,改造工程于2020年竣工。']).yearBuilt).toBe(1992);
    expect(statedFiguresEn(['Its renovation was completed in 2020. The garden is home to 1,150 households.']).yearBuilt).toBeNull();
  });

  it('sets aside counts over several neighbourhoods or a whole district', () => {
    expect(statedFiguresZh(['街道辖区内有12个小区、3.2万户居民。阳曲小区有居民980户。']).households).toBe(980);
    expect(statedFiguresEn(["Jing'an District has about 420,000 households. Zhongxing Garden is home to 1,150 households."]).households).toBe(1150);
    expect(statedFiguresEn(["Baibuting Garden in Jiang'an District has about 4,600 households."]).households).toBe(4600);
  });

  it('reads a share of older people who live alone as living alone', () => {
    const f = statedFiguresZh(['60岁以上老人占比38%,这些老人中三分之一是独居老人。']);
    expect(f.shares.map((x) => x.population)).toEqual(['elderly', 'living-alone']);
  });
});

describe('generalizations found by the seventh held-out batch', () => {
  it('reads a full wire credit line', () => {
    const credits = creditLine('Reporting by Ethan Wang and Liz Lee; Additional reporting by Farah Master; Writing by Casey Hall; Editing by Michael Perry');
    expect(credits?.filter((b) => b.role === 'reporter').map((b) => b.name)).toEqual(['Ethan Wang', 'Liz Lee', 'Farah Master', 'Casey Hall']);
    expect(credits?.filter((b) => b.role === 'editor').map((b) => b.name)).toEqual(['Michael Perry']);
  });

  it('treats a staff title after a role as a title', () => {
    expect(creditLine('图/本报记者 袁婧')).toEqual([{ name: '袁婧', role: 'photographer' }]);
    expect(creditLine('文/本报记者 王嘉 实习生 李想')?.map((b) => b.name)).toEqual(['王嘉', '李想']);
  });

  it("names an estate by apposition, not 'a Beijing estate'", () => {
    const f = statedFiguresEn([
      'A queue forms outside a small canteen in a Beijing estate.',
      'The canteen serves Fangzhuang Fangqunyuan, an estate in Fengtai District built in 1992 that is home to about 2,700 households.',
    ]);
    expect([f.name, f.district, f.yearBuilt, f.households]).toEqual(['Fangzhuang Fangqunyuan', 'Fengtai District', 1992, 2700]);
    expect(statedFiguresEn(['Zhou Yuan, a community worker, said the estate has 900 households.']).name).toBeNull();
  });
});

describe('generalizations found by the eighth held-out batch', () => {
  it("keeps 'aged 60 and above' with its share", () => {
    const f = statedFiguresEn(['Residents aged 60 and above account for roughly a quarter of the population.']);
    expect(f.shares[0]).toMatchObject({ value: 0.25, qualifier: 'roughly', population: 'elderly' });
  });
});

describe('generalizations found by the ninth held-out batch', () => {
  it('reads flats "rented out" as tenants', () => {
    expect(statedFiguresEn(['Two thirds of the flats are rented out.']).shares[0]).toMatchObject({ value: 2 / 3, population: 'tenants' });
  });
});

describe('generalizations found by the tenth held-out batch', () => {
  it('drops an English breadcrumb trail as chrome, so the title after an advertising block is found', () => {
    expect(kindOf('Home > Global Report > Article', 'before-title')).toBe('chrome');
    const f = foldLines(
      splitLines(
        [
          'Home > Global Report',
          'X Close',
          '世界热头条丨多地迎来降雪 出行注意安全',
          'Stairwell gardens bloom | Global Report',
          'Anshan Fourth Village in Yangpu District has 1,480 households, most of them pensioners.',
        ].join('\n'),
      ),
    );
    expect(f.title).toBe('Stairwell gardens bloom');
    expect(f.paragraphs).toHaveLength(1);
  });

  it('reads a share that modifies its population (五分之一的住户…租户)', () => {
    expect(statedFiguresZh(['鞍山四村共有居民1,480户,五分之一的住户把房子租给了租户。']).shares[0]).toMatchObject({ value: 0.2, population: 'tenants' });
  });
});

describe('generalizations found by the eleventh held-out batch', () => {
  it('reads page metadata and English widgets as what they are', () => {
    expect(classifyLine(line('2021-12-27 16:05 来源:新华社'), 'in-page')).toEqual({ kind: 'source', outlet: '新华社' });
    expect(kindOf('2021-12-27 16:05:12', 'before-title')).toBe('chrome');
    expect(kindOf('发布时间:2021年12月27日', 'in-page')).toBe('chrome');
    for (const widget of ['Share this article', 'Print', 'Font size: A A A', 'Follow us on WeChat']) expect(kindOf(widget, 'before-title')).toBe('chrome');
  });

  it('strips 位于 from a subdistrict named before the neighbourhood', () => {
    expect(statedFiguresZh(['位于曹杨新村街道的曹杨一村建于1951年,共有居民1,350户。']).subdistrict).toBe('曹杨新村街道');
  });
});

describe('generalizations found by the twelfth held-out batch', () => {
  it('reads credits whatever the order, with | between roles, and a title glued to the name', () => {
    expect(creditLine('责任编辑:单颖文 编辑:王嘉旖')).toEqual([
      { name: '单颖文', role: 'responsible-editor' },
      { name: '王嘉旖', role: 'editor' },
    ]);
    expect(creditLine('编辑:王嘉旖 | 责任编辑:单颖文')?.map((b) => b.name)).toEqual(['王嘉旖', '单颖文']);
    expect(creditLine('本报记者王文娟 李晨琰')?.map((b) => b.name)).toEqual(['王文娟', '李晨琰']);
    expect(creditLine('记者王文娟走访了小区。')).toBeNull();
    expect(creditLine('图/文 叶辰亮')?.map((b) => b.role)).toEqual(['photographer', 'reporter']);
  });
});

describe('generalizations found by checking phrasings one by one', () => {
  it('reads 入住N户 after a comma and keeps "2,100" inside one English clause', () => {
    expect(statedFiguresZh(['宝山区大场镇的祁连新苑2019年建成,共有1080户,入住862户。']).occupiedHouseholds).toBe(862);
    const f = statedFiguresEn(['Over 45 percent of the 2,100 households in Jinqiao Court are headed by people aged 60 or above.']);
    expect(f.shares[0]).toMatchObject({ value: 0.45, population: 'elderly' });
  });
});
