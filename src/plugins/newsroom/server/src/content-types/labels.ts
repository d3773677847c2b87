/**
 * What an editor reads for each field of the newsroom types and their components, in every admin
 * language: label, description (the hint under the input) and placeholder. The server writes the
 * English words into the Content Manager's view configuration (setup/view-config.strapi.ts); the admin
 * turns them into the message ids the Content Manager asks for in other languages (admin/src/index.tsx).
 * tests/unit/content-types/labels.test.ts fails if a schema field has no words here.
 */
import articleSchema from './article/schema.json';
import neighbourhoodSchema from './neighbourhood/schema.json';
import newsItemSchema from './news-item/schema.json';
import bylineSchema from '../components/byline.json';
import correctionSchema from '../components/correction.json';
import originSchema from '../components/origin.json';
import partnershipSchema from '../components/partnership.json';
import serviceSchema from '../components/service.json';
import { UIDS, type NewsroomKind } from './facts';

/** The admin languages the newsroom speaks (`src/admin/app.tsx` offers zh-Hans next to English). */
export const ADMIN_LANGUAGES = ['en', 'zh-Hans'] as const;
export type AdminLanguage = (typeof ADMIN_LANGUAGES)[number];

export interface FieldWords {
  label: string;
  description?: string;
  placeholder?: string;
}
type Words = Record<AdminLanguage, FieldWords>;

const w = (en: string, zh: string, more: { en?: Omit<FieldWords, 'label'>; zh?: Omit<FieldWords, 'label'> } = {}): Words => ({
  en: { label: en, ...more.en },
  'zh-Hans': { label: zh, ...more.zh },
});

/** Fields an editor never edits: off the edit form (view configuration `visible: false`); the rights panel shows them. */
export const INTERNAL_FIELDS = ['translatedFromHash', 'translatedFrom', 'importKey', 'contentModifiedAt'] as const;

/** Shared by the three types. */
const COMMON = {
  slug: w('URL slug', '网址别名', {
    en: { description: 'Made from the title when empty (pinyin for Chinese); letters, digits and hyphens.', placeholder: 'made from the title' },
    zh: { description: '留空时由标题生成(中文转为拼音);仅限字母、数字和连字符。', placeholder: '由标题生成' },
  }),
  previousSlugs: w('Earlier slugs', '旧网址别名'),
  translationStatus: w('Translation status', '翻译状态'),
  translatedFromHash: w('Source version (internal)', '原文版本(内部)'),
  translatedFrom: w('Source text translated (internal)', '翻译所依据的原文(内部)'),
  importKey: w('Import key (internal)', '导入标识(内部)'),
  creditLine: w('Credit line', '来源署名'),
  dateline: w('Dateline', '电头', { en: { placeholder: 'Shanghai, 2 December' }, zh: { placeholder: '本报讯' } }),
};

export const FIELD_WORDS: Record<NewsroomKind, Record<string, Words>> = {
  article: {
    title: w('Title', '标题', { en: { placeholder: 'The headline readers see' }, zh: { placeholder: '读者看到的标题' } }),
    slug: COMMON.slug,
    previousSlugs: COMMON.previousSlugs,
    column: w('Column', '栏目', { en: { placeholder: 'e.g. City' }, zh: { placeholder: '例如:城事' } }),
    standfirst: w('Standfirst', '导语', {
      en: { description: 'One or two sentences under the title.' },
      zh: { description: '标题下的一两句话。' },
    }),
    body: w('Body', '正文'),
    bylines: w('Bylines', '署名'),
    exclusive: w('Exclusive', '独家', {
      en: { description: 'Our own exclusive story: the reprint notice is added in every locale.' },
      zh: { description: '本报独家稿件:各语言版本自动加上转载声明。' },
    }),
    reprintNotice: w('Reprint notice', '转载声明'),
    creditLine: COMMON.creditLine,
    origin: w('Origin (reprint)', '来源(转载)', {
      en: { description: 'Fill in only when the story comes from another outlet; an exclusive has none.' },
      zh: { description: '仅在稿件来自其他媒体时填写;独家稿件不能有来源。' },
    }),
    embargoUntil: w('Embargo until', '禁发至', {
      en: { description: 'No locale may be published before this time (newsroom time, to the minute).' },
      zh: { description: '此时间之前任何语言版本都不得发布(编辑部时间,精确到分钟)。' },
    }),
    autoPublish: w('Publish when the embargo lifts', '禁发解除时自动发布'),
    keywords: w('Keywords', '关键词', {
      en: { description: 'Separated by commas.', placeholder: 'housing, Putuo' },
      zh: { description: '用逗号或顿号分隔。', placeholder: '住房、普陀' },
    }),
    imageNote: w('Image caption', '图片说明'),
    dateline: COMMON.dateline,
    neighbourhood: w('Neighbourhood', '小区'),
    relatedNews: w('Related news', '相关新闻'),
    corrections: w('Corrections', '更正'),
    firstPublishedAt: w('First published', '首次发布时间', {
      en: { description: 'Set on the first publication; may be moved back, never into the future.' },
      zh: { description: '首次发布时自动设置;可提前,不可晚于现在。' },
    }),
    contentModifiedAt: w('Content last changed', '内容最后修改时间'),
    translationStatus: COMMON.translationStatus,
    translatedFromHash: COMMON.translatedFromHash,
    translatedFrom: COMMON.translatedFrom,
    importKey: COMMON.importKey,
  },
  neighbourhood: {
    name: w('Name', '名称', { en: { placeholder: 'e.g. Huahe Minxiangyuan' }, zh: { placeholder: '例如:华和民祥园' } }),
    slug: COMMON.slug,
    previousSlugs: COMMON.previousSlugs,
    district: w('District', '区'),
    subdistrict: w('Subdistrict', '街道'),
    yearBuilt: w('Year built', '建成年份', { en: { placeholder: 'e.g. 2021' }, zh: { placeholder: '例如:2021' } }),
    kind: w('Kind of housing', '房屋类型'),
    households: w('Households', '总户数'),
    occupiedHouseholds: w('Households moved in', '已入住户数', {
      en: { description: 'At most the number of households.' },
      zh: { description: '不超过总户数。' },
    }),
    tenantShare: w('Tenant share', '租户比例'),
    elderlyShare: w('Elderly share', '老年住户比例'),
    figuresAsOf: w('Figures as of', '数据截至'),
    partySecretary: w('Party secretary', '党支部书记'),
    services: w('Community services', '社区服务'),
    partnerships: w('Partnerships', '共建单位'),
    description: w('Description', '简介'),
    articles: w('Articles', '相关文章'),
    translationStatus: COMMON.translationStatus,
    translatedFromHash: COMMON.translatedFromHash,
    translatedFrom: COMMON.translatedFrom,
    importKey: COMMON.importKey,
  },
  'news-item': {
    headline: w('Headline', '标题'),
    slug: COMMON.slug,
    previousSlugs: COMMON.previousSlugs,
    summary: w('Summary', '摘要'),
    outlet: w('Outlet', '媒体', { en: { placeholder: 'e.g. Xinhua' }, zh: { placeholder: '例如:新华社' } }),
    dateline: COMMON.dateline,
    reporters: w('Reporters', '记者', { en: { description: 'Names separated by commas.' }, zh: { description: '姓名用逗号或顿号分隔。' } }),
    publishedDate: w('Published on', '发布日期'),
    url: w('Link', '链接', { en: { placeholder: 'https://' }, zh: { placeholder: 'https://' } }),
    creditLine: COMMON.creditLine,
    articles: w('Articles', '相关文章'),
    translationStatus: COMMON.translationStatus,
    translatedFromHash: COMMON.translatedFromHash,
    translatedFrom: COMMON.translatedFrom,
    importKey: COMMON.importKey,
  },
};

export const COMPONENT_UIDS = ['newsroom.byline', 'newsroom.correction', 'newsroom.origin', 'newsroom.partnership', 'newsroom.service'] as const;
export type ComponentUid = (typeof COMPONENT_UIDS)[number];

export const COMPONENT_FIELD_WORDS: Record<ComponentUid, Record<string, Words>> = {
  'newsroom.byline': { name: w('Name', '姓名'), role: w('Role', '职务') },
  'newsroom.correction': {
    text: w('Text', '内容'),
    kind: w('Kind', '类型'),
    date: w('Date', '日期'),
  },
  'newsroom.origin': {
    outlet: w('Outlet', '来源媒体', { en: { placeholder: 'e.g. Xinhua' }, zh: { placeholder: '例如:新华社' } }),
    url: w('Link', '原文链接', { en: { placeholder: 'https://' }, zh: { placeholder: 'https://' } }),
    originalDateline: w('Original dateline', '原电头'),
    originalDate: w('Original date', '原发日期'),
  },
  'newsroom.partnership': { partner: w('Partner', '共建单位'), focus: w('Focus', '共建内容') },
  'newsroom.service': { name: w('Service', '服务项目'), schedule: w('Schedule', '时间'), audience: w('For whom', '服务对象') },
};

/** Display names (the Content Manager asks for them by their English name). */
export const TYPE_NAMES: Record<NewsroomKind | ComponentUid, Record<AdminLanguage, string>> = {
  article: { en: 'Article', 'zh-Hans': '文章' },
  neighbourhood: { en: 'Neighbourhood', 'zh-Hans': '小区' },
  'news-item': { en: 'News item', 'zh-Hans': '新闻' },
  'newsroom.byline': { en: 'Byline', 'zh-Hans': '署名' },
  'newsroom.correction': { en: 'Correction', 'zh-Hans': '更正' },
  'newsroom.origin': { en: 'Origin', 'zh-Hans': '来源' },
  'newsroom.partnership': { en: 'Partnership', 'zh-Hans': '共建' },
  'newsroom.service': { en: 'Community service', 'zh-Hans': '社区服务' },
};

/** Enumeration values (the Content Manager asks for each option by its value). */
export const ENUM_WORDS: Record<string, Record<AdminLanguage, string>> = {
  source: { en: 'source', 'zh-Hans': '原文' },
  current: { en: 'current', 'zh-Hans': '已同步' },
  stale: { en: 'stale', 'zh-Hans': '待更新' },
  reporter: { en: 'reporter', 'zh-Hans': '记者' },
  editor: { en: 'editor', 'zh-Hans': '编辑' },
  'responsible-editor': { en: 'responsible editor', 'zh-Hans': '责任编辑' },
  photographer: { en: 'photographer', 'zh-Hans': '摄影' },
  translator: { en: 'translator', 'zh-Hans': '翻译' },
  correction: { en: 'correction', 'zh-Hans': '更正' },
  clarification: { en: 'clarification', 'zh-Hans': '说明' },
};

/** Columns Strapi adds to every type's list view (the Content Manager asks for them like fields). */
export const SYSTEM_COLUMN_WORDS: Record<string, Record<AdminLanguage, string>> = {
  id: { en: 'ID', 'zh-Hans': 'ID' },
  documentId: { en: 'Document ID', 'zh-Hans': '文档 ID' },
  createdAt: { en: 'Created', 'zh-Hans': '创建时间' },
  updatedAt: { en: 'Updated', 'zh-Hans': '更新时间' },
  publishedAt: { en: 'Published', 'zh-Hans': '发布时间' },
  createdBy: { en: 'Created by', 'zh-Hans': '创建者' },
  updatedBy: { en: 'Updated by', 'zh-Hans': '更新者' },
  locale: { en: 'Locale', 'zh-Hans': '语言' },
};

/** The schemas' attributes, to check the words above cover every field. */
export const SCHEMA_FIELDS: Record<NewsroomKind | ComponentUid, string[]> = {
  article: Object.keys(articleSchema.attributes),
  neighbourhood: Object.keys(neighbourhoodSchema.attributes),
  'news-item': Object.keys(newsItemSchema.attributes),
  'newsroom.byline': Object.keys(bylineSchema.attributes),
  'newsroom.correction': Object.keys(correctionSchema.attributes),
  'newsroom.origin': Object.keys(originSchema.attributes),
  'newsroom.partnership': Object.keys(partnershipSchema.attributes),
  'newsroom.service': Object.keys(serviceSchema.attributes),
};

/** The words of every field of a type or component, by UID as the Content Manager names them. */
export const WORDS_BY_UID: Record<string, Record<string, Words>> = {
  ...Object.fromEntries(Object.entries(FIELD_WORDS).map(([kind, words]) => [UIDS[kind as NewsroomKind], words])),
  ...COMPONENT_FIELD_WORDS,
};

/**
 * The messages the Content Manager asks of our types in one admin language: field labels
 * (`content-manager.content-types.<uid>.<field>`, edit form and list headers;
 * `content-manager.components.<uid>.<field>` inside components), display names, enum
 * options. English is left to the view configuration (react-intl falls back to it without an error
 * there), so a label an admin customised keeps showing in English.
 */
export function contentManagerMessages(language: string): Record<string, string> {
  if (language === 'en' || !(ADMIN_LANGUAGES as readonly string[]).includes(language)) return {};
  const lang = language as AdminLanguage;
  const messages: Record<string, string> = {};
  for (const [uid, fields] of Object.entries(WORDS_BY_UID)) {
    // Components' fields are asked as `content-manager.components.<uid>.<field>`.
    const prefix = (COMPONENT_UIDS as readonly string[]).includes(uid) ? 'components' : 'content-types';
    for (const [field, words] of Object.entries(fields)) messages[`content-manager.${prefix}.${uid}.${field}`] = words[lang].label;
  }
  for (const kind of Object.keys(FIELD_WORDS) as NewsroomKind[]) {
    for (const [column, words] of Object.entries(SYSTEM_COLUMN_WORDS)) messages[`content-manager.content-types.${UIDS[kind]}.${column}`] = words[lang];
  }
  for (const names of Object.values(TYPE_NAMES)) messages[names.en] = names[lang];
  for (const [value, words] of Object.entries(ENUM_WORDS)) messages[value] = words[lang];
  return messages;
}
