/**
 * General extraction: the phrasings of issue 13 one by one, bylines and their separators, reprint
 * datelines of other outlets, what is recognised but not stored, and linear-time parsing.
 */
import { parsePage, markupChars, ImportParseError } from '../../../src/plugins/newsroom/server/src/import/parse-page';
import { statedFiguresZh, statedFiguresEn } from '../../../src/plugins/newsroom/server/src/import/figures-text';
import { creditLine } from '../../../src/plugins/newsroom/server/src/import/lines';
import { MatchIndex, normaliseTitle, normaliseDistrict } from '../../../src/plugins/newsroom/server/src/import/match';

const page = (title: string, ...body: string[]) => [title, ...body, '作者:张三', '编辑:李四', '*文汇独家稿件,转载请注明出处。'].join('\n');
const zh = (...p: string[]) => statedFiguresZh(p);
const en = (...p: string[]) => statedFiguresEn(p);

describe('figures in Chinese copy', () => {
  it('始建于, 地处…区…街道, 居民共N户, 入住率约九成 → count from the rate', () => {
    const f = parsePage(
      page('兰苑小区的新食堂|城市', '兰苑小区始建于1998年,地处徐汇区田林街道,小区居民共1520户,目前入住率约九成。兰苑小区居民说好。'),
    ).neighbourhood;
    expect(f).toMatchObject({ name: '兰苑', district: '徐汇区', subdistrict: '田林街道', yearBuilt: 1998, households: 1520, occupiedHouseholds: 1368 });
    expect(f?.notStored?.some((n) => /occupancy rate/.test(n.reason))).toBe(true);
  });

  it.each([
    ['小区共有住户986户', 986, false],
    ['小区有1200余户居民', 1200, true],
    ['居民1,050户', 1050, false],
    ['总户数达5600户', 5600, false],
    ['居民户数共计760户', 760, false],
    ['共有居民二千一百三十户', 2130, false],
    ['里弄内有居民318户', 318, false],
  ])('households: %s → %d (approximate %s)', (text, n, approx) => {
    const f = zh(`华和小区${text}。`);
    expect(f.households).toBe(n);
    expect(f.householdsApproximate).toBe(approx);
  });

  it.each([
    ['目前已入住了400户', 400],
    ['已入住860户', 860],
    ['入住了1020户', 1020],
  ])('occupied: %s → %d', (text, n) => expect(zh(`小区共有1644户,${text}。`).occupiedHouseholds).toBe(n));

  it.each([
    ['65岁以上老人占比近三成', 'elderly', 0.3, '近'],
    ['租户占到了目前小区居民的三分之一', 'tenants', 1 / 3, null],
    ['租户约占小区居民的五分之三', 'tenants', 0.6, '约'],
    ['60岁以上老人占比达到42%', 'elderly', 0.42, '达'],
    ['外来租户也占到了近半', 'tenants', 0.5, '近'],
    ['住户中租户占比超过九成', 'tenants', 0.9, '超过'],
    ['独居老人占比约为一成', 'living-alone', 0.1, '约'],
    ['60岁以上老人的比例为百分之二十八', 'elderly', 0.28, null],
    ['其中约有四分之一是外来租户', 'tenants', 0.25, null],
    ['60岁以上老人约占三成五', 'elderly', 0.35, '约'],
  ])('share: %s → %s %d (%s)', (text, population, value, qualifier) => {
    const [s] = zh(`${text}。`).shares;
    expect(s.population).toBe(population);
    expect(s.value).toBeCloseTo(value, 6);
    if (qualifier) expect(s.qualifier).toBe(qualifier);
  });

  it('keeps head counts as counts, never as shares', () => {
    const f = zh('小区65岁以上老人占比近三成,其中独居老人有43人,志愿者600余人。');
    expect(f.shares).toHaveLength(1);
    expect(f.headCounts.map((h) => [h.count, h.approximate])).toEqual(
      expect.arrayContaining([
        [43, false],
        [600, true],
      ]),
    );
    const p = parsePage(page('独居老人的一天|城市', '和平新村建于1990年,小区独居老人有43人。和平新村居民说好。')).neighbourhood;
    expect(p?.elderlyShare).toBeNull();
    expect(p?.notStored?.find((n) => n.field === 'headCount')?.reason).toMatch(/never a share/);
  });

  it('does not take a count that is not about the neighbourhood', () => {
    const f = zh('彭浦新村共有住户2360户。已有800户签署了改造意愿书。全区惠及居民约2万户。');
    expect(f.households).toBe(2360);
    expect(f.occupiedHouseholds).toBeNull();
    expect(f.setAside.map((s) => s.text).join(' ')).toMatch(/800户.*签署|惠及/);
    expect(zh('已有800户签署了改造意愿书。').households).toBeNull();
    expect(zh('全市惠及居民约2万户。').households).toBeNull();
  });

  it.each([
    ['建于1996年', 1996],
    ['建成于1985年', 1985],
    ['始建于1998年', 1998],
    ['于2021年建成', 2021],
    ['于二〇一九年交付', 2019],
  ])('year built: %s → %d', (text, year) => expect(zh(`华和小区${text}。`).yearBuilt).toBe(year));

  it.each([
    ['位于普陀区桃浦镇的华和民祥园小区有1644户', '华和民祥园', '普陀区', '桃浦镇'],
    ['浦东新区川沙新镇的连民村共有村民680户', '连民村', '浦东新区', '川沙新镇'],
    ['黄浦区外滩街道的宝兴里现有居民420户', '宝兴里', '黄浦区', '外滩街道'],
    ['位于嘉定区新成路街道的嘉定人才公寓共有住户920户', '嘉定人才公寓', '嘉定区', '新成路街道'],
    ['北京市朝阳区和平街街道的樱花园小区现有住户1380户', '樱花园', '朝阳区', '和平街街道'],
  ])('name and place: %s', (text, name, district, subdistrict) => {
    const f = zh(`${text}。`);
    expect(f).toMatchObject({ name, district, subdistrict });
  });
});

describe('figures in English copy', () => {
  it('home to N households, of which N have moved in; roughly a third are tenants', () => {
    const f = en(
      "Completed in 1985, the Pengpu New Village estate in Jing'an District's Pengpu Xincun Subdistrict is home to 1,320 households, of which 1,100 have moved in.",
      'Roughly a third of residents are tenants, and residents aged over 60 account for 42 percent of the population.',
    );
    expect(f).toMatchObject({
      name: 'Pengpu New Village',
      district: "Jing'an District",
      subdistrict: 'Pengpu Xincun Subdistrict',
      yearBuilt: 1985,
      households: 1320,
      occupiedHouseholds: 1100,
    });
    expect(f.shares.map((s) => [s.population, Number(s.value.toFixed(3)), s.qualifier])).toEqual([
      ['tenants', 0.333, 'roughly'],
      ['elderly', 0.42, null],
    ]);
  });

  it.each([
    ['three quarters of residents are tenants', 0.75],
    ['tenants make up 30 percent of residents', 0.3],
    ['over half of the households rent to tenants', 0.5],
    ['one third of residents are tenants', 1 / 3],
  ])('%s', (text, value) => expect(en(`Jade Court has 900 households, and ${text}.`).shares[0].value).toBeCloseTo(value, 6));

  it('does not take households a programme benefited, nor head counts as shares', () => {
    const f = en('The estate has 1,200 households. The program has benefited some 20,000 households. 600 of the elderly residents live alone.');
    expect(f.households).toBe(1200);
    expect(f.setAside).toHaveLength(1);
    expect(f.shares).toHaveLength(0);
    expect(f.headCounts[0]).toMatchObject({ count: 600 });
  });
});

describe('bylines', () => {
  it.each([
    [
      '作者:张晓鸣 丁婉星',
      [
        ['张晓鸣', 'reporter'],
        ['丁婉星', 'reporter'],
      ],
    ],
    [
      '记者 王文娟 李晨琰',
      [
        ['王文娟', 'reporter'],
        ['李晨琰', 'reporter'],
      ],
    ],
    [
      '记者:张晓鸣、丁婉星 和 王一',
      [
        ['张晓鸣', 'reporter'],
        ['丁婉星', 'reporter'],
        ['王一', 'reporter'],
      ],
    ],
    ['文/记者 周渊', [['周渊', 'reporter']]],
    [
      '图/文 叶辰亮',
      [
        ['叶辰亮', 'photographer'],
        ['叶辰亮', 'reporter'],
      ],
    ],
    [
      '文:李婷 图:袁婧',
      [
        ['李婷', 'reporter'],
        ['袁婧', 'photographer'],
      ],
    ],
    [
      '记者 李晨琰 通讯员 沈悦',
      [
        ['李晨琰', 'reporter'],
        ['沈悦', 'reporter'],
      ],
    ],
    ['作者 | 陈晓燕', [['陈晓燕', 'reporter']]],
    [
      '编辑:王嘉旖 责任编辑:单颖文',
      [
        ['王嘉旖', 'editor'],
        ['单颖文', 'responsible-editor'],
      ],
    ],
    [
      'By Zhang Xiaoming and Li Hua',
      [
        ['Zhang Xiaoming', 'reporter'],
        ['Li Hua', 'reporter'],
      ],
    ],
    [
      'By: Tang Wenjia, Wang Jiayi',
      [
        ['Tang Wenjia', 'reporter'],
        ['Wang Jiayi', 'reporter'],
      ],
    ],
    [
      'Reporting by Zhou Yuan and Li Chenyan',
      [
        ['Zhou Yuan', 'reporter'],
        ['Li Chenyan', 'reporter'],
      ],
    ],
    ['Written by Shao Zhen', [['Shao Zhen', 'reporter']]],
    [
      'Reporting by Brenda Goh; Editing by Kim Coghill',
      [
        ['Brenda Goh', 'reporter'],
        ['Kim Coghill', 'editor'],
      ],
    ],
    ['Responsible editor: Xu Qimin', [['Xu Qimin', 'responsible-editor']]],
  ])('%s', (line, expected) => {
    expect((creditLine(line) ?? []).map((b) => [b.name, b.role])).toEqual(expected);
  });

  it('does not read running text as a credit', () => {
    expect(creditLine('记者了解到,小区共有1644户。')).toBeNull();
    expect(creditLine('记者 28日从华中科技大学附属协和医院获悉')).toBeNull();
    expect(creditLine('By the end of the year, the canteen will open.')).toBeNull();
  });

  it('reads a credit line straight under the title as the start of the body', () => {
    const p = parsePage(
      ['闵行志愿队|社会', '记者 王文娟 李晨琰', '在闵行区古美路街道的古龙三村,每天早上八点,志愿者们准时出现在独居老人家门口。', '编辑:周正'].join('\n'),
    );
    expect(p.article.bylines.map((b) => b.name)).toEqual(['王文娟', '李晨琰', '周正']);
    expect(p.article.paragraphs).toHaveLength(1);
  });
});

describe('reprints from any outlet', () => {
  it.each([
    ['新华社上海12月27日电(记者 王辰阳)记者27日从上海市杨浦区获悉,一座口袋公园落成。', '新华社', '上海12月27日电'],
    ['中新网杭州12月26日电 (记者 童笑雨)26日,记者从浙江省民政厅获悉,助餐服务全覆盖。', '中新网', '杭州12月26日电'],
    ['央视网消息:近日,北京市朝阳区一处养老服务站完成升级,新增了康复理疗室。', '央视网', null],
    ['人民网成都12月25日电 (记者 郝昭)在成都市武侯区,一块闲置空地变成了共享菜园。', '人民网', '成都12月25日电'],
    ['SHANGHAI, Dec. 27 (Xinhua) -- Residents of an old estate have turned a patch of wasteland into a pocket park.', 'Xinhua', 'SHANGHAI, Dec. 27'],
    [
      'SHANGHAI, Dec 27 (Reuters) - In a Shanghai neighbourhood, volunteers have become the backbone of elderly care for residents.',
      'Reuters',
      'SHANGHAI, Dec 27',
    ],
  ])('%s', (opening, outlet, dateline) => {
    const p = parsePage(['一篇转载|全球报道', opening, '编辑:王嘉旖'].join('\n'));
    expect(p.article.origin).toEqual({ outlet, dateline });
    expect(p.article.exclusive).toBe(false);
  });

  it('本报讯 is ours: not a reprint', () => {
    const p = parsePage(['本报消息|城市', '本报讯(记者 张鹏)在杨浦区五角场街道的政立路小区,一间睦邻点每天都热热闹闹。'].join('\n'));
    expect(p.article.origin).toBeNull();
    expect(p.article.bylines).toEqual([{ name: '张鹏', role: 'reporter' }]);
  });

  it('来源:澎湃新闻 alone makes the origin', () => {
    const p = parsePage(['长宁楼道议事|城市', '在长宁区仙霞新村街道的虹旭小区,每周三晚上,楼道里都会摆上几张凳子。', '来源:澎湃新闻'].join('\n'));
    expect(p.article.origin?.outlet).toBe('澎湃新闻');
  });
});

describe('input that must stay linear', () => {
  it('parses 200,000 repetitions of "<a" (no backtracking on one long line)', () => {
    const text = `标题\n${'<a'.repeat(200_000)}`;
    expect(markupChars(text)).toBe(0);
    let error: unknown = null;
    try {
      parsePage(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportParseError);
  });

  it('counts real markup and keeps refusing HTML', () => {
    expect(markupChars('<p>hi</p><script>var a = "<b>";</script>')).toBe('<p></p><script>vara="<b>";</script>'.length);
    expect(() => parsePage('<!doctype html><html><body><p>hello</p></body></html>')).toThrow(/HTML/);
  });

  it('parses a 60,000-digit line and a long run of figure-like text', () => {
    expect(parsePage(`标题\n${'1'.repeat(60_000)}户。`).neighbourhood).toBeNull();
    const p = parsePage(`标题|城市\n${'华和民祥园小区共有居民1644户,'.repeat(4_000)}。`);
    expect(p.neighbourhood?.households).toBe(1644);
  });
});

describe('matching what exists', () => {
  it('normalises titles across punctuation, width, case and blanks', () => {
    expect(normaliseTitle('用情融入基层治理,普陀这里让居民品出温暖“老味道”')).toBe(normaliseTitle('用情融入基层治理，普陀这里让居民品出温暖"老味道" '));
    expect(normaliseTitle('Hello,  World!')).toBe('helloworld');
    expect(normaliseDistrict('普陀区')).toBe(normaliseDistrict('普陀'));
  });

  it('finds by import key first, then by title', () => {
    const idx = new MatchIndex([
      { documentId: 'a', title: '标题一', importKey: 'article:1' },
      { documentId: 'b', title: '标题 二', importKey: null },
    ]);
    expect(idx.find('article:1', '别的标题')).toEqual({ documentId: 'a', by: 'importKey' });
    expect(idx.find('article:9', '标题二')).toEqual({ documentId: 'b', by: 'title' });
    expect(idx.find('article:9', '标题三')).toBeNull();
    idx.add({ documentId: 'c', title: '标题三', importKey: 'article:3' });
    expect(idx.find(null, '标题三')).toEqual({ documentId: 'c', by: 'title' });
  });

  it('matches neighbourhoods by name and district: the same name in another district is another place', () => {
    const idx = new MatchIndex(
      [
        { documentId: 'p', title: '和平新村', importKey: null, district: '普陀区' },
        { documentId: 'y', title: '和平新村', importKey: null, district: '杨浦区' },
      ],
      true,
    );
    expect(idx.find(null, '和平新村', '杨浦区')).toEqual({ documentId: 'y', by: 'name+district' });
    expect(idx.find(null, '和平新村', '徐汇区')).toBeNull();
    expect(idx.find(null, '和平新村', null)).toEqual({ documentId: 'p', by: 'name' });
  });
});
