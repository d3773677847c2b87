/**
 * Writes to newsroom content (content API, Content Manager) and GraphQL mutations are limited per
 * client: a leaked token or a runaway script gets 429s instead of flooding editors' content.
 * The client is the credential Strapi would authenticate (the bearer token, however its scheme is
 * spelled or spaced), else the address; requests whose credential Strapi refused (401/403) are
 * charged to the address too, so inventing tokens buys no fresh allowance.
 */
import { createHash } from 'crypto';
import { parse } from 'graphql';
import { WindowCounter, bearerToken, hasGraphqlMutation, isNewsroomWritePath, routerPath } from './rate-limit';
import { newsroomConfig } from '../boundary';
import type { Strapi, Context } from '../boundary';

export function writeRateLimit(strapi: Strapi) {
  let counter: WindowCounter | null = null;
  let key = '';
  const graphqlEndpoint = () => String(strapi.config.get('plugin::graphql.endpoint', '/graphql')).toLowerCase();

  /**
   * Strapi's body middleware leaves the GraphQL endpoint alone; its route parses the body with
   * koa-bodyparser, which skips a body already parsed. So the same parser, with the GraphQL
   * plugin's own options, runs here first: the mutation is seen, and Apollo reads the same body.
   */
  let graphqlBody: ((ctx: Context, next: () => Promise<void>) => Promise<void>) | null = null;
  const parseGraphqlBody = async (ctx: Context) => {
    if (ctx.request.body !== undefined) return;
    if (!graphqlBody) {
      const options = strapi.plugin('graphql')?.config('bodyParserConfig');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bodyParser = require('koa-bodyparser');
      graphqlBody = bodyParser(options && typeof options === 'object' ? options : undefined);
    }
    await graphqlBody!(ctx, async () => {});
  };

  const isWrite = async (ctx: Context) => {
    if (isNewsroomWritePath(ctx.method, ctx.path)) return true;
    if (ctx.method !== 'POST' || routerPath(ctx.path).replace(/\/+$/, '') !== graphqlEndpoint()) return false;
    // A multipart GraphQL request is an upload mutation (its body is for graphql-upload to read).
    if (ctx.is('multipart')) return true;
    await parseGraphqlBody(ctx);
    return hasGraphqlMutation(ctx.request.body, parse);
  };

  return async (ctx: Context, next: () => Promise<void>) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS') return next();
    const { rateLimit } = newsroomConfig(strapi);
    if (!rateLimit.enabled || !(await isWrite(ctx))) return next();
    const k = `${rateLimit.writesPerWindow}/${rateLimit.windowSeconds}/${rateLimit.maxClients}`;
    if (!counter || key !== k) {
      counter = new WindowCounter(rateLimit.writesPerWindow, rateLimit.windowSeconds * 1000, rateLimit.maxClients);
      key = k;
    }
    const token = bearerToken(ctx.get('authorization'));
    const address = `ip:${ctx.ip}`;
    const client = token ? `token:${createHash('sha256').update(token).digest('base64url').slice(0, 22)}` : address;
    // An address that keeps sending refused credentials is out of allowance whatever token it tries next.
    const wait = (token ? counter.blocked(address) : 0) || counter.hit(client);
    if (wait > 0) {
      ctx.status = 429;
      ctx.set('Retry-After', String(wait));
      ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message: `Too many writes; retry in ${wait} s`, details: {} } };
      return;
    }
    try {
      await next();
    } finally {
      if (token && (ctx.status === 401 || ctx.status === 403)) counter.hit(address);
    }
  };
}
