import fs from 'fs';
import path from 'path';
import { ImportParseError, parsePage, type ParsedPage } from '../../../src/plugins/newsroom/server/src/import/parse-page';
import { paragraphsToBlocks } from '../../../src/plugins/newsroom/server/src/enforcement/blocks';

const FIXTURES = path.resolve(__dirname, '../../fixtures/import');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** CI copies shared/ beside the clone; the tests read the byte-for-byte copy kept in the fixtures. */
const SHARED_SEED = path.resolve(process.cwd(), '..', 'shared', 'seeds', '000_3742019e2b937c0e.txt');
const SEED = fixture('seed-wenhui.txt');
/** sha256 of /work/shared/seeds/000_3742019e2b937c0e.txt, the byte-for-byte source of the fixture. */
const SEED_SHA256_PREFIX = '9c963b620431201d';

const nonEmptyLines = (text: string): Array<{ line: number; text: string }> =>
  text
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');

/** Every non-empty line is in report or dropped, exactly once. */
function expectEveryLineAccounted(text: string, page: ParsedPage): void {
  const seen = [...page.report.map((r) => r.line), ...page.dropped.map((d) => d.line)];
  expect(new Set(seen).size).toBe(seen.length);
  expect([...seen].sort((a, b) => a - b)).toEqual(nonEmptyLines(text).map((l) => l.line));
  for (const entry of [...page.report, ...page.dropped]) {
    expect(entry.text).toBe(nonEmptyLines(text).find((l) => l.line === entry.line)?.text);
  }
}

const AD = /^(世界|全球|天天|环球)[\u4e00-\u9fff]{0,3}头条丨|(全球百事通|全球观热点|当前信息|天天快讯)$/;

describe('parsePage: the Wenhui seed page', () => {
  const page = parsePage(SEED);

  it('keeps a byte-for-byte copy of the seed page inside tests/fixtures (compared with ../shared when that exists)', () => {
    const bytes = fs.readFileSync(path.join(FIXTURES, 'seed-wenhui.txt'));
    // Pinned: a fresh clone without ../shared still checks the copy is the seed page, byte for byte.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('crypto').createHash('sha256').update(bytes).digest('hex').slice(0, 16)).toBe(SEED_SHA256_PREFIX);
    if (fs.existsSync(SHARED_SEED)) expect(bytes).toEqual(fs.readFileSync(SHARED_SEED));
  });

  it('reads the title without the column suffix', () => {
    expect(page.article.title).toBe('用情融入基层治理,普陀这里让居民品出温暖“老味道”');
    expect(page.article.column).toBe('全球报道');
    expect(page.language).toBe('zh-Hans');
  });

  it('reads the 7 body paragraphs and the image note apart from them', () => {
    const { paragraphs } = page.article;
    expect(paragraphs).toHaveLength(7);
    expect(paragraphs[0]).toBe(
      '华和民祥园小区于2021年建成,位于普陀区桃浦镇,这里集聚了来自区内各个街镇、各个居民区的动迁户。“新邻居”住在“新小区”,却品出了温暖的“老味道”。',
    );
    expect(paragraphs[6]).toMatch(/^不仅如此,华和民祥园居民区党支部还通过与金光村党委党建共建的形式/);
    expect(paragraphs[6]).toMatch(/提升居民的幸福感和满意度。$/);
    expect(page.article.imageNote).toBe('资料图片仅供参考');
    expect(paragraphs.some((p) => p.includes('资料图片仅供参考'))).toBe(false);
  });

  it('reads the credits with their roles', () => {
    expect(page.article.bylines).toEqual([
      { name: '张晓鸣', role: 'reporter' },
      { name: '丁婉星', role: 'reporter' },
      { name: '王嘉旖', role: 'editor' },
      { name: '单颖文', role: 'responsible-editor' },
    ]);
  });

  it('flags the exclusive notice and keeps it out of the body', () => {
    expect(page.article.exclusive).toBe(true);
    expect(page.article.paragraphs.some((p) => p.includes('转载'))).toBe(false);
    expect(page.report.find((r) => r.text.startsWith('*文汇独家稿件'))?.field).toBe('article.exclusive');
  });

  it('is not a reprint, has no dateline and no keywords on the 关键词 line', () => {
    expect(page.article.origin).toBeNull();
    expect(page.article.dateline).toBeNull();
    expect(page.article.keywords).toEqual([]);
  });

  it('reads the neighbourhood figures', () => {
    const n = page.neighbourhood;
    expect(n).not.toBeNull();
    expect(n).toMatchObject({
      name: '华和民祥园',
      district: '普陀区',
      subdistrict: '桃浦镇',
      yearBuilt: 2021,
      households: 1644,
      occupiedHouseholds: 400,
      elderlyShare: 0.25,
      partySecretary: '庄红青',
      kind: '动迁小区',
    });
    expect(n?.tenantShare).toBeCloseTo(1 / 3, 10);
  });

  it('reads the services and the 金光村 partnership', () => {
    const n = page.neighbourhood;
    const names = n?.services.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['免费理发', '免费修鞋', '量血压', '上门探望', '安装摄像头']));
    expect(n?.services.find((s) => s.name === '上门探望')).toEqual({
      name: '上门探望',
      schedule: '每日10:00、15:00',
      audience: '99岁的高龄独居老人',
    });
    expect(n?.partnerships).toEqual([{ partner: '金光村党委', focus: '党员联学,品牌联创,资源联享,服务联动' }]);
  });

  it('reads the teasers with their outlet credits', () => {
    const wuhan = page.relatedNews.find((r) => r.headline === '武汉协和医院开设互联网儿童医学中心');
    expect(wuhan).toMatchObject({
      outlet: '中新网',
      dateline: '武汉12月28日电',
      reporters: ['聂文闻', '彭锦弦', '陈有为'],
    });
    expect(wuhan?.summary).toMatch(/^中新网武汉12月28日电/);

    const cctv = page.relatedNews.filter((r) => r.summary?.includes('央视网消息'));
    expect(cctv).toHaveLength(2);
    for (const item of cctv) expect(item).toMatchObject({ outlet: '央视网', dateline: null, reporters: [] });

    const quake = page.relatedNews.find((r) => r.headline.startsWith('新疆伊犁州新源县'));
    expect(quake).toMatchObject({ outlet: '中新网', dateline: '12月28日电', reporters: [] });
  });

  it('keeps headline-only items: the 关键词 list and bare teasers', () => {
    expect(page.relatedNews[0]).toEqual({
      headline: '女童不慎掉入20米深井 18岁小姨三次下井成功营救',
      summary: null,
      outlet: null,
      dateline: null,
      reporters: [],
    });
    expect(page.relatedNews.find((r) => r.headline === '2021,比个心吧!')?.summary).toBeNull();
    expect(page.relatedNews.find((r) => r.headline === '【两节防疫提示】返乡和外出居民应注意什么?')?.summary).toBeNull();
    expect(page.relatedNews).toHaveLength(20);
  });

  it('drops exactly the chrome: separators and everything from the first X 关闭 on', () => {
    const lines = nonEmptyLines(SEED);
    const firstClose = lines.find((l) => l.text === 'X 关闭')?.line ?? Infinity;
    const chrome = lines.filter((l) => l.line >= firstClose);
    const dropped = new Map(page.dropped.map((d) => [d.line, d]));
    for (const l of chrome) expect(dropped.has(l.line)).toBe(true);
    for (const d of page.dropped) {
      if (d.line < firstClose) expect(d).toMatchObject({ text: '-', reason: 'separator' });
    }
    expect(page.dropped.filter((d) => d.line >= firstClose)).toHaveLength(chrome.length);
    expect(dropped.get(firstClose)?.reason).toBe('page chrome: X 关闭 block');
    for (const text of ['世界微头条丨无影灯下⑭丨亲子肾移植背后:儿子曾多次拒绝母亲捐肾', '七国集团外长会议于4月16日开幕 全球百事通']) {
      expect(page.dropped.find((d) => d.text === text)?.reason).toBe('advertising headline');
    }
  });

  it('puts no advertising or chrome headline among related news', () => {
    const chromeTexts = new Set(page.dropped.map((d) => d.text));
    for (const item of page.relatedNews) {
      expect(item.headline).not.toMatch(AD);
      expect(chromeTexts.has(item.headline)).toBe(false);
    }
  });

  it('accounts for every non-empty line exactly once', () => {
    expectEveryLineAccounted(SEED, page);
    expect(page.report.find((r) => r.line === 1)?.field).toBe('article.title');
    expect(page.report.find((r) => r.line === 3)?.field).toBe('article.imageNote');
    expect(page.report.find((r) => r.line === 9)?.field).toBe('article.paragraphs[6]');
    expect(page.report.find((r) => r.line === 27)?.field).toMatch(/^relatedNews\[\d+\]\.summary$/);
  });

  it('honours options.locale', () => {
    expect(parsePage(SEED, { locale: 'en' }).language).toBe('en');
    expect(parsePage(SEED, { locale: 'zh-CN' }).language).toBe('zh-Hans');
  });
});

describe('parsePage: contentHash', () => {
  const base = parsePage(SEED);

  it('is a sha256 hex digest, stable across runs', () => {
    expect(base.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(parsePage(SEED).contentHash).toBe(base.contentHash);
  });

  it('ignores page chrome, related news and line endings', () => {
    const withoutTail = SEED.split('\n').slice(0, 13).join('\n');
    expect(parsePage(withoutTail).contentHash).toBe(base.contentHash);
    expect(parsePage(SEED.replace(/\n/g, '\r\n')).contentHash).toBe(base.contentHash);
  });

  it('changes when the body changes', () => {
    const edited = SEED.replace('一共1644户', '一共1645户');
    expect(edited).not.toBe(SEED);
    expect(parsePage(edited).contentHash).not.toBe(base.contentHash);
    const dropped = SEED.replace(/^最终,在和老人子女.*\n/m, '');
    expect(parsePage(dropped).contentHash).not.toBe(base.contentHash);
  });

  it('changes when the title changes', () => {
    expect(parsePage(SEED.replace('老味道”|全球报道', '新味道”|全球报道')).contentHash).not.toBe(base.contentHash);
  });
});

describe('parsePage: fixtures', () => {
  it('non-exclusive.txt: credits without an exclusive notice, keywords on the 关键词 line', () => {
    const text = fixture('non-exclusive.txt');
    const page = parsePage(text);
    expect(page.article.title).toBe('老小区加装电梯“一梯到家”,长宁这个小区三年装了28台');
    expect(page.article.column).toBe('城市');
    expect(page.article.exclusive).toBe(false);
    expect(page.article.paragraphs).toHaveLength(5);
    expect(page.article.imageNote).toBe('图片由受访者提供');
    expect(page.article.keywords).toEqual(['加装电梯', '老小区', '适老化']);
    expect(page.article.bylines).toEqual([
      { name: '李静怡', role: 'reporter' },
      { name: '周正', role: 'editor' },
      { name: '许琦敏', role: 'responsible-editor' },
    ]);
    expect(page.neighbourhood).toMatchObject({
      name: '天山绿苑',
      district: '长宁区',
      subdistrict: '天山路街道',
      yearBuilt: 1996,
      households: 986,
      occupiedHouseholds: null,
      elderlyShare: 0.42,
      tenantShare: null,
      partySecretary: '周建平',
      kind: '售后公房',
    });
    expect(page.relatedNews.map((r) => r.headline)).toContain('2022年,这些新规将影响你的生活');
    expect(page.relatedNews.find((r) => r.outlet === '中新网')).toMatchObject({ dateline: '上海12月27日电', reporters: ['陈静'] });
    expect(page.relatedNews.some((r) => AD.test(r.headline))).toBe(false);
    expectEveryLineAccounted(text, page);
  });

  it('reprint-chinanews.txt: origin from 来源 and the 中新网 dateline, reporters from the brackets', () => {
    const text = fixture('reprint-chinanews.txt');
    const page = parsePage(text);
    expect(page.article.exclusive).toBe(false);
    expect(page.article.origin).toEqual({ outlet: '中新网', dateline: '杭州12月27日电' });
    expect(page.article.dateline).toBe('杭州12月27日电');
    expect(page.article.paragraphs).toHaveLength(4);
    expect(page.article.paragraphs[0]).toMatch(/^中新网杭州12月27日电/);
    expect(page.article.bylines).toEqual([
      { name: '王婷', role: 'reporter' },
      { name: '李明', role: 'reporter' },
      { name: '黄钰涵', role: 'editor' },
      { name: '王嘉旖', role: 'editor' },
      { name: '单颖文', role: 'responsible-editor' },
    ]);
    expect(page.dropped.find((d) => d.text === '(完)')?.reason).toBe('end marker');
    expect(page.report.find((r) => r.text === '来源:中新网')?.field).toBe('article.origin');
    expect(page.neighbourhood).toMatchObject({
      name: '和睦新村',
      district: '拱墅区',
      subdistrict: '和睦街道',
      households: 2130, // 二千一百三十户
      elderlyShare: 0.4, // 近四成
      partySecretary: '郑红梅',
    });
    expect(page.neighbourhood?.services).toContainEqual({ name: '供应午餐', schedule: '每天11:00-12:30', audience: null });
    expect(page.neighbourhood?.partnerships).toEqual([{ partner: '浙江省中医院', focus: null }]);
    expectEveryLineAccounted(text, page);
  });

  it('reprint without a 来源 line: the opening dateline alone makes the origin', () => {
    const text = fixture('reprint-chinanews.txt').replace('来源:中新网\n', '');
    expect(parsePage(text).article.origin).toEqual({ outlet: '中新网', dateline: '杭州12月27日电' });
  });

  it('missing-editor.txt: no editor credits, Chinese numerals and a 1/3 share', () => {
    const text = fixture('missing-editor.txt');
    const page = parsePage(text);
    expect(page.article.bylines).toEqual([
      { name: '邵珍', role: 'reporter' },
      { name: '叶辰亮', role: 'photographer' },
    ]);
    expect(page.article.bylines.some((b) => b.role === 'editor' || b.role === 'responsible-editor')).toBe(false);
    expect(page.article.exclusive).toBe(true);
    expect(page.neighbourhood).toMatchObject({
      name: '祁连新苑',
      district: '宝山区',
      subdistrict: '大场镇',
      yearBuilt: 2019, // 二〇一九年交付
      kind: '动迁安置房',
      households: 1080, // 一千零八十户
      occupiedHouseholds: 862, // 八百六十二户
      partySecretary: '黄丽萍',
    });
    expect(page.neighbourhood?.tenantShare).toBeCloseTo(1 / 3, 10);
    expect(page.neighbourhood?.services.map((s) => s.name)).toEqual(['义诊', '理发', '修伞', '磨刀']);
    expect(page.neighbourhood?.services[0]).toEqual({ name: '义诊', schedule: '每周三09:00-11:00', audience: '居民' });
    expectEveryLineAccounted(text, page);
  });

  it('several-reporters.txt: 、-separated reporters, a 通讯员, a photographer, 33% and 百分之二十八', () => {
    const text = fixture('several-reporters.txt');
    const page = parsePage(text);
    expect(page.article.title).toBe('闵行这个新建小区的“睦邻客厅”,让不同年龄的居民都找到了归属感');
    expect(page.article.column).toBe('城市');
    expect(page.article.bylines.filter((b) => b.role === 'reporter').map((b) => b.name)).toEqual(['王文娟', '周渊', '李晨琰', '沈悦']);
    expect(page.article.bylines).toContainEqual({ name: '袁婧', role: 'photographer' });
    expect(page.article.bylines).toContainEqual({ name: '徐晶卉', role: 'editor' });
    expect(page.article.bylines).toContainEqual({ name: '许琦敏', role: 'responsible-editor' });
    expect(page.neighbourhood).toMatchObject({
      name: '七韵华庭',
      district: '闵行区',
      subdistrict: '七宝镇',
      yearBuilt: 2018,
      households: 1326,
      occupiedHouseholds: 1100,
      tenantShare: 0.33,
      elderlyShare: 0.28,
      partySecretary: '陆晓峰',
    });
    expect(page.neighbourhood?.services).toContainEqual({ name: '睦邻客厅开放', schedule: '每天19:00-21:00', audience: '居民' });
    expect(page.neighbourhood?.services).toContainEqual({ name: '上门探访', schedule: '每周', audience: '独居老人' });
    expect(page.neighbourhood?.partnerships).toEqual([{ partner: '七宝镇社区卫生服务中心', focus: '健康进楼道,服务到家门' }]);
    expect(page.relatedNews.find((r) => r.outlet === '中新网')?.reporters).toEqual(['林波', '张小红']);
    expectEveryLineAccounted(text, page);
  });

  it('english-page.txt: By/Editor/Translator credits, the English exclusive notice, figures', () => {
    const text = fixture('english-page.txt');
    const page = parsePage(text);
    expect(page.language).toBe('en');
    expect(page.article.title).toBe("Community canteen brings hot meals to elderly residents in Jing'an");
    expect(page.article.column).toBe('Global Report');
    expect(page.article.paragraphs).toHaveLength(5);
    expect(page.article.imageNote).toBe('File photo for reference only');
    expect(page.article.dateline).toBe('SHANGHAI');
    expect(page.article.origin).toBeNull();
    expect(page.article.bylines).toEqual([
      { name: 'Zhang Xiaoming', role: 'reporter' },
      { name: 'Li Hua', role: 'reporter' },
      { name: 'Wang Jiayi', role: 'editor' },
      { name: 'Chen Yu', role: 'translator' },
    ]);
    expect(page.article.exclusive).toBe(true);
    expect(page.article.paragraphs.some((p) => /exclusive/i.test(p))).toBe(false);
    expect(page.article.keywords).toEqual(['elderly care', 'community canteen']);
    expect(page.neighbourhood).toMatchObject({
      name: 'Caojiadu Garden',
      district: "Jing'an District",
      subdistrict: 'Caojiadu Subdistrict',
      yearBuilt: 1998,
      households: 1236,
      elderlyShare: 0.38,
      partySecretary: 'Xu Lihua',
    });
    expect(page.neighbourhood?.tenantShare).toBeCloseTo(1 / 3, 10);
    expect(page.relatedNews.find((r) => r.outlet === 'Xinhua')).toMatchObject({
      headline: 'China expands home-based elderly care services',
      dateline: 'BEIJING, Dec. 28',
    });
    expect(page.dropped.filter((d) => d.reason === 'advertising headline')).toHaveLength(2);
    expectEveryLineAccounted(text, page);
  });

  it('no-figures.txt: a named 小区 without figures gives no neighbourhood', () => {
    const text = fixture('no-figures.txt');
    const page = parsePage(text);
    expect(page.article.paragraphs).toHaveLength(4);
    expect(page.article.exclusive).toBe(true);
    expect(page.neighbourhood).toBeNull();
    expectEveryLineAccounted(text, page);
  });

  it('truncated.txt: title and the paragraphs that are there, no credits', () => {
    const text = fixture('truncated.txt');
    const page = parsePage(text);
    expect(page.article.title).toBe('徐汇一老旧小区完成“美丽家园”改造,居民家门口多了“口袋公园”');
    expect(page.article.column).toBe('城市');
    expect(page.article.paragraphs).toHaveLength(3);
    expect(page.article.paragraphs[2]).toMatch(/增设非机动车充电桩等$/);
    expect(page.article.bylines).toEqual([]);
    expect(page.article.exclusive).toBe(false);
    expect(page.relatedNews).toEqual([]);
    expect(page.dropped).toEqual([]);
    expectEveryLineAccounted(text, page);
  });

  it('only-chrome.txt: not an article', () => {
    expect(() => parsePage(fixture('only-chrome.txt'))).toThrow(ImportParseError);
    expect(() => parsePage(fixture('only-chrome.txt'))).toThrow(expect.objectContaining({ code: 'not-article' }));
  });

  it('empty.txt: empty', () => {
    expect(() => parsePage(fixture('empty.txt'))).toThrow(expect.objectContaining({ code: 'empty' }));
    expect(() => parsePage('')).toThrow(expect.objectContaining({ code: 'empty' }));
  });

  it('html-soup.txt: html', () => {
    expect(() => parsePage(fixture('html-soup.txt'))).toThrow(expect.objectContaining({ code: 'html' }));
  });
});

describe('parsePage: other inputs that are not articles', () => {
  it('rejects binary content', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    expect(() => parsePage(bytes.toString('utf8'))).toThrow(expect.objectContaining({ code: 'binary' }));
    expect(() => parsePage('\ufffd\ufffd\u0001\u0002\u0003ab\ufffd\ufffd\ufffd')).toThrow(expect.objectContaining({ code: 'binary' }));
  });

  it('calls a page that stops after its title truncated', () => {
    expect(() => parsePage('用情融入基层治理|全球报道\n')).toThrow(expect.objectContaining({ code: 'truncated' }));
  });

  it('calls a list of headlines not an article', () => {
    expect(() => parsePage('西安警方通报6起涉疫违法案件\n西安新一轮核酸筛查日检测能力达160万管\n西安市累计报告本土确诊病例811例')).toThrow(
      expect.objectContaining({ code: 'not-article' }),
    );
  });

  it('names the source in the message', () => {
    try {
      parsePage('  ', { sourceName: 'seeds/empty.txt' });
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(ImportParseError);
      expect((e as ImportParseError).message).toContain('seeds/empty.txt');
      expect((e as ImportParseError).sourceName).toBe('seeds/empty.txt');
    }
  });
});

describe('parsePage: general forms', () => {
  it('reads full-width punctuation, comma-separated names and the short role forms', () => {
    const page = parsePage(
      [
        '社区食堂开进老小区｜城市',
        '中新网北京12月28日电（记者 张三）记者28日获悉，朝阳区某街道的向阳花园小区共有一千六百四十四户，已入住一千二百户，租户占比三分之一，60岁以上老人占比达33%。',
        '来源：澎湃新闻',
        '作者：张三，李四',
        '编辑：王五',
        '摄：赵六',
        '译：钱七',
      ].join('\n'),
    );
    expect(page.article.column).toBe('城市');
    expect(page.article.origin).toEqual({ outlet: '澎湃新闻', dateline: '北京12月28日电' });
    expect(page.article.bylines).toEqual([
      { name: '张三', role: 'reporter' },
      { name: '李四', role: 'reporter' },
      { name: '王五', role: 'editor' },
      { name: '赵六', role: 'photographer' },
      { name: '钱七', role: 'translator' },
    ]);
    expect(page.neighbourhood).toMatchObject({
      name: '向阳花园',
      households: 1644,
      occupiedHouseholds: 1200,
      elderlyShare: 0.33,
    });
    expect(page.neighbourhood?.tenantShare).toBeCloseTo(1 / 3, 10);
  });

  it('does not read a sentence starting with "By" as a credit', () => {
    const page = parsePage(
      'Old estates renewed\nBy the end of 2021, the district had renovated all of its old residential compounds, officials said on Tuesday.\nEditor: Wang Jiayi',
    );
    expect(page.article.paragraphs).toHaveLength(1);
    expect(page.article.bylines).toEqual([{ name: 'Wang Jiayi', role: 'editor' }]);
  });

  it('finds the title after an X 关闭 block at the top of the page', () => {
    const page = parsePage('X 关闭\n广告标题一\n社区来了新邻居\n这是正文的第一段,讲述了一个社区的故事。居民们都很高兴。');
    expect(page.article.title).toBe('社区来了新邻居');
    expect(page.dropped.map((d) => d.line)).toEqual([1, 2]);
  });
});

describe('paragraphsToBlocks', () => {
  it('builds Strapi 5 paragraph blocks', () => {
    expect(paragraphsToBlocks(['一', '二'])).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '一' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '二' }] },
    ]);
    expect(paragraphsToBlocks([])).toEqual([]);
  });
});
