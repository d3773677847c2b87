/**
 * Content Manager writes by a role limited to some fields or locales: Strapi would silently drop
 * the forbidden changes; the newsroom refuses them with a 403 naming the fields, so a translator
 * knows the figures or flags were not theirs to change.
 */
import { errors } from '@strapi/utils';
import { kindOf, SHARED_FIELDS, STAMPED_FIELDS, SYSTEM_FIELDS, UIDS } from '../content-types/facts';
import { changedFields } from '../roles/roles';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { PolicyContext, Row, Strapi } from '../boundary';

const IGNORED = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'status',
  ...SYSTEM_FIELDS,
  // The edit view sends them back as it read them (a clone posts the whole form): never the client's to set.
  ...STAMPED_FIELDS,
]);

const CREATE = 'plugin::content-manager.explorer.create';
const CLONES = new Set(['collection-types.clone', 'collection-types.autoClone']);

/**
 * The locale the write goes to, taken where i18n takes it: its Content Manager middleware has
 * already resolved `query.locale || body.locale` into `body.locale` (and emptied the query); the
 * admin's own `plugins[i18n][locale]` and the original URL are read when it has not run.
 */
export function writeLocale(policyContext: PolicyContext, defaultLocale: string): string {
  const body = policyContext.request?.body ?? {};
  const query: Row = policyContext.query ?? policyContext.request?.query ?? {};
  const original = new URL(policyContext.originalUrl ?? '/', 'http://localhost').searchParams;
  const candidates = [
    query.locale,
    body.locale,
    (query.plugins as { i18n?: { locale?: unknown } } | undefined)?.i18n?.locale,
    original.get('locale'),
    original.get('plugins[i18n][locale]'),
  ];
  const found = candidates.find((c) => typeof c === 'string' && c !== '');
  return found ?? defaultLocale;
}

export default async (policyContext: PolicyContext, _config: unknown, { strapi }: { strapi: Strapi }) => {
  const model = policyContext.params?.model;
  const kind = kindOf(model);
  const ability = policyContext.state?.userAbility;
  if (!kind || !ability) return true;
  const locale = writeLocale(policyContext, newsroomConfig(strapi).defaultLocale);
  const handler: string = policyContext.state?.route?.handler ?? '';
  const cloning = CLONES.has(handler) || /\/(auto-)?clone\//.test(policyContext.request?.path ?? '');
  const documentId = cloning ? policyContext.params?.sourceId : policyContext.params?.id;
  const body = policyContext.request?.body ?? {};
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model });

  let own: Row | null = null;
  let stored: Row = {};
  if (documentId) {
    const drafts = await dbQuery(strapi, UIDS[kind]).findMany({ where: { documentId, publishedAt: null }, populate: true });
    own = drafts.find((r: Row) => r.locale === locale) ?? null;
    // A clone is a new document: it is created in the locale, whatever the source holds.
    if (cloning) own = null;
    stored = own ?? { ...(drafts[0] ?? {}), locale };
    if (!own) {
      // A new locale version starts empty for localized fields: only non-localized ones are "stored".
      for (const name of Object.keys(strapi.contentType(UIDS[kind]).attributes)) if (!SHARED_FIELDS[kind].includes(name)) delete stored[name];
    }
  }
  // Creating a document (or a locale version, or a clone) in a locale the role may not create in.
  if (!own && checker.cannot(CREATE, { locale })) {
    throw new errors.PolicyError(`Your role may not create ${kind} documents in ${locale}`, { locale, action: cloning ? 'clone' : 'create' });
  }
  const schema = strapi.contentType(UIDS[kind]);
  const submitted = Object.fromEntries(Object.entries(body).filter(([k]) => !IGNORED.has(k)));
  const changed = changedFields(schema, submitted, documentId ? stored : null);
  if (!changed.length) return true;

  const action = own ? 'plugin::content-manager.explorer.update' : CREATE;
  const entity = { ...stored, locale };
  const allowed = (field: string) => {
    const attr = schema.attributes[field];
    const paths = attr?.type === 'component' ? Object.keys(strapi.components[attr.component]?.attributes ?? {}).map((s) => `${field}.${s}`) : [field];
    return paths.some((p) => !checker.cannot(action, entity, p));
  };
  const forbidden = changed.filter((f) => !allowed(f));
  if (forbidden.length) {
    throw new errors.PolicyError(`Your role may not change ${forbidden.join(', ')} in ${locale}`, { fields: forbidden, locale });
  }
  return true;
};
