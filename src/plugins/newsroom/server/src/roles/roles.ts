/**
 * The newsroom's admin roles as data: who may do what on which locales and fields.
 * Field lists are derived from the schemas, so a new field is covered without editing this file.
 */
import { NewsroomKind, TRANSLATED_FIELDS, KINDS, UIDS } from '../content-types/facts';

export interface SchemaLike {
  attributes: Record<string, { type: string; component?: string; private?: boolean }>;
}
export interface AdminPermission {
  action: string;
  subject: string;
  properties: { fields?: string[]; locales?: string[] };
  conditions: string[];
}

export const ROLE_CODES = {
  editor: 'newsroom-editor',
  translator: (locale: string) => `newsroom-translator-${locale.toLowerCase()}`,
};

const CM = 'plugin::content-manager.explorer';

/** The Content Manager's read action: what an admin needs to see a type's stories anywhere in the admin. */
export const CM_READ = `${CM}.read`;

/** What Strapi puts on `ctx.state` that the access rule reads. */
export interface RequestAccess {
  auth?: { strategy?: { name?: string } } | null;
  userAbility?: { can(action: string, subject: string): boolean } | null;
}

/**
 * Whether a request may read a type's stories through a newsroom route. An admin (JWT) needs the Content
 * Manager's read permission on it, as in the Content Manager itself; anything else was already admitted by
 * the route's own auth (an API token's scope). Strapi 5 never sets `ctx.state.isAuthenticatedAdmin`, so
 * the strategy name is what tells an admin request apart.
 */
export function mayRead(request: RequestAccess | null | undefined, uid: string): boolean {
  if (request?.auth?.strategy?.name !== 'admin') return true;
  return request.userAbility?.can(CM_READ, uid) === true;
}

/** Permission field paths of a schema: components expand to `component.field`. */
export function fieldPaths(schema: SchemaLike, componentSchemas: Record<string, SchemaLike>, only?: string[]): string[] {
  const paths: string[] = [];
  for (const [name, attr] of Object.entries(schema.attributes)) {
    if (only && !only.includes(name)) continue;
    if (attr.type === 'component' && attr.component && componentSchemas[attr.component]) {
      for (const sub of Object.keys(componentSchemas[attr.component].attributes)) paths.push(`${name}.${sub}`);
    } else {
      paths.push(name);
    }
  }
  return paths;
}

export function editorPermissions(schemas: Record<NewsroomKind, SchemaLike>, components: Record<string, SchemaLike>, locales: string[]): AdminPermission[] {
  return KINDS.flatMap((kind) => {
    const fields = fieldPaths(schemas[kind], components);
    const withFields: AdminPermission[] = ['create', 'read', 'update'].map((a) => ({
      action: `${CM}.${a}`,
      subject: UIDS[kind],
      properties: { fields, locales },
      conditions: [],
    }));
    const withoutFields: AdminPermission[] = ['delete', 'publish'].map((a) => ({
      action: `${CM}.${a}`,
      subject: UIDS[kind],
      properties: { locales },
      conditions: [],
    }));
    return [...withFields, ...withoutFields];
  });
}

/** Reads everything; writes only its locale, and only the text it translates (plus that locale's slug). */
export function translatorPermissions(
  schemas: Record<NewsroomKind, SchemaLike>,
  components: Record<string, SchemaLike>,
  locales: string[],
  locale: string,
): AdminPermission[] {
  return KINDS.flatMap((kind) => {
    const all = fieldPaths(schemas[kind], components);
    const text = fieldPaths(schemas[kind], components, [...TRANSLATED_FIELDS[kind], 'slug']);
    return [
      { action: `${CM}.read`, subject: UIDS[kind], properties: { fields: all, locales }, conditions: [] },
      // Adding a locale version goes through "create" in the Content Manager.
      { action: `${CM}.create`, subject: UIDS[kind], properties: { fields: text, locales: [locale] }, conditions: [] },
      { action: `${CM}.update`, subject: UIDS[kind], properties: { fields: text, locales: [locale] }, conditions: [] },
    ];
  });
}

const strip = (v: unknown): unknown => {
  // An empty list is no value: a new locale's form sends [] for lists it never had.
  if (Array.isArray(v)) return v.length ? v.map(strip) : null;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort())
      if (!['id', '__temp_key__', 'documentId', '__component'].includes(k)) out[k] = strip((v as Record<string, unknown>)[k]);
    return out;
  }
  return v === undefined || v === '' ? null : v;
};

const relationChange = (v: unknown): boolean =>
  !!v &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  ['connect', 'disconnect', 'set'].some((k) => {
    const list = (v as Record<string, unknown>)[k];
    return Array.isArray(list) && list.length > 0;
  });

/**
 * Fields a submitted body would actually change, compared with what is stored. The admin form
 * sends every field it shows, so "present" is not "changed".
 */
export function changedFields(schema: SchemaLike, body: Record<string, unknown>, stored: Record<string, unknown> | null): string[] {
  const changed: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    const attr = schema.attributes[name];
    if (!attr) continue;
    if (attr.type === 'relation') {
      if (relationChange(value)) changed.push(name);
      continue;
    }
    if (JSON.stringify(strip(value)) !== JSON.stringify(strip(stored?.[name]))) changed.push(name);
  }
  return changed;
}
