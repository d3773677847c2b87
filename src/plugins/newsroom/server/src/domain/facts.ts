/**
 * The newsroom's facts, one place each, for the server, the admin panels and the CLI. The values
 * mirror the content-type schemas (`content-types/*\/schema.json`, `components/*.json`), and
 * tests/unit/facts.test.ts fails if a schema and this module drift apart. The content types
 * themselves (UIDs, kinds, system-managed and translated fields) are described in `kinds.ts`,
 * re-exported here.
 */
export { PLUGIN_ID, UIDS, KINDS, kindOf, SYSTEM_FIELDS, TRANSLATED_FIELDS, TITLE_FIELD } from './kinds';
export type { NewsroomKind } from './kinds';

/** Stored translation status of a localized row (schema enum `translationStatus`). */
export const TRANSLATION_STATUSES = ['source', 'current', 'stale'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

/** Status of a locale as the translations endpoint reports it: a stored status, or no row at all. */
export const LOCALE_STATUSES = [...TRANSLATION_STATUSES, 'missing'] as const;
export type LocaleStatus = (typeof LOCALE_STATUSES)[number];

/** Byline roles (component `newsroom.byline`, enum `role`). */
export const BYLINE_ROLES = ['reporter', 'editor', 'responsible-editor', 'photographer', 'translator'] as const;
export type BylineRole = (typeof BYLINE_ROLES)[number];
