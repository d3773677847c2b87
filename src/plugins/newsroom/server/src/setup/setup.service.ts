/** Idempotent boot-time setup: locales, public read permissions, a lock so one instance runs boot work. */
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';
import { KINDS } from '../content-types/facts';

/** What anyone may call: reads of published content (drafts are refused by the published-only policy, previews need a token). */
export const PUBLIC_ACTIONS: Array<[string, string]> = [
  ...KINDS.flatMap((kind) => ['find', 'findOne', 'bySlug', 'jsonld', 'ninjs'].map((a) => [kind, a] as [string, string])),
  ['feeds', 'feed'],
  ['feeds', 'sitemap'],
  ['feeds', 'newsSitemap'],
  ['feeds', 'sitemapPage'],
  ['search', 'search'],
  // The signed preview route: reachable as the public is (so it is sanitized as the public by-slug
  // route is); its token, not this permission, opens a draft.
  ['preview', 'open'],
];

export default ({ strapi }: { strapi: Strapi }) => ({
  async ensureLocales() {
    const config = newsroomConfig(strapi);
    const locales = strapi.plugin('i18n').service('locales');
    for (const code of config.locales) {
      if (!(await locales.findByCode(code))) {
        await locales.create({ code, name: config.localeNames[code] ?? code });
        strapi.log.info(`[newsroom] created locale ${code}`);
      }
    }
    if ((await locales.getDefaultLocale()) !== config.defaultLocale) {
      await locales.setDefaultLocale({ code: config.defaultLocale });
    }
  },

  /** Public may read published newsroom content; nothing else (documented in the plugin README). */
  async ensurePublicPermissions() {
    const roles = dbQuery<{ id: number }>(strapi, 'plugin::users-permissions.role');
    // On a fresh database users-permissions may bootstrap after us: its (idempotent) init makes the roles.
    if (!(await roles.findOne({ where: { type: 'public' } }))) {
      await strapi.plugin('users-permissions')?.service('users-permissions').initialize();
    }
    // Signed-in readers get what the public gets, nothing more.
    for (const type of ['public', 'authenticated']) {
      const role = await roles.findOne({ where: { type } });
      if (role) await this.grant(role.id);
    }
  },

  async grant(roleId: number) {
    const wanted = PUBLIC_ACTIONS.filter(([controller, action]) => strapi.plugin('newsroom').controller(controller)?.[action]).map(
      ([controller, action]) => `plugin::newsroom.${controller}.${action}`,
    );
    const query = dbQuery<{ action: string }>(strapi, 'plugin::users-permissions.permission');
    const existing = new Set((await query.findMany({ where: { role: roleId, action: { $in: wanted } }, select: ['action'] })).map((p) => p.action));
    for (const action of wanted) if (!existing.has(action)) await query.create({ data: { action, role: roleId } });
  },
});
