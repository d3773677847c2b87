/**
 * Whole saved pages (issue 27): the article found inside the page, chrome around it, full-width
 * text folded, credits as real bylines write them. Built from made-up pages, not the corpus.
 */
import { parsePage, ImportParseError } from '../../../src/plugins/newsroom/server/src/import/parse-page';
import { splitLines } from '../../../src/plugins/newsroom/server/src/import/input';
import { statedFiguresZh } from '../../../src/plugins/newsroom/server/src/import/figures-text';
import { creditLine, splitNames } from '../../../src/plugins/newsroom/server/src/import/lines';
import {
  foldFullWidth,
  isSectionIndex,
  isBreadcrumb,
  isFooterLine,
  isMetaLine,
  isNavigationRow,
  isSiteName,
  isTrendingHeading,
  isWallOrError,
  locateArticle,
} from '../../../src/plugins/newsroom/server/src/import/page-shape';

const BODY_ZH = [
  '　　静安区某街道的示范小区建于1985年，小区共有居民１６４４户，６０岁以上老人占比超过四成。',
  '　　“我们这个门洞12户人家，光是签字就签了三年。”住在6楼的退休教师邵阿姨说。',
];

/** A page in the shape news sites save: header chrome, title, meta line, credits, body, trending, footer. */
function zhPage(header: string[], title: string, credit: string): string {
  return [
    ...header,
    '',
    title,
    '',
    '2025-11-18 07:12:36　　来源：某某报　　字号：大　中　小　　分享到：微信　微博',
    credit,
    '',
    ...BODY_ZH,
    '',
    '责任编辑：沈　洁',
    '',
    '相关阅读',
    '· 静安今年已完成既有多层住宅加装电梯超400台',
    '',
    '热门推荐',
    '1　沪上多条公交线路今起调整',
    '2　今冬首场寒潮来袭',
    '',
    '沪ICP备08013585号-1　　沪公网安备31010602000000号',
    'Copyright © 某某报社 版权所有',
  ].join('\n');
}

const HEADERS: string[][] = [
  ['某某网', '首页　　要闻　　上海　　中国　　国际　　评论', '登录　|　注册', '下载某某APP，阅读更多精彩内容', '当前位置：首页 > 城市 > 正文'],
  ['网易首页 > 新闻中心 > 正文', '网易新闻　　打开网易新闻　体验效果更佳', '登录　　注册免费邮箱'],
  ['新浪首页　新闻　体育　财经　娱乐　科技　博客　图片', '登录　　注册', '新浪新闻 > 社会新闻 > 正文'],
  ['人民网首页　　|　　人民网 >> 上海频道 >> 区县 >> 正文', '手机看新闻　　　登录　　　注册'],
];

describe('a whole saved page: the article is found inside it', () => {
  const title = '这部“加梯协议书”签了三年，曹家渡的老公房终于“一梯到家”';
  it.each(HEADERS.map((h, i) => [i, h]))('header %i: the title is the headline above the body, not the first line', (_i, header) => {
    const page = parsePage(zhPage(header, title, '某某报记者　周　瑜　实习生　陆雨晴'));
    expect(page.article.title).toBe(foldFullWidth(title));
    expect(page.article.bylines.filter((b) => b.role === 'reporter').map((b) => b.name)).toEqual(['周瑜', '陆雨晴']);
    expect(page.article.bylines.filter((b) => b.role === 'responsible-editor').map((b) => b.name)).toEqual(['沈洁']);
    // Related reading is the block under 相关阅读; the trending list and the footer are chrome.
    expect(page.relatedNews.map((r) => r.headline)).toEqual(['静安今年已完成既有多层住宅加装电梯超400台']);
    expect(page.article.paragraphs[0]).toMatch(/^静安区/);
  });

  it('keeps the account of lines quoting the file as it is, full-width characters included', () => {
    const text = zhPage(HEADERS[0], title, '某某报记者　周　瑜');
    const page = parsePage(text);
    const lines = text.split('\n');
    for (const entry of [...page.report, ...page.dropped]) expect(entry.text).toBe(lines[entry.line - 1].trim());
  });

  it('finds the English headline past a section label, a bare name and a date', () => {
    const text = [
      'SHINE | Shanghai Daily',
      'Home   News   Metro   Business   Opinion   Sports',
      'Sign in   |   Register',
      '',
      'Metro',
      '',
      'A queue of walkers and a new lift: an old estate goes vertical',
      '',
      'By ZHU YUQING and Li Qianwen',
      '00:00 UTC+8, 2025-11-10',
      'Share:  Facebook  Twitter  WeChat',
      '',
      'Built in 1951, the estate was the first workers’ village in the city, and it still houses more than a thousand families today.',
      'For one resident, 84, the lift that opened last week means she can go down to the market again on her own.',
      '',
      'Trending',
      '  Cold front to bring first frost of winter',
      '',
      'Related',
      '  Putuo speeds up lift retrofits in old neighborhoods',
      '',
      'Copyright © 2025 Shanghai Daily. All rights reserved.',
    ].join('\n');
    const page = parsePage(text);
    expect(page.article.title).toBe('A queue of walkers and a new lift: an old estate goes vertical');
    expect(page.article.bylines.map((b) => b.name)).toEqual(['Zhu Yuqing', 'Li Qianwen']);
    expect(page.relatedNews.map((r) => r.headline)).toEqual(['Putuo speeds up lift retrofits in old neighborhoods']);
  });

  it.each([
    [['某某网', '首页　　要闻　　上海', '登录文汇账号', '手机号', '登录后可阅读全文、参与评论']],
    [['SHINE | Shanghai Daily', 'Home   News   Metro   Business', '404', 'Sorry, the page you are looking for cannot be found.']],
    [['Skip to main content', 'Reuters', 'A headline of the story behind the wall today', 'Sign up to continue reading']],
    [['网易首页 > 新闻中心 > 正文', '抱歉，该内容已被删除或不存在', '您可以返回首页继续浏览']],
  ])('refuses a sign-in wall or an error page with its reason', (lines) => {
    expect(() => parsePage(lines.join('\n'))).toThrow(ImportParseError);
    try {
      parsePage(lines.join('\n'));
    } catch (err) {
      expect((err as ImportParseError).code).toBe('not-article');
    }
  });

  it('refuses a section index of headlines', () => {
    const index = ['澎湃新闻', '首页　要闻　深度　视频　上海', '下载客户端　　登录', '', '上海'];
    for (let i = 0; i < 6; i++)
      index.push(`静安一老小区完成第${i + 1}轮“美丽家园”改造，居民家门口多了助餐点`, `澎湃新闻\u3000\u3000${i + 2}小时前\u3000\u3000评论 ${i}`);
    expect(() => parsePage(index.join('\n'))).toThrow(/not an article|no running text|headlines/);
  });

  it('leaves a page in the house shape (title on line 1) where it starts', () => {
    const lines = splitLines(['标题就在第一行的一篇稿件', ...BODY_ZH].join('\n'));
    expect(locateArticle(lines)).toEqual({ title: 0, refused: null });
  });
});

describe('page-shape recognisers', () => {
  it('folds full-width ASCII forms and ideographic spaces, and nothing else', () => {
    expect(foldFullWidth('共有居民１，６４４户：（约）')).toBe('共有居民1,644户:(约)');
    expect(foldFullWidth('　　正文')).toBe('  正文');
    // Property: every character outside U+FF01–FF5E and U+3000 is left alone (CJK punctuation, ①, ㎡).
    for (const c of '。、“”《》①㎡…·—') expect(foldFullWidth(c)).toBe(c);
    for (let code = 0xff01; code <= 0xff5e; code++) expect(foldFullWidth(String.fromCharCode(code)).charCodeAt(0)).toBe(code - 0xfee0);
  });

  it.each(['文汇网', '新民晚报', '澎湃新闻', 'XINHUANET', 'chinadaily.com.cn', 'SHINE | Shanghai Daily', 'SIXTH TONE'])('site name: %s', (s) =>
    expect(isSiteName(s)).toBe(true),
  );
  it.each(['这部协议书签了三年', 'The Last Summer of a Shanghai Lane'])('not a site name: %s', (s) => expect(isSiteName(s)).toBe(false));

  it('navigation rows, breadcrumbs, meta lines, footers and trending headings', () => {
    expect(isNavigationRow('首页　　要闻　　上海　　中国　　国际')).toBe(true);
    expect(isNavigationRow('Home   News   Metro   Business   Opinion')).toBe(true);
    expect(isNavigationRow('新浪首页 新闻 体育 财经 娱乐 科技')).toBe(true);
    expect(isNavigationRow('这部“加梯协议书”签了三年，曹家渡的老公房终于“一梯到家”')).toBe(false);
    expect(isBreadcrumb('当前位置:首页 > 城市 > 正文')).toBe(true);
    expect(isBreadcrumb('人民网首页 | 人民网 >> 上海频道 >> 正文')).toBe(true);
    expect(isMetaLine('2025-11-18 07:12:36 来源:文汇报 字号:大 中 小 分享到:微信')).toBe(true);
    expect(isMetaLine('新民晚报 2025-06-17 07:10 阅读数:8,213')).toBe(true);
    expect(isMetaLine('00:00 UTC+8, 2025-11-10')).toBe(true);
    expect(isFooterLine('沪ICP备08013585号-1 沪公网安备31010602000000号')).toBe(true);
    expect(isFooterLine('© 2014-2025 Sixth Tone. All rights reserved.')).toBe(true);
    for (const h of ['热门推荐', '24小时热门', '上观热榜', 'SHINE Trending', 'Trending', 'Most Read']) expect(isTrendingHeading(h)).toBe(true);
    for (const h of ['相关阅读', 'Related']) expect(isTrendingHeading(h)).toBe(false);
    expect(isWallOrError('Sign up to continue reading')).toBe(true);
    expect(isWallOrError('抱歉,该内容已被删除或不存在')).toBe(true);
  });
});

describe('credits as whole pages write them', () => {
  it('joins two-character names padded with a blank, whatever the names (property)', () => {
    const chars = '周瑜沈洁王嘉史博童然李晴';
    for (let i = 0; i + 1 < chars.length; i += 2) {
      for (let j = 0; j + 1 < chars.length; j += 2) {
        const a = `${chars[i]} ${chars[i + 1]}`;
        const b = `${chars[j]}${chars[j + 1]}`;
        expect(splitNames(`${a} ${b}`)).toEqual([a.replace(' ', ''), b]);
      }
    }
  });

  it.each([
    [
      '文汇报记者 周 瑜 实习生 陆雨晴',
      [
        ['周瑜', 'reporter'],
        ['陆雨晴', 'reporter'],
      ],
    ],
    [
      '文汇报见习记者 姚 远 记者 沈 湫',
      [
        ['姚远', 'reporter'],
        ['沈湫', 'reporter'],
      ],
    ],
    [
      '作者:文汇报记者 李 晴 通讯员 吴思远',
      [
        ['李晴', 'reporter'],
        ['吴思远', 'reporter'],
      ],
    ],
    [
      '文/图 文汇报记者 童 然',
      [
        ['童然', 'reporter'],
        ['童然', 'photographer'],
      ],
    ],
    [
      '文|王 婕 图|叶 辰',
      [
        ['王婕', 'reporter'],
        ['叶辰', 'photographer'],
      ],
    ],
    [
      '栏目主编:王海燕 文字编辑:顾 杰',
      [
        ['王海燕', 'editor'],
        ['顾杰', 'editor'],
      ],
    ],
    ['By LI YIMIN in Shanghai | China Daily | Updated: 2025-09-18 09:12', [['Li Yimin', 'reporter']]],
    [
      'by Xinhua writers Zhang Hai and Wang Mengxi',
      [
        ['Zhang Hai', 'reporter'],
        ['Wang Mengxi', 'reporter'],
      ],
    ],
    ['Photos by Jiang Qiyu', [['Jiang Qiyu', 'photographer']]],
  ])('%s', (line, expected) => {
    expect(creditLine(line)?.map((b) => [b.name, b.role])).toEqual(expected);
  });
});

describe('the outlet a whole page credits', () => {
  const body = [
    '',
    '　　静安区某街道的示范小区建于1985年，小区共有居民1644户，是一处老公房小区，近年来加装了电梯。',
    '　　“我们这个门洞12户人家，光是签字就签了三年。”住在6楼的邵阿姨说。',
  ];
  const page = (under: string[]) => parsePage(['某某网', '首页　　要闻　　上海　　中国', '', '一个老小区的加梯故事终于有了结局', ...under, ...body].join('\n'));

  it.each([
    [['作者：解放日报首席记者　陈　静　　来源：上观新闻　　2025-11-26 06:58'], '上观新闻'],
    [['2025年03月22日08:41　来源：人民网－上海频道　　　分享到：'], '人民网'],
    [['2025年11月12日 19:36　央视网'], '央视网'],
    [['新民晚报　　2025-06-17 07:10　　　阅读数：8,213'], '新民晚报'],
    [['澎湃新闻', '2025-07-14 18:02　发布于上海'], '澎湃新闻'],
    [['文汇报　2025-04-16 09:03'], null],
  ])('%j → %s', (under, outlet) => {
    expect(page(under).article.origin?.outlet ?? null).toBe(outlet);
  });

  it("prefers the story's own dateline to the site's source line", () => {
    const p = parsePage(
      [
        '中国新闻网',
        '首页　　滚动　　时政　　社会',
        '',
        '上海金山一乡村“睦邻点”：老人在家门口吃上午饭',
        '2025年12月01日 15:42　来源：中国新闻网',
        '',
        '　　中新网上海12月1日电 (记者　陈静)在上海市金山区廊下镇的中丰村，一处由农家院改建的“睦邻点”里，老人们正在吃午饭。',
      ].join('\n'),
    );
    expect(p.article.origin?.outlet).toBe('中新网');
    expect(p.article.bylines).toEqual([{ name: '陈静', role: 'reporter' }]);
  });

  it('reads the English outlet beside the byline or on the masthead', () => {
    const en = (header: string[], under: string[]) =>
      parsePage(
        [
          ...header,
          '',
          'Minhang estate where three in four flats are rented opens shared kitchen',
          ...under,
          '',
          'The estate was built in 1998 and has 1,200 households, most of them young renters who work in the nearby industrial parks.',
        ].join('\n'),
      ).article.origin?.outlet ?? null;
    expect(en(['chinadaily.com.cn', 'HOME   CHINA   WORLD   BUSINESS'], ['By LI YIMIN in Shanghai | China Daily | Updated: 2025-09-18 09:12'])).toBe(
      'China Daily',
    );
    expect(en(['chinadaily.com.cn', 'HOME   CHINA   WORLD   BUSINESS'], ['Xinhua | Updated: 2025-05-27 16:40'])).toBe('Xinhua');
    expect(en(['SHINE | Shanghai Daily', 'Home   News   Metro   Business'], ['Zhu Yuqing', '00:00 UTC+8, 2025-11-10'])).toBe('Shanghai Daily');
  });
});

describe('related news only from a related-reading block', () => {
  const body = [
    '　　静安区某街道的示范小区建于1985年，小区共有居民1644户，是一处老公房小区，近年来加装了电梯。',
    '　　“我们这个门洞12户人家，光是签字就签了三年。”住在6楼的邵阿姨说。',
  ];
  const page = (tail: string[]) => parsePage(['一个老小区的加梯故事终于有了结局', ...body, ...tail].join('\n'));

  it('reads bare headlines under a related heading one by one, whatever their number (property)', () => {
    for (let n = 1; n <= 6; n++) {
      const headlines = Array.from({ length: n }, (_, i) => `第${i + 1}个小区完成加装电梯的新进展`);
      expect(page(['', '相关新闻', ...headlines]).relatedNews.map((r) => r.headline)).toEqual(headlines);
    }
  });

  it('never takes comments, hot lists, proofreaders, tip lines, share counts or footer links for related news', () => {
    const p = page([
      '',
      '责任编辑：朱　轶　　校对：张　艳',
      '澎湃新闻报料：021-962866',
      '澎湃新闻，未经授权不得转载',
      '',
      '56条评论',
      '上海网友：我外婆就在这里剪，顾师傅手艺真好',
      '',
      '热新闻',
      '1　上海明年起实施新版生活垃圾分类标准',
      '',
      '跟贴 89　参与 3.6万',
      '新浪简介 | About Sina | 广告服务 | 联系我们 | 招聘信息',
      '更多精彩内容　　请关注中新网官方微信',
    ]);
    expect(p.relatedNews).toEqual([]);
    expect(p.article.bylines).toEqual([{ name: '朱轶', role: 'responsible-editor' }]);
  });

  it('keeps a header-image note under the credits as the article’s image note', () => {
    const p = parsePage(
      [
        'The Last Summer of a Shanghai Lane',
        'As a century-old neighborhood prepares for relocation, its residents take stock of what they will miss and what they will not.',
        'Gu Xiaoyun',
        'When the relocation notice went up this spring, 286 households still lived there, and three in five residents were over 60.',
        'Translator: Lu Hang; editors: Hu Jun and Ben Halder.',
        '(Header image: Residents sit in a lane, Shanghai, July 2025. Courtesy of Gu Xiaoyun)',
      ].join('\n'),
    );
    expect(p.relatedNews).toEqual([]);
    expect(p.article.imageNote).toMatch(/^Header image/);
    expect(p.article.bylines.find((b) => b.role === 'reporter')?.name).toBe('Gu Xiaoyun');
  });
});

describe('credit lines with noise beside the names', () => {
  it.each([
    ['责任编辑：钟齐鸣_NS1234', [['钟齐鸣', 'responsible-editor']]],
    ['责任编辑：张　玉 SN225', [['张玉', 'responsible-editor']]],
    ['【纠错】　　【责任编辑：刘　阳 】', [['刘阳', 'responsible-editor']]],
    ['本文来源：澎湃新闻　　作者：李　佳', [['李佳', 'reporter']]],
    ['作者：解放日报　顾　杰　　来源：上观新闻　　2025-08-12 07:05', [['顾杰', 'reporter']]],
    ['责任编辑：朱　轶　　校对：张　艳', [['朱轶', 'responsible-editor']]],
  ])('%s', (line, expected) => {
    const norm = foldFullWidth(line).replace(/\s+/g, ' ').trim();
    expect(creditLine(norm)?.map((b) => [b.name, b.role])).toEqual(expected);
  });
});

describe('HTML pages: publisher, captions and credits', () => {
  const doc = (head: string, body: string) =>
    `<!doctype html><html><head><title>T</title>${head}</head><body><article><h1>Hongkou lane residents vote on their own renovation plan</h1>${body}</article></body></html>`;
  const paragraphs = [
    'Residents of a shikumen neighborhood in Hongkou District have voted on a renovation plan that they drew up themselves over two years of meetings.',
    'Built in 1924, the lane has 388 households. Nearly 60 percent of its residents are over 60, and about one in five households rent out their rooms.',
    'The plan adds shared kitchens and bathrooms on each floor and widens two narrow passages for fire engines.',
  ]
    .map((p) => `<p>${p}</p>`)
    .join('');

  it('takes the JSON-LD publisher as the origin when the story names none, but never the house itself', () => {
    const ld = (name: string) =>
      `<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","publisher":{"@type":"Organization","name":"${name}"}}</script>`;
    expect(parsePage(doc(ld('Shanghai Daily'), paragraphs), { sourceName: 'a.html' }).article.origin?.outlet).toBe('Shanghai Daily');
    expect(parsePage(doc(ld('Wenhui Daily'), paragraphs), { sourceName: 'a.html' }).article.origin).toBeNull();
  });

  it('credits the photographer of a caption, English or Chinese, even when Readability drops the figure', () => {
    const en = parsePage(
      doc('', `<figure><img src="a.jpg" alt=""><figcaption>Residents study the plan. Photo by Jiang Qiyu</figcaption></figure>${paragraphs}`),
      {
        sourceName: 'a.html',
      },
    );
    expect(en.article.bylines).toContainEqual({ name: 'Jiang Qiyu', role: 'photographer' });
    const zh = parsePage(doc('', `${paragraphs}<p class="img-note">清晨的老茶馆。\u3000摄影：叶辰亮</p>`), { sourceName: 'a.html' });
    expect(zh.article.bylines).toContainEqual({ name: '叶辰亮', role: 'photographer' });
  });

  it.each([
    [
      'Reported by Fang Yiling. Translated by Xue Ying; edited by Hu Jun.',
      [
        ['Fang Yiling', 'reporter'],
        ['Xue Ying', 'translator'],
        ['Hu Jun', 'editor'],
      ],
    ],
    [
      '栏目主编:邵 宁 文字编辑:陈 玺 图片来源:杨浦区房管局',
      [
        ['邵宁', 'editor'],
        ['陈玺', 'editor'],
      ],
    ],
  ])('%s', (line, expected) => expect(creditLine(line)?.map((b) => [b.name, b.role])).toEqual(expected));
});

describe('more whole-page shapes', () => {
  it('refuses a section index whose headlines and teasers each carry their own date', () => {
    const lines = ['Society - Example', 'China > Society'];
    for (let i = 0; i < 4; i++)
      lines.push(
        `City number ${i + 1} turns a rooftop into a vegetable garden`,
        `Residents of an old estate in district number ${i + 1} have turned the roof of a six-story block into a shared vegetable plot for everyone.`,
        `2025-11-2${i} 09:21`,
      );
    expect(() => parsePage(lines.join('\n'))).toThrow(/section index/);
    expect(isSectionIndex(splitLines(lines.join('\n')))).toBe(true);
  });

  it('reads households straight after a head count and a numbered estate (劲松八区) as a name', () => {
    const f = statedFiguresZh(['北京市朝阳区劲松街道的劲松八区建于1978年，住着居民约1.1万人、4,300余户，老年人占比接近40%。']);
    expect(f.households).toBe(4300);
    expect(f.name).toBe('劲松八区');
    expect(f.subdistrict).toBe('劲松街道');
  });

  it('takes an organisation named as the article author in the page head as its publisher', () => {
    const html = `<!doctype html><html><head><title>T</title><meta property="article:author" content="解放日报"/></head><body><article><h1>这个大型社区住着一万人，居委会怎么认得过来</h1>${[
      '松江区广富林街道的广富林家园建于2015年，是松江新城的大型居住社区之一，住着居民约1.1万人、4,300余户。',
      '这么大的社区，居委会只有11名工作人员。“光靠我们，一年也认不全。”居委会书记说。',
      '三年前，社区推出“楼组长+租户联络员”制度，每栋楼选出一名楼组长，每个租户较多的楼层选出一名联络员。',
    ]
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`;
    const page = parsePage(html, { sourceName: 'a.html' });
    expect(page.article.origin?.outlet).toBe('解放日报');
    expect(page.article.bylines.filter((b) => b.role === 'reporter')).toEqual([]);
  });
});
