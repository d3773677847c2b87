/** Creates the newsroom admin roles idempotently and keeps their permissions as declared in roles/roles.ts. */
import { KINDS, NewsroomKind, UIDS } from '../content-types/facts';
import { ROLE_CODES, SchemaLike, editorPermissions, translatorPermissions } from './roles';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';

export default ({ strapi }: { strapi: Strapi }) => ({
  async ensureRoles() {
    const { locales, defaultLocale } = newsroomConfig(strapi);
    const schemas = Object.fromEntries(KINDS.map((k) => [k, strapi.contentType(UIDS[k])])) as unknown as Record<NewsroomKind, SchemaLike>;
    const components = strapi.components as unknown as Record<string, SchemaLike>;
    const roles = strapi.admin.services.role;
    // On a fresh database the admin plugin may bootstrap after us: let it make its default roles first.
    await roles.createRolesIfNoneExist();
    const wanted = [
      {
        code: ROLE_CODES.editor,
        name: 'Newsroom editor',
        description: 'Creates, edits, publishes and deletes newsroom content in every locale',
        permissions: editorPermissions(schemas, components, locales),
      },
      ...locales
        .filter((l) => l !== defaultLocale)
        .map((l) => ({
          code: ROLE_CODES.translator(l),
          name: `Translator (${l})`,
          description: `Reads everything; edits only the ${l} text of newsroom content; cannot publish`,
          permissions: translatorPermissions(schemas, components, locales, l),
        })),
    ];
    for (const role of wanted) {
      const existing: { id: number } =
        (await dbQuery<{ id: number }>(strapi, 'admin::role').findOne({ where: { code: role.code } })) ??
        (await roles.create({ name: role.name, code: role.code, description: role.description }));
      await roles.assignPermissions(existing.id, role.permissions);
    }
  },
});
