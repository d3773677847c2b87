/**
 * The plugin's content-type and component schemas as Strapi registers them, keyed by UID. Found by
 * walking server/src (content types: schema.json with a `kind`; components: JSON with a
 * `components_` collection), so a test does not depend on the folder a schema sits in.
 */
import fs from 'fs';
import path from 'path';

export const SERVER_SRC = path.resolve(__dirname, '../../src/plugins/newsroom/server/src');

export interface Schema {
  kind?: string;
  collectionName: string;
  info: { displayName: string; singularName?: string; description?: string };
  attributes: Record<string, any>;
}

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? jsonFiles(p) : e.name.endsWith('.json') ? [p] : [];
  });
}

export function pluginSchemas(): { contentTypes: Record<string, Schema>; components: Record<string, Schema> } {
  const contentTypes: Record<string, Schema> = {};
  const components: Record<string, Schema> = {};
  for (const file of jsonFiles(SERVER_SRC)) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (!json || typeof json !== 'object' || !json.attributes || !json.info) continue;
    if (json.kind && json.info.singularName) contentTypes[`plugin::newsroom.${json.info.singularName}`] = json;
    else if (String(json.collectionName).startsWith('components_')) components[`newsroom.${path.basename(file, '.json')}`] = json;
  }
  return { contentTypes, components };
}
