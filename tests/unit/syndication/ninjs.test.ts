import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../fixtures/ninjs/ninjs-schema_3.0.json';
import { articleNinjs, ninjsUri } from '../../../src/plugins/newsroom/server/src/syndication/ninjs';
import { bareArticleDoc, config, ORIGINAL_URL, reprintArticleDoc, SEED_DOCUMENT_ID, seedAlternates, seedArticleDoc, urlFor } from '../../helpers/seed-articles';
import type { ArticleDoc } from '../../../src/plugins/newsroom/server/src/syndication/article';
import { RFC3339 } from '../../helpers/xml-check';

// IPTC's ninjs 3.0 schema (tests/fixtures/ninjs, CC BY 4.0 © IPTC). Its GeoJSON $ref cannot be fetched here,
// so a permissive stand-in is registered: place geometry goes unchecked, everything else is validated.
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ $id: 'https://geojson.org/schema/GeoJSON.json', type: 'object' });
const validate = ajv.compile(schema as object);

const ninjsOf = (article: ArticleDoc) =>
  articleNinjs(article, { config, url: urlFor(article), alternates: seedAlternates(article.locale) }) as Record<string, any>;

const expectValid = (doc: unknown) => {
  const valid = validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
};

describe('articleNinjs', () => {
  const zh = ninjsOf(seedArticleDoc('zh-Hans'));
  const en = ninjsOf(seedArticleDoc('en'));
  const reprint = ninjsOf(reprintArticleDoc('zh-Hans'));

  it('is valid ninjs 3.0 for the seed article in both locales, a reprint, and a bare article', () => {
    expectValid(zh);
    expectValid(en);
    expectValid(reprint);
    expectValid(ninjsOf(reprintArticleDoc('en')));
    expectValid(ninjsOf(bareArticleDoc()));
  });

  it('is checked by a validator that does reject what ninjs 3.0 does not allow', () => {
    expect(validate({ ...zh, copyrightnotice: 'ninjs 2 spelling' })).toBe(false);
    expect(validate({ ...zh, type: 'article' })).toBe(false);
    expect(validate({ ...zh, versionCreated: '28 Dec 2021' })).toBe(false);
    expect(validate({ ...zh, associations: [{ name: 'x' }] })).toBe(false);
  });

  it('identifies the article stably, per locale, and keeps its URL and documentId as alternative ids', () => {
    expect(zh.uri).toBe(ninjsUri('article', SEED_DOCUMENT_ID, 'zh-Hans'));
    expect(en.uri).not.toBe(zh.uri);
    expect(zh).toMatchObject({ type: 'text', language: 'zh-Hans', representationType: 'full', pubStatus: 'usable', slugline: 'putuo-huahe-minxiang-yuan' });
    expect(zh.altIds).toEqual([
      { role: 'documentId', value: SEED_DOCUMENT_ID },
      { role: 'url', value: 'https://www.whb.cn/zh-Hans/articles/putuo-huahe-minxiang-yuan' },
    ]);
    expect(zh.standard).toEqual({ name: 'ninjs', version: '3.0', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.0.json' });
  });

  it('dates the article at the newsroom offset', () => {
    // firstCreated is the first publication (not the draft's creation); versionCreated the last content change.
    expect(zh.firstCreated).toBe('2021-12-28T15:14:00+08:00');
    expect(zh.contentCreated).toBe('2021-12-28T15:14:00+08:00');
    expect(zh.versionCreated).toBe('2021-12-28T15:20:30+08:00');
    for (const k of ['firstCreated', 'contentCreated', 'versionCreated']) expect(zh[k]).toMatch(RFC3339);
  });

  it('carries headline, standfirst and the body as plain text and as escaped HTML', () => {
    expect(zh.headlines).toEqual([{ value: '用情融入基层治理,普陀这里让居民品出温暖“老味道”', role: 'main', contentType: 'text/plain' }]);
    expect(zh.descriptions[0].value).toBe(seedArticleDoc('zh-Hans').standfirst);
    const [plain, html] = zh.bodies;
    expect(plain.contentType).toBe('text/plain');
    expect(plain.value.split('\n\n')).toHaveLength(7);
    expect(html.contentType).toBe('text/html');
    expect(html.value.match(/<p>/g)).toHaveLength(7);
    const hostile = ninjsOf(bareArticleDoc({ body: [{ type: 'paragraph', children: [{ type: 'text', text: 'a <b> & "c"' }] }] }));
    expect(hostile.bodies[1].value).toBe('<p>a &lt;b&gt; &amp; &quot;c&quot;</p>');
  });

  it('carries the notice, usage terms and Exclusive genre of an exclusive, per locale', () => {
    expect(zh).toMatchObject({ copyrightHolder: '文汇报', copyrightNotice: '文汇独家稿件,转载请注明出处。', usageTerms: '转载须注明出处。' });
    expect(en).toMatchObject({
      copyrightHolder: 'Wenhui Daily',
      copyrightNotice: 'Wenhui exclusive. Credit the source when republishing.',
      usageTerms: 'Republication must credit the source.',
    });
    expect(zh.genres).toEqual([{ name: 'Exclusive', literal: 'exclusive' }]);
    expect(zh.infoSources).toEqual([{ name: '文汇报', role: 'originator', uri: 'https://www.whb.cn/' }]);
  });

  it('credits a reprint to its original outlet', () => {
    expect(reprint).toMatchObject({ copyrightHolder: '中新网', copyrightNotice: '来源:中新网', usageTerms: '转载须注明出处。' });
    expect(reprint.genres).toEqual([{ name: 'Reprint', literal: 'reprint' }]);
    expect(reprint.infoSources).toEqual([
      { name: '文汇报', role: 'distributor', uri: 'https://www.whb.cn/' },
      { name: '中新网', role: 'originator', uri: ORIGINAL_URL },
    ]);
    expect(reprint.located).toBe('武汉12月28日电');
    expect(ninjsOf(reprintArticleDoc('en')).copyrightNotice).toBe('Source: China News Service');
  });

  it('lists bylines, the neighbourhood and keywords', () => {
    expect(zh.by).toBe('张晓鸣和丁婉星');
    expect(en.by).toBe('Zhang Xiaoming and Ding Wanxing');
    expect(zh.people).toContainEqual({ name: '单颖文', rel: 'responsible-editor' });
    expect(zh.places).toEqual([
      { name: '华和民祥园', rel: 'about', literal: 'neighbourhood:n7q2huahe0minxiang0yuan00' },
      { name: '桃浦镇', rel: 'subdistrict' },
      { name: '普陀区', rel: 'district' },
    ]);
    expect(zh.subjects.map((s: any) => s.name)).toEqual(['基层治理', '普陀区', '桃浦镇', '动迁小区', '为老服务']);
  });

  it('associates each related news item as a credited ninjs object', () => {
    expect(zh.associations).toHaveLength(20);
    expect(en.associations).toHaveLength(seedArticleDoc('en').relatedNews!.length);
    expect(zh.associations[0]).toEqual({
      name: 'related1',
      rel: 'related',
      uri: 'urn:newsroom:news-item:news-wuhan-union-hospital-online-children:zh-Hans',
      type: 'text',
      language: 'zh-Hans',
      headlines: [{ value: '武汉协和医院开设互联网儿童医学中心', contentType: 'text/plain' }],
      descriptions: [{ value: expect.stringContaining('武汉协和医院'), role: 'summary', contentType: 'text/plain' }],
      by: '聂文闻、彭锦弦和陈有为',
      located: '武汉12月28日电',
      copyrightHolder: '中新网',
      copyrightNotice: '来源:中新网',
      infoSources: [{ name: '中新网', role: 'originator' }],
    });
    expect(zh.associations[2].copyrightNotice).toBe('来源:央视网');
    expect(en.associations[0].copyrightNotice).toBe('Source: China News Service');
    for (const a of zh.associations) expect(a.copyrightNotice).toMatch(/^来源:/);
  });
});
