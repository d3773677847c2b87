import { componentDefinitions } from './components';
import { registerDocumentMiddleware } from './enforcement/document.middleware';
import { registerGraphql } from './read-path/graphql.extension';
import { holdBootLock } from './setup/boot-lock.strapi';
import { registerCustomFields } from './content-types/share-field.strapi';
import { registerHistoryGuard } from './workflow/write-hooks.strapi';

export default ({ strapi }: { strapi: any }) => {
  strapi.get('components').add(componentDefinitions());
  registerDocumentMiddleware(strapi);
  guardContentManagerWrites(strapi);
  registerGraphql(strapi);
  holdBootLock(strapi);
  registerCustomFields(strapi);
  registerHistoryGuard(strapi);
};

/** Adds the newsroom's field guard to the Content Manager's create, update and clone routes. */
function guardContentManagerWrites(strapi: any) {
  const routes = strapi.plugin('content-manager')?.routes?.admin?.routes ?? [];
  for (const route of routes) {
    if (!['collection-types.create', 'collection-types.update', 'collection-types.clone', 'collection-types.autoClone'].includes(route.handler)) continue;
    route.config ??= {};
    route.config.policies = [...(route.config.policies ?? []), 'plugin::newsroom.field-guard'];
  }
}
