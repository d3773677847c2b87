// @ts-check
/**
 * The reader preview's own words, per locale. Facts are not here: locales, byline role titles,
 * notice, credit and figures come from the API.
 */

/**
 * @typedef {object} Strings
 * @property {string} language the locale's name in itself, for the language switch
 * @property {string} loading
 * @property {string} notFound
 * @property {string} missingSlug
 * @property {string} failed
 * @property {string} related
 * @property {string} neighbourhood
 * @property {string} households
 * @property {string} occupied
 * @property {string} occupancyRate
 * @property {string} tenants
 * @property {string} elderly
 * @property {string} vacant
 * @property {string} yearBuilt
 * @property {string} asOf
 * @property {string} unavailable
 * @property {string} chart
 * @property {Record<'households' | 'occupied' | 'vacant' | 'tenant' | 'elderly', string>} bars
 * @property {string} separator between a byline's role and its names
 * @property {string} listJoin between names
 * @property {string} corrections
 * @property {Record<string, string>} kinds correction kinds
 * @property {string} previewLabel the preview banner's label
 * @property {string} previewDraft
 * @property {string} previewEmbargoed `{time}` is the embargo's end at the newsroom's offset
 * @property {string} previewPublished
 * @property {string} previewRefused
 */

/** @type {Readonly<Partial<Record<string, Strings>>>} */
const STRINGS = {
  'zh-Hans': {
    language: '中文',
    loading: '加载中…',
    notFound: '未找到已发布的文章。',
    missingSlug: '请在地址中提供 slug,例如 /preview/?slug=…&locale=zh-Hans',
    failed: '无法加载文章:',
    related: '相关新闻',
    neighbourhood: '小区概况',
    households: '总户数',
    occupied: '已入住',
    occupancyRate: '入住率',
    tenants: '估计租户户数',
    elderly: '估计老年户数',
    vacant: '空置户数',
    yearBuilt: '建成年份',
    asOf: '数据截至',
    unavailable: '暂无此语言版本',
    chart: '户数图表',
    bars: { households: '总户数', occupied: '已入住', vacant: '空置', tenant: '租户(估)', elderly: '老年户(估)' },
    separator: ':',
    listJoin: '、',
    corrections: '更正与说明',
    kinds: { correction: '更正', clarification: '说明' },
    previewLabel: '预览',
    previewDraft: '草稿,尚未发布。以下为发布后的样子。',
    previewEmbargoed: '禁发稿件,{time} 前不得发布。以下为发布后的样子。',
    previewPublished: '已发布的版本。',
    previewRefused: '预览链接无效或已过期,请在后台重新打开预览。',
  },
  en: {
    language: 'English',
    loading: 'Loading…',
    notFound: 'No published article with this address.',
    missingSlug: 'Add a slug to the address, e.g. /preview/?slug=…&locale=en',
    failed: 'Could not load the article: ',
    related: 'Related news',
    neighbourhood: 'The neighbourhood',
    households: 'Households',
    occupied: 'Moved in',
    occupancyRate: 'Occupancy rate',
    tenants: 'Est. tenant households',
    elderly: 'Est. elderly households',
    vacant: 'Vacant households',
    yearBuilt: 'Built',
    asOf: 'Figures as of',
    unavailable: 'not available in this language',
    chart: 'Households chart',
    bars: { households: 'Households', occupied: 'Moved in', vacant: 'Vacant', tenant: 'Tenants (est.)', elderly: 'Elderly (est.)' },
    separator: ': ',
    listJoin: ', ',
    corrections: 'Corrections and clarifications',
    kinds: { correction: 'Correction', clarification: 'Clarification' },
    previewLabel: 'Preview',
    previewDraft: 'Draft, not published. This is how it will look once published.',
    previewEmbargoed: 'Embargoed until {time}. This is how it will look once published.',
    previewPublished: 'The published version.',
    previewRefused: 'This preview link is not valid or has expired: open the preview again from the admin.',
  },
};

const ENGLISH = /** @type {Strings} */ (STRINGS.en);

/**
 * The words of a locale; a locale the preview has no words for reads the fallback's (the default
 * locale's), then English.
 * @param {string} locale
 * @param {string} [fallback]
 * @returns {Strings}
 */
export function stringsFor(locale, fallback) {
  return STRINGS[locale] ?? (fallback === undefined ? undefined : STRINGS[fallback]) ?? ENGLISH;
}

/**
 * A locale's name in itself, for the language switch: ours, else the browser's, else the code.
 * @param {string} locale
 * @returns {string}
 */
export function languageName(locale) {
  const own = STRINGS[locale]?.language;
  if (own) return own;
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}
