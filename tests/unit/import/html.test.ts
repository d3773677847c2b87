/**
 * Saved HTML pages: the article found by Readability on a linkedom DOM, metadata from the head,
 * credits wherever the template puts them, related reading kept apart from trending lists; never a
 * page script run.
 */
import fs from 'fs';
import path from 'path';
import { htmlToText, isHtmlDocument, isRelatedReadingHeading, withoutSiteSuffix } from '../../../src/plugins/newsroom/server/src/import/html';
import { parsePage } from '../../../src/plugins/newsroom/server/src/import/parse-page';

const SAVED = path.resolve(__dirname, '../../fixtures/import/corpus/saved');
const page = (name: string) => fs.readFileSync(path.join(SAVED, name), 'utf8');

describe('htmlToText', () => {
  it('reads a 文汇 article template: og:title, the body without chrome, credits below it, related reading without the hot list', () => {
    const html = page('zh-wenhui-anding-lane.html');
    const r = htmlToText(html);
    expect(r.title).toBe('九十多岁的老弄堂装上了“共享卫浴”,老人们不用再拎马桶了');
    expect(r.publishedTime).toBe('2025-10-28T07:30:00+08:00');
    expect(r.authors).toEqual(['王彦']); // JSON-LD Person; the publisher organisation is no author
    for (const chrome of ['首页', '热门推荐', '沪ICP备', '网友评论', '分享到', '字号', '广告', 'hm.baidu']) expect(r.text).not.toContain(chrome);
    const parsed = parsePage(html, { sourceName: 'zh-wenhui-anding-lane.html' });
    expect(parsed.article.title).toBe(r.title);
    expect(parsed.article.paragraphs[0]).toMatch(/^清晨六点,长宁区江苏路街道的安定坊里/);
    expect(parsed.article.exclusive).toBe(true);
    expect(parsed.article.origin).toBeNull(); // 来源:文汇报 is ours
    expect(parsed.article.bylines).toEqual(
      expect.arrayContaining([
        { name: '王彦', role: 'reporter' },
        { name: '王彦', role: 'photographer' },
        { name: '周渊', role: 'editor' },
        { name: '许琦敏', role: 'responsible-editor' },
      ]),
    );
    expect(parsed.relatedNews.map((n) => n.headline)).toEqual(['长宁今年完成旧里“微更新”项目15个', '告别手拎马桶,上海加快推进零星旧改']);
    expect(parsed.neighbourhood).toMatchObject({ district: '长宁区', subdistrict: '江苏路街道', yearBuilt: 1931, households: 236 });
  });

  it('runs no page script and loads nothing: inline scripts, handlers and remote resources stay inert', () => {
    const g = globalThis as { __newsroomRan?: number };
    const html = `<!doctype html><html><head><title>Test page - Site</title><script>globalThis.__newsroomRan = 1</script></head>
      <body onload="globalThis.__newsroomRan = 2"><img src="http://127.0.0.1:9/x.png" onerror="globalThis.__newsroomRan = 3">
      <h1>A lane gets shared bathrooms</h1><p>${'Residents of the lane, built in 1931, now share four showers and six toilets. '.repeat(4)}</p></body></html>`;
    const r = htmlToText(html);
    expect(g.__newsroomRan).toBeUndefined();
    expect(r.title).toBe('A lane gets shared bathrooms');
    expect(r.text).toContain('Residents of the lane');
  });

  it('takes the title from og:title, else <h1>, else JSON-LD, else <title> without the site suffix', () => {
    expect(htmlToText('<html><head><title>T - Site</title><meta property="og:title" content="OG title"></head><body><h1>H1</h1></body></html>').title).toBe(
      'OG title',
    );
    expect(htmlToText('<html><head><title>T - Site</title></head><body><h1>The headline</h1></body></html>').title).toBe('The headline');
    expect(htmlToText('<html><head><title>老弄堂装上了共享卫浴_新民晚报</title></head><body><p>x</p></body></html>').title).toBe('老弄堂装上了共享卫浴');
  });
});

describe('helpers', () => {
  it('strips a site suffix after a separator, never a short title', () => {
    expect(withoutSiteSuffix('老弄堂装上了共享卫浴 - 文汇网', ['文汇网'])).toBe('老弄堂装上了共享卫浴');
    expect(withoutSiteSuffix('Lane gets showers | SHINE News', [])).toBe('Lane gets showers');
    expect(withoutSiteSuffix('A-B', [])).toBe('A-B');
  });
  it('knows related reading from trending lists, and HTML files by their name', () => {
    for (const h of ['相关阅读', '相关新闻：', '延伸阅读', 'Related Stories', 'Related:']) expect(isRelatedReadingHeading(h)).toBe(true);
    for (const h of ['热门推荐', '24小时热门', 'Trending', 'Most Viewed', 'Read Next']) expect(isRelatedReadingHeading(h)).toBe(false);
    expect(isHtmlDocument('page.HTML')).toBe(true);
    expect(isHtmlDocument('page.htm')).toBe(true);
    expect(isHtmlDocument('page.txt')).toBe(false);
  });
});
