/**
 * The Content Manager's view configuration of one type or component, with the newsroom's words filled
 * in (labels, descriptions, placeholders) and internal fields off the edit form — without undoing what
 * an admin customised since. A setting is the plugin's to write while it still holds Strapi's default
 * (label = the field name, empty description or placeholder, visible) and the plugin never wrote it,
 * or exactly what the plugin wrote last time; anything else is an admin's choice and stays.
 */
import type { FieldWords } from '../content-types/labels';

type Setting = 'label' | 'description' | 'placeholder' | 'visible';
type Value = string | boolean;

/** What the plugin wrote, per field: `edit.label`, `list.label`, `edit.visible`… */
export type Written = Record<string, Partial<Record<string, Value>>>;

interface Metadata {
  edit?: Partial<Record<Setting, Value>> & Record<string, unknown>;
  list?: Partial<Record<Setting, Value>> & Record<string, unknown>;
}
export interface ViewConfiguration {
  metadatas?: Record<string, Metadata>;
  layouts?: { edit?: Array<Array<{ name: string; size: number }>>; [k: string]: unknown };
  [k: string]: unknown;
}

const STRAPI_DEFAULT = (field: string, setting: Setting): Value => (setting === 'label' ? field : setting === 'visible' ? true : '');

/**
 * The configuration with `words` (English, what the view configuration holds) applied to every field
 * it names and `internal` fields hidden from the edit form; `written` is the record to keep for the
 * next boot. `changed` is false when nothing needed writing.
 */
export function applyFieldWords(
  configuration: ViewConfiguration,
  words: Record<string, FieldWords>,
  internal: readonly string[],
  previous: Written,
): { configuration: ViewConfiguration; written: Written; changed: boolean } {
  const metadatas: Record<string, Metadata> = { ...configuration.metadatas };
  const written: Written = {};
  let changed = false;
  const settle = (field: string, view: 'edit' | 'list', setting: Setting, ours: Value) => {
    const meta = metadatas[field];
    const block = meta?.[view];
    if (!block) return;
    const key = `${view}.${setting}`;
    const current = block[setting] ?? STRAPI_DEFAULT(field, setting);
    const last = previous[field]?.[key];
    // Once written, a setting stays the plugin's only while it holds what the plugin wrote: an admin
    // who puts Strapi's default back (shows an internal field again) has chosen it.
    const ownsIt = last !== undefined ? current === last : current === STRAPI_DEFAULT(field, setting);
    if (!ownsIt) return; // an admin's choice
    (written[field] ??= {})[key] = ours;
    if (current === ours) return;
    metadatas[field] = { ...meta, [view]: { ...block, [setting]: ours } };
    changed = true;
  };
  for (const [field, fieldWords] of Object.entries(words)) {
    if (!metadatas[field]) continue;
    settle(field, 'edit', 'label', fieldWords.label);
    settle(field, 'list', 'label', fieldWords.label);
    // A list view has no description or placeholder; the edit view shows both.
    settle(field, 'edit', 'description', fieldWords.description ?? '');
    settle(field, 'edit', 'placeholder', fieldWords.placeholder ?? '');
  }
  for (const field of internal) settle(field, 'edit', 'visible', false);
  return { configuration: { ...configuration, metadatas }, written, changed };
}
