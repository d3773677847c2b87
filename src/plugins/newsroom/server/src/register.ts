import { componentDefinitions } from './components';
import { registerDocumentMiddleware } from './enforcement/document.middleware';
import { registerGraphql } from './read-path/graphql.extension';
import { guardPublicReads } from './read-path/published-reads.strapi';
import { registerSearchGraphql } from './search/search-graphql.strapi';
import { holdBootLock } from './setup/boot-lock.strapi';
import { registerCustomFields } from './content-types/share-field.strapi';
import { registerHistoryGuard } from './workflow/write-hooks.strapi';
import type { Strapi } from './boundary';

export default ({ strapi }: { strapi: Strapi }) => {
  strapi.get('components').add(componentDefinitions());
  registerDocumentMiddleware(strapi);
  guardContentManagerWrites(strapi);
  registerGraphql(strapi);
  guardPublicReads(strapi);
  registerSearchGraphql(strapi);
  holdBootLock(strapi);
  registerCustomFields(strapi);
  registerHistoryGuard(strapi);
};

/** Adds the newsroom's field guard to the Content Manager's create, update and clone routes. */
function guardContentManagerWrites(strapi: Strapi) {
  const routers = strapi.plugin('content-manager')?.routes;
  const routes = (routers && !Array.isArray(routers) ? routers.admin?.routes : undefined) ?? [];
  for (const route of routes) {
    if (!['collection-types.create', 'collection-types.update', 'collection-types.clone', 'collection-types.autoClone'].includes(route.handler as string))
      continue;
    route.config ??= {};
    route.config.policies = [...(route.config.policies ?? []), 'plugin::newsroom.field-guard'];
  }
}
