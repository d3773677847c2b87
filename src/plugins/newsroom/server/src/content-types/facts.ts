/**
 * The newsroom's facts, one place each, for the server, the admin panels, the preview and the CLI:
 * content-type UIDs, which fields are translated, shared by every locale or managed by the system,
 * status values and byline roles. They are read from, or checked against, the content-type schemas
 * beside this file (`*\/schema.json`, `../components/*.json`): tests/unit/content-types/facts.test.ts
 * fails if a schema and this module drift apart.
 */
import articleSchema from './article/schema.json';
import neighbourhoodSchema from './neighbourhood/schema.json';
import newsItemSchema from './news-item/schema.json';

export type NewsroomKind = 'article' | 'neighbourhood' | 'news-item';

export const PLUGIN_ID = 'newsroom';

export const UIDS = {
  article: 'plugin::newsroom.article',
  neighbourhood: 'plugin::newsroom.neighbourhood',
  'news-item': 'plugin::newsroom.news-item',
} as const satisfies Record<NewsroomKind, string>;

export const KINDS = Object.keys(UIDS) as NewsroomKind[];

/** Each kind's plural, as its REST routes name it (`/api/newsroom/news-items`): the schemas' `pluralName`. */
export const PLURAL_NAMES = {
  article: articleSchema.info.pluralName,
  neighbourhood: neighbourhoodSchema.info.pluralName,
  'news-item': newsItemSchema.info.pluralName,
} as const satisfies Record<NewsroomKind, string>;

/** The kind a REST path segment names (`articles` → article), or undefined. */
export const kindOfPlural = (plural: string): NewsroomKind | undefined => KINDS.find((kind) => PLURAL_NAMES[kind] === plural);

/** The partner delivery log (content-types/delivery), written by the system only. */
export const DELIVERY_UID = 'plugin::newsroom.delivery';

/**
 * The custom field for shares (neighbourhood tenantShare, elderlyShare): a float in [0, 1], registered
 * by the server (share-field.strapi.ts) and the admin (its input).
 */
export const SHARE_CUSTOM_FIELD = { name: 'share', plugin: PLUGIN_ID, type: 'float', uid: `plugin::${PLUGIN_ID}.share` } as const;

/** A whole number read as written, without digit grouping: years and identifiers (`yearBuilt` 2021, not "2,021"). */
export const PLAIN_INTEGER_CUSTOM_FIELD = { name: 'plain-integer', plugin: PLUGIN_ID, type: 'integer', uid: `plugin::${PLUGIN_ID}.plain-integer` } as const;

/** A time on the newsroom's clock (config `utcOffset`), to the minute, whatever the browser's time zone. */
export const NEWSROOM_TIME_CUSTOM_FIELD = { name: 'newsroom-time', plugin: PLUGIN_ID, type: 'datetime', uid: `plugin::${PLUGIN_ID}.newsroom-time` } as const;

/** A JSON list of words typed as one line (`住房、普陀`): keywords, reporters. */
export const WORD_LIST_CUSTOM_FIELD = { name: 'word-list', plugin: PLUGIN_ID, type: 'json', uid: `plugin::${PLUGIN_ID}.word-list` } as const;

export const CUSTOM_FIELDS = [SHARE_CUSTOM_FIELD, PLAIN_INTEGER_CUSTOM_FIELD, NEWSROOM_TIME_CUSTOM_FIELD, WORD_LIST_CUSTOM_FIELD] as const;

/** The admin's inputs for fields the schemas keep plain (no schema change): field → custom field. */
export const ADMIN_INPUTS: Record<NewsroomKind, Record<string, string>> = {
  article: {
    embargoUntil: NEWSROOM_TIME_CUSTOM_FIELD.uid,
    firstPublishedAt: NEWSROOM_TIME_CUSTOM_FIELD.uid,
    keywords: WORD_LIST_CUSTOM_FIELD.uid,
  },
  neighbourhood: { yearBuilt: PLAIN_INTEGER_CUSTOM_FIELD.uid, tenantShare: SHARE_CUSTOM_FIELD.uid, elderlyShare: SHARE_CUSTOM_FIELD.uid },
  'news-item': { reporters: WORD_LIST_CUSTOM_FIELD.uid },
};

export function kindOf(uid: string | undefined): NewsroomKind | null {
  if (!uid || !uid.startsWith('plugin::newsroom.')) return null;
  const kind = uid.slice('plugin::newsroom.'.length) as NewsroomKind;
  return kind in UIDS ? kind : null;
}

/** The field a slug is made from, and the one that must never be empty. */
export const TITLE_FIELD: Record<NewsroomKind, string> = {
  article: 'title',
  neighbourhood: 'name',
  'news-item': 'headline',
};

/** Localized text a translator translates: a change here makes other locales stale. */
export const TRANSLATED_FIELDS: Record<NewsroomKind, string[]> = {
  article: ['title', 'column', 'standfirst', 'body', 'bylines', 'keywords', 'imageNote', 'dateline'],
  neighbourhood: ['name', 'district', 'subdistrict', 'kind', 'partySecretary', 'services', 'partnerships', 'description'],
  'news-item': ['headline', 'summary', 'dateline', 'reporters'],
};

/** Components to populate when a row is judged by the rules. */
export const RULE_POPULATE: Record<NewsroomKind, string[]> = {
  article: ['origin', 'bylines'],
  neighbourhood: ['services', 'partnerships'],
  'news-item': [],
};

/** Fields the system manages: whatever a client sends here is replaced. */
export const SYSTEM_FIELDS = ['reprintNotice', 'creditLine', 'translationStatus', 'translatedFromHash', 'translatedFrom', 'previousSlugs'] as const;

/** Fields the workflow stamps on every write (workflow/write-hooks.strapi.ts): whatever a client sends is dropped. */
export const STAMPED_FIELDS = ['contentModifiedAt'] as const;

/** Stored translation status of a localized row (schema enum `translationStatus`). */
export const TRANSLATION_STATUSES = ['source', 'current', 'stale'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

/** Status of a locale as the translations endpoint reports it: a stored status, or no row at all. */
export const LOCALE_STATUSES = [...TRANSLATION_STATUSES, 'missing'] as const;
export type LocaleStatus = (typeof LOCALE_STATUSES)[number];

/** Byline roles (component `newsroom.byline`, enum `role`). */
export const BYLINE_ROLES = ['reporter', 'editor', 'responsible-editor', 'photographer', 'translator'] as const;
export type BylineRole = (typeof BYLINE_ROLES)[number];

/** The order a byline reads in, whatever order the editor entered the names (the reader preview). */
export const BYLINE_READING_ORDER = ['reporter', 'photographer', 'translator', 'editor', 'responsible-editor'] as const satisfies readonly BylineRole[];

/** A byline role's title per locale: JSON-LD `jobTitle`, the reader preview's bylines (via GET /api/newsroom/facts). */
export const BYLINE_ROLE_LABELS: Record<BylineRole, Record<string, string>> = {
  reporter: { 'zh-Hans': '记者', en: 'Reporter' },
  photographer: { 'zh-Hans': '摄影', en: 'Photographer' },
  translator: { 'zh-Hans': '翻译', en: 'Translator' },
  editor: { 'zh-Hans': '编辑', en: 'Editor' },
  'responsible-editor': { 'zh-Hans': '责任编辑', en: 'Responsible editor' },
};

/** The role's title in a locale; a locale without its own title reads the English one. */
export const bylineRoleLabel = (role: BylineRole, locale: string): string => BYLINE_ROLE_LABELS[role][locale] ?? BYLINE_ROLE_LABELS[role].en;

type Attributes = Record<string, { type: string; pluginOptions?: { i18n?: { localized?: boolean } } }>;
const SCHEMA_ATTRIBUTES: Record<NewsroomKind, Attributes> = {
  article: articleSchema.attributes as Attributes,
  neighbourhood: neighbourhoodSchema.attributes as Attributes,
  'news-item': newsItemSchema.attributes as Attributes,
};

/**
 * Fields every locale of a document shares, read from the schemas: those marked `localized: false`,
 * which Strapi's i18n copies to every locale. Relations are always per locale in Strapi 5 (each
 * locale links the neighbourhood and related news of its own language), so they are never here.
 */
export const SHARED_FIELDS: Record<NewsroomKind, string[]> = Object.fromEntries(
  KINDS.map((kind) => [
    kind,
    Object.entries(SCHEMA_ATTRIBUTES[kind])
      .filter(([, attr]) => attr.pluginOptions?.i18n?.localized === false)
      .map(([name]) => name),
  ]),
) as Record<NewsroomKind, string[]>;

/** JSON fields of each kind, read from the schemas (their nesting is bounded on every write). */
export const JSON_FIELDS: Record<NewsroomKind, string[]> = Object.fromEntries(
  KINDS.map((kind) => [
    kind,
    Object.entries(SCHEMA_ATTRIBUTES[kind])
      .filter(([, attr]) => attr.type === 'json')
      .map(([name]) => name),
  ]),
) as Record<NewsroomKind, string[]>;

/** Rich-text (`blocks`) fields, read from the schemas: kept, diffed and translated paragraph by paragraph. */
export const RICH_TEXT_FIELDS: Record<NewsroomKind, string[]> = Object.fromEntries(
  KINDS.map((kind) => [
    kind,
    Object.entries(SCHEMA_ATTRIBUTES[kind])
      .filter(([, attr]) => attr.type === 'blocks')
      .map(([name]) => name),
  ]),
) as Record<NewsroomKind, string[]>;
