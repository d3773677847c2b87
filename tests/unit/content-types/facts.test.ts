/**
 * The facts module and the schemas say the same thing: UIDs, translation status values, byline roles,
 * system-managed and translated fields. A schema edit that is not reflected in content-types/facts.ts fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  BYLINE_READING_ORDER,
  BYLINE_ROLE_LABELS,
  BYLINE_ROLES,
  bylineRoleLabel,
  KINDS,
  LOCALE_STATUSES,
  PLUGIN_ID,
  SYSTEM_FIELDS,
  TRANSLATED_FIELDS,
  TRANSLATION_STATUSES,
  UIDS,
} from '../../../src/plugins/newsroom/server/src/content-types/facts';
import { UIDS as ADMIN_UIDS } from '../../../src/plugins/newsroom/admin/src/pluginId';

const SERVER = path.resolve(__dirname, '../../../src/plugins/newsroom/server/src');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(SERVER, file), 'utf8'));
const schemaOf = (kind: string) => readJson(`content-types/${kind}/schema.json`);

describe('facts match the content-type schemas', () => {
  it('has one UID per content-type folder, named after it', () => {
    const folders = fs
      .readdirSync(path.join(SERVER, 'content-types'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && KINDS.includes(d.name as never))
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      expect(UIDS[kind]).toBe(`plugin::${PLUGIN_ID}.${kind}`);
      expect(schemaOf(kind).info.singularName).toBe(kind);
    }
  });

  it('gives the admin the same UIDs', () => {
    expect(ADMIN_UIDS).toEqual({ article: UIDS.article, neighbourhood: UIDS.neighbourhood, newsItem: UIDS['news-item'] });
  });

  it('lists the translation status values of every schema that stores one', () => {
    for (const kind of KINDS) {
      const attr = schemaOf(kind).attributes.translationStatus;
      expect(attr?.type).toBe('enumeration');
      expect(attr.enum).toEqual([...TRANSLATION_STATUSES]);
    }
    expect(LOCALE_STATUSES).toEqual([...TRANSLATION_STATUSES, 'missing']);
  });

  it('lists the byline roles of the byline component', () => {
    expect(readJson('components/byline.json').attributes.role.enum).toEqual([...BYLINE_ROLES]);
  });

  it('reads every byline role once, each with a title in the default locales and English for any other', () => {
    expect([...BYLINE_READING_ORDER].sort()).toEqual([...BYLINE_ROLES].sort());
    expect(Object.keys(BYLINE_ROLE_LABELS).sort()).toEqual([...BYLINE_ROLES].sort());
    for (const role of BYLINE_ROLES) {
      expect(bylineRoleLabel(role, 'zh-Hans')).toMatch(/\S/);
      expect(bylineRoleLabel(role, 'fr')).toBe(bylineRoleLabel(role, 'en'));
    }
    expect(bylineRoleLabel('responsible-editor', 'zh-Hans')).toBe('责任编辑');
  });

  it('names only fields that exist: system fields on some schema, translated fields on their own, localized', () => {
    const attributes = KINDS.map((kind) => schemaOf(kind).attributes);
    for (const field of SYSTEM_FIELDS) expect(attributes.some((a) => field in a)).toBe(true);
    for (const kind of KINDS) {
      const attrs = schemaOf(kind).attributes;
      for (const field of TRANSLATED_FIELDS[kind]) {
        expect({ kind, field, exists: field in attrs }).toEqual({ kind, field, exists: true });
        expect({ kind, field, localized: attrs[field].pluginOptions?.i18n?.localized }).toEqual({ kind, field, localized: true });
      }
    }
  });
});
