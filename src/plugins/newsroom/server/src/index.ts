import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import policies from './policies';
import { readPathMiddleware } from './read-path/front-door.middleware';
import type { Strapi } from './boundary';

export default {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  policies,
  // Listed first in the host app's config/middlewares.ts as `plugin::newsroom.read-path`.
  middlewares: { 'read-path': (_config: unknown, { strapi }: { strapi: Strapi }) => readPathMiddleware(strapi) },
};
