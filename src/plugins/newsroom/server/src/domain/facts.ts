/**
 * The newsroom's facts, one place each, for the server, the admin panels and the CLI. The values
 * mirror the content-type schemas (`content-types/*\/schema.json`, `components/*.json`), and
 * tests/unit/facts.test.ts fails if a schema and this module drift apart. The content types
 * themselves (UIDs, kinds, system-managed and translated fields) are described in `kinds.ts`,
 * re-exported here.
 */
export { PLUGIN_ID, UIDS, KINDS, kindOf, SYSTEM_FIELDS, TRANSLATED_FIELDS, TITLE_FIELD } from './kinds';
export type { NewsroomKind } from './kinds';
import { PLUGIN_ID } from './kinds';

/**
 * The custom field for shares (neighbourhood tenantShare, elderlyShare): a float in [0, 1], registered
 * by the server (custom-fields.ts) and the admin (its input).
 */
export const SHARE_CUSTOM_FIELD = { name: 'share', plugin: PLUGIN_ID, type: 'float', uid: `plugin::${PLUGIN_ID}.share` } as const;

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
