/**
 * The plugin's components. Strapi 5 loads components only from the app's src/components, so the
 * plugin registers its own in `register()` under the `newsroom` category.
 */
import byline from './byline.json';
import origin from './origin.json';
import service from './service.json';
import partnership from './partnership.json';
import correction from './correction.json';

const schemas: Record<string, unknown> = { byline, origin, service, partnership, correction };

export const CATEGORY = 'newsroom';

export function componentDefinitions() {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const uid = `${CATEGORY}.${name}`;
    const copy = JSON.parse(JSON.stringify(schema));
    out[uid] = Object.assign(copy, {
      __schema__: JSON.parse(JSON.stringify(schema)),
      uid,
      category: CATEGORY,
      modelType: 'component',
      modelName: name,
      globalId: `ComponentNewsroom${name[0].toUpperCase()}${name.slice(1)}`,
    });
  }
  return out;
}
