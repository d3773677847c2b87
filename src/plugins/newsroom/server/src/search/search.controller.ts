/**
 * GET /api/newsroom/search (the public: published stories, through the read cache like any public
 * read) and GET /newsroom/search in the admin (editors: drafts too, with ?status=draft).
 */
import { UIDS } from '../content-types/facts';
import { getService, validationError } from '../boundary';
import { mayRead } from '../roles/roles';
import type { Context, Strapi } from '../boundary';
import { SearchInputError, SearchParams, SearchQuery } from './search';

/** Parses a request's search parameters; bad input is Strapi's ValidationError naming the parameter. */
export function searchQuery(strapi: Strapi, params: SearchParams, drafts: boolean): SearchQuery {
  try {
    return getService(strapi, 'search').parse(params, { drafts });
  } catch (err) {
    if (err instanceof SearchInputError) throw validationError([err.problem]);
    throw err;
  }
}

const answer = async (strapi: Strapi, query: SearchQuery) => {
  const { hits, total } = await getService(strapi, 'search').search(query);
  return {
    data: hits,
    meta: { query: query.text, terms: query.terms, locale: query.locale, status: query.status, total, limit: query.limit, offset: query.offset },
  };
};

export default ({ strapi }: { strapi: Strapi }) => ({
  async search(ctx: Context) {
    ctx.body = await answer(strapi, searchQuery(strapi, ctx.query as SearchParams, false));
  },

  async adminSearch(ctx: Context) {
    if (!mayRead(ctx.state, UIDS.article)) return ctx.forbidden('Searching stories needs read access to articles');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await answer(strapi, searchQuery(strapi, ctx.query as SearchParams, true));
  },
});
