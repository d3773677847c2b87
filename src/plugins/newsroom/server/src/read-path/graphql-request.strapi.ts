/**
 * The GraphQL endpoint as the newsroom's middlewares see it, before Strapi's route runs: whether a
 * request is for it, and its body parsed once (the route's own parser then reuses it).
 */
import { routerPath } from './rate-limit';
import type { Strapi, Context } from '../boundary';

type BodyParser = (ctx: Context, next: () => Promise<void>) => Promise<void>;

export function graphqlRequests(strapi: Strapi) {
  const endpoint = () => String(strapi.config.get('plugin::graphql.endpoint', '/graphql')).toLowerCase();
  /**
   * Strapi's body middleware leaves the GraphQL endpoint alone; its route parses the body with
   * koa-bodyparser, which skips a body already parsed. So the same parser, with the GraphQL
   * plugin's own options, runs here first and Apollo reads the same body.
   */
  let parser: BodyParser | null = null;
  return {
    isGraphql: (ctx: Context) => !!strapi.plugin('graphql') && routerPath(ctx.path).replace(/\/+$/, '') === endpoint(),
    async parseBody(ctx: Context) {
      if (ctx.request.body !== undefined) return;
      if (!parser) {
        const options = strapi.plugin('graphql')?.config('bodyParserConfig');
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const bodyParser = require('koa-bodyparser');
        parser = bodyParser(options && typeof options === 'object' ? options : undefined) as BodyParser;
      }
      await parser(ctx, async () => {});
    },
  };
}
