/**
 * GraphQL documents too large, or with too many fragment spreads, are refused before Apollo
 * parses or validates them (400, GRAPHQL_VALIDATION_FAILED): no rule ever walks them. The check
 * reads tokens only, in time linear in the text (`graphqlLimits` in the plugin's options).
 */
import { documentGateProblem } from './graphql-limits';
import { graphqlRequests } from './graphql-request.strapi';
import { newsroomConfig } from '../config/options';
import type { Strapi, Context } from '../boundary';

/** The query texts of a GraphQL request: `?query=` on GET, the body (one operation or a batch) on POST. */
function queryTexts(ctx: Context): string[] {
  const fromQuery = ctx.query?.query;
  const texts = (Array.isArray(fromQuery) ? fromQuery : [fromQuery]).filter((q): q is string => typeof q === 'string');
  const body = (ctx.request as { body?: unknown }).body;
  for (const op of Array.isArray(body) ? body : [body]) {
    const q = op && typeof op === 'object' ? (op as Record<string, unknown>).query : undefined;
    if (typeof q === 'string') texts.push(q);
  }
  return texts;
}

export function graphqlGate(strapi: Strapi) {
  const graphql = graphqlRequests(strapi);
  return async (ctx: Context, next: () => Promise<void>) => {
    if (!graphql.isGraphql(ctx) || (ctx.method !== 'GET' && ctx.method !== 'POST')) return next();
    // A multipart request is an upload: graphql-upload reads its body, and Strapi's own size limit applies.
    if (ctx.method === 'POST' && !ctx.is('multipart')) await graphql.parseBody(ctx);
    const gate = newsroomConfig(strapi).graphqlLimits;
    for (const text of queryTexts(ctx)) {
      const problem = documentGateProblem(text, gate);
      if (!problem) continue;
      ctx.status = 400;
      ctx.body = { errors: [{ message: problem, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] };
      return;
    }
    return next();
  };
}
