/**
 * An archive of N stories per locale for the scale tests and the archive benchmark, written through
 * the importer's bulk path (importBatch: the same rules as every write, multi-row inserts), from
 * import plans made here rather than parsed pages: the parser is not what is measured. Stories
 * link neighbourhoods from a pool of 200 and carry one related news item each; exclusives and
 * reprints alternate, so the notice and credit rules run. Their first publications are then spread
 * over the past years, as an archive's are.
 */
import type { ImportPlan } from '../../src/plugins/newsroom/server/src/import/plan';

type AnyStrapi = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the booted app, as tests/helpers/strapi.js returns it

const DISTRICTS: Array<[string, string]> = [
  ['普陀区', 'Putuo'],
  ['静安区', "Jing'an"],
  ['闵行区', 'Minhang'],
  ['宝山区', 'Baoshan'],
  ['徐汇区', 'Xuhui'],
  ['长宁区', 'Changning'],
  ['杨浦区', 'Yangpu'],
  ['浦东新区', 'Pudong'],
];
const SYLLABLES_ZH = ['华', '和', '民', '祥', '金', '康', '瑞', '福', '嘉', '永', '春', '晓', '兰', '苑', '东', '方'];
const SYLLABLES_EN = ['Hua', 'He', 'Min', 'Xiang', 'Jin', 'Kang', 'Rui', 'Fu', 'Jia', 'Yong', 'Chun', 'Xiao', 'Lan', 'Yuan', 'Dong', 'Fang'];
const TOPICS_ZH = ['加装电梯', '停车难', '老人助餐', '垃圾分类', '租户管理', '邻里议事', '旧改签约', '社区食堂'];
const TOPICS_EN = [
  'lift installation',
  'parking',
  'meals for the elderly',
  'waste sorting',
  'tenants',
  'residents’ council',
  'renovation',
  'community canteen',
];
export const ARCHIVE_NEIGHBOURHOODS = 200;

/** The neighbourhood of story i: name and district in each language. */
export function archiveNeighbourhood(i: number) {
  const n = i % ARCHIVE_NEIGHBOURHOODS;
  const [zhDistrict, enDistrict] = DISTRICTS[n % DISTRICTS.length];
  const a = n % 16;
  const b = (n >> 4) % 16;
  return {
    zh: { name: `${SYLLABLES_ZH[a]}${SYLLABLES_ZH[b]}${n}号小区`, district: zhDistrict },
    en: { name: `${SYLLABLES_EN[a]}${SYLLABLES_EN[b]} Estate No. ${n}`, district: enDistrict },
  };
}

const blocks = (paragraphs: string[]) => paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/** The title of story i in a locale: unique, so search and by-slug find exactly one. */
export function archiveTitle(i: number, locale: string): string {
  const n = archiveNeighbourhood(i);
  return locale === 'en'
    ? `${n.en.name}: residents tackle ${TOPICS_EN[i % TOPICS_EN.length]} (story ${i})`
    : `${n.zh.name}居民商量${TOPICS_ZH[i % TOPICS_ZH.length]}(第${i}篇)`;
}

export function archivePlan(i: number, locale: 'zh-Hans' | 'en'): ImportPlan {
  const n = archiveNeighbourhood(i);
  const en = locale === 'en';
  const place = en ? n.en : n.zh;
  const households = 400 + ((i * 37) % 1600);
  const reprint = i % 5 === 4;
  const paragraphs = en
    ? [
        `In ${place.district}, ${place.name} has ${households} households, a third of them tenants.`,
        `Residents met this week to discuss ${TOPICS_EN[i % TOPICS_EN.length]}; the neighbourhood committee recorded ${(i % 20) + 3} proposals.`,
        'A quarter of the residents are elderly people living alone, and volunteers visit them every week.',
      ]
    : [
        `${place.district}${place.name}共有居民${households}户,其中三分之一是租户。`,
        `本周,居民们围绕${TOPICS_ZH[i % TOPICS_ZH.length]}展开讨论,居委会记录了${(i % 20) + 3}条建议。`,
        '小区里四分之一是独居老人,志愿者每周上门探访。',
      ];
  return {
    locale,
    article: {
      key: `article:archive:${locale}:${i}`,
      data: {
        title: archiveTitle(i, locale),
        standfirst: paragraphs[0],
        body: blocks(paragraphs),
        bylines: [{ name: en ? 'Zhang Xiaoming' : '张晓鸣', role: 'reporter' }],
        exclusive: !reprint && i % 3 === 0,
        origin: reprint ? { outlet: '新华社', originalDateline: null } : null,
        keywords: null,
        dateline: null,
      },
    },
    neighbourhood: { name: place.name, data: { name: place.name, district: place.district, households, occupiedHouseholds: Math.floor(households * 0.6) } },
    newsItems: [
      {
        key: `news:archive:${locale}:${i}`,
        data: {
          headline: en ? `Related: ${place.name} update ${i}` : `相关:${place.name}第${i}条动态`,
          summary: null,
          outlet: en ? 'Wenhui' : '文汇报',
          dateline: null,
          reporters: null,
        },
      },
    ],
  };
}

/**
 * Writes stories [from, to) in each locale through importBatch (published), in batches; returns the
 * pages that failed (none expected). Then spreads first publications over the years before now.
 */
export async function buildArchive(strapi: AnyStrapi, to: number, { from = 0, locales = ['zh-Hans', 'en'] as Array<'zh-Hans' | 'en'>, batch = 500 } = {}) {
  // The neighbourhood profiles first, published through the Document Service (the importer leaves
  // new profiles as drafts for an editor): stories then link their published versions.
  if (from === 0) {
    for (const locale of locales) {
      for (let n = 0; n < Math.min(to, ARCHIVE_NEIGHBOURHOODS); n++) {
        const place = locale === 'en' ? archiveNeighbourhood(n).en : archiveNeighbourhood(n).zh;
        await strapi.documents('plugin::newsroom.neighbourhood').create({ locale, status: 'published', data: { name: place.name, district: place.district } });
      }
    }
  }
  const importer = strapi.plugin('newsroom').service('importer');
  const session = importer.createSession();
  let failed = 0;
  for (const locale of locales) {
    for (let start = from; start < to; start += batch) {
      const plans = [];
      for (let i = start; i < Math.min(to, start + batch); i++) plans.push(archivePlan(i, locale));
      const results = await importer.importBatch(plans, { publish: true, session });
      failed += results.filter((r: { ok: boolean }) => !r.ok).length;
    }
  }
  await spreadPublicationDates(strapi);
  return { failed };
}

/** One story every 30 minutes back from now, by row id: the newest stories stay in the news window; drafts follow their published rows. */
export async function spreadPublicationDates(strapi: AnyStrapi) {
  const knex = strapi.db.connection;
  const [{ max }] = (await knex('newsroom_articles').max({ max: 'id' })) as Array<{ max: number }>;
  const now = Date.now();
  const client = String(strapi.db.dialect.client);
  if (client === 'postgres') {
    // Seconds as a double: a bound parameter would otherwise be typed integer, too small for milliseconds.
    await knex.raw(
      `UPDATE newsroom_articles SET first_published_at = to_timestamp(?::double precision - (?::integer - id) * 1800.0) WHERE published_at IS NOT NULL`,
      [now / 1000, max],
    );
  } else {
    await knex.raw(`UPDATE newsroom_articles SET first_published_at = ? - (? - id) * 1800000 WHERE published_at IS NOT NULL`, [now, max]);
  }
  // A draft keeps its published version's first publication, as the Document Service leaves it.
  await knex.raw(
    `UPDATE newsroom_articles SET first_published_at = (SELECT p.first_published_at FROM newsroom_articles p
       WHERE p.document_id = newsroom_articles.document_id AND p.locale = newsroom_articles.locale AND p.published_at IS NOT NULL)
     WHERE published_at IS NULL`,
  );
  // A bulk load leaves the planner's statistics behind until autovacuum gets to them (PostgreSQL then
  // estimates a few dozen rows per locale and never picks the search indexes): analyze, as after a restore.
  await knex.raw('ANALYZE');
  strapi.plugin('newsroom').service('read-cache').invalidate('*');
}
