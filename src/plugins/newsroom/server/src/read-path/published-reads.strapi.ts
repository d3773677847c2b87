/**
 * The one place every content-API read passes through, REST (lists, detail, by-slug) and GraphQL
 * (root queries, `_connection` totals, nested relation arguments) alike: Strapi's
 * `contentAPI.sanitize.query`, which core controllers, the by-slug lookup and every GraphQL
 * resolver call with the request's auth before they query. Wrapped here so that an anonymous or
 * end-user query that could see a draft, or carries an oversized value, is a 400 naming the path.
 *
 * Also: a database error while reading (a query the database could not run) becomes a 400 with a
 * plain message; its SQL is logged, never answered.
 */
import { draftReadProblems, isDatabaseQueryError, isTokenAuth } from './public-reads';
import type { ModelShape } from './public-reads';
import { isDatabaseUnavailable } from './database-probe.middleware';
import { useDocuments, validationError } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';

type SanitizeQuery = (query: unknown, schema: unknown, options?: { auth?: { strategy?: { name?: string } } }) => Promise<unknown>;

const READS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

export function guardPublicReads(strapi: Strapi) {
  const sanitize = strapi.contentAPI.sanitize as unknown as { query: SanitizeQuery };
  const sanitizeQuery = sanitize.query;
  const getModel = (uid: string) => strapi.getModel(uid as never) as unknown as ModelShape | undefined;
  sanitize.query = async function newsroomPublishedOnly(query, schema, options) {
    const { readPath } = newsroomConfig(strapi);
    if (readPath.enabled && !isTokenAuth(options?.auth)) {
      const problems = draftReadProblems(query, schema as ModelShape | undefined, getModel, readPath.maxFilterValueLength);
      if (problems.length) throw validationError(problems);
    }
    return sanitizeQuery(query, schema, options);
  };

  useDocuments(strapi, async (ctx, next) => {
    if (!READS.has(ctx.action)) return next();
    try {
      return await next();
    } catch (err) {
      if (!isDatabaseQueryError(err) || isDatabaseUnavailable(err)) throw err;
      strapi.log.warn(`[newsroom] a read the database could not run (${ctx.uid} ${ctx.action}): ${String((err as Error)?.message ?? err).slice(0, 500)}`);
      throw validationError([{ path: ['query'], message: 'could not be run: simplify the filters or shorten their values' }]);
    }
  });
}
