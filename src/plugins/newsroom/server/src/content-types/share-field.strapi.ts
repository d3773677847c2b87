import type { Strapi } from '../boundary';
/**
 * Server half of the `plugin::newsroom.share` custom field (the admin half is registered in
 * admin/src/index.tsx). A share is stored as a float in [0, 1]; the admin input accepts 1/3, 33.3 %
 * or 0.333 and writes the fraction.
 *
 * Call registerCustomFields(strapi) from the plugin's register(). The admin already uses the input
 * for neighbourhood tenantShare / elderlyShare without a schema change; this registration is what
 * lets a schema declare `"customField": "plugin::newsroom.share"` (and keeps the Content-Type
 * Builder, which offers every admin-registered custom field, from writing a schema the server
 * cannot load).
 */
import { CUSTOM_FIELDS, SHARE_CUSTOM_FIELD } from './facts';

export { SHARE_CUSTOM_FIELD };

export function registerCustomFields(strapi: Strapi) {
  // Also the plain integer (years), the newsroom-clock time and the word list (facts.ts CUSTOM_FIELDS).
  for (const { uid, ...field } of CUSTOM_FIELDS) {
    if (strapi.get('custom-fields')?.getAll?.()[uid]) continue; // idempotent (tests boot several times)
    strapi.customFields.register({
      ...field,
      inputSize: { default: field.type === 'datetime' ? 6 : 4, isResizable: true },
    });
  }
}
