/**
 * Writes the newsroom's field words (content-types/labels.ts) into the Content Manager's view
 * configuration of the three types and their components at every boot (setup/view-config.ts decides
 * what is still the plugin's to write). What the plugin wrote is kept in its store, so a word the
 * plugin changes later reaches the admin while an admin's own label stays.
 */
import type { Strapi } from '../boundary';
import { ADMIN_LANGUAGES, INTERNAL_FIELDS, WORDS_BY_UID, COMPONENT_UIDS, type FieldWords } from '../content-types/labels';
import { applyFieldWords, type ViewConfiguration, type Written } from './view-config';

const STORE_KEY = 'view-config-written';
/** The view configuration holds one language: English (the admin translates labels to the others). */
const CONFIG_LANGUAGE: (typeof ADMIN_LANGUAGES)[number] = 'en';

interface ConfigurationService {
  findConfiguration(model: unknown): Promise<ViewConfiguration & { uid?: string }>;
  updateConfiguration(model: unknown, configuration: ViewConfiguration): Promise<unknown>;
}

export async function writeViewConfiguration(strapi: Strapi) {
  const contentManager = strapi.plugin('content-manager');
  if (!contentManager) return;
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const record = ((await store.get({ key: STORE_KEY })) as Record<string, Written> | null) ?? {};
  const next: Record<string, Written> = {};
  let updated = 0;
  for (const [uid, fields] of Object.entries(WORDS_BY_UID)) {
    const isComponent = (COMPONENT_UIDS as readonly string[]).includes(uid);
    const model = isComponent ? strapi.components[uid as keyof typeof strapi.components] : strapi.contentType(uid as never);
    if (!model) continue;
    const service = contentManager.service(isComponent ? 'components' : 'content-types') as ConfigurationService;
    const current = await service.findConfiguration(model);
    if (!current?.metadatas) continue;
    const words: Record<string, FieldWords> = Object.fromEntries(Object.entries(fields).map(([field, w]) => [field, w[CONFIG_LANGUAGE]]));
    const { configuration, written, changed } = applyFieldWords(current, words, isComponent ? [] : INTERNAL_FIELDS, record[uid] ?? {});
    next[uid] = written;
    if (!changed) continue;
    // The store merges what it is given over what it holds: only the metadatas change.
    await service.updateConfiguration(model, { metadatas: configuration.metadatas });
    updated += 1;
  }
  await store.set({ key: STORE_KEY, value: next });
  if (updated) strapi.log.info(`[newsroom] view configuration: field words written for ${updated} types and components`);
}
