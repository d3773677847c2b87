/** `newsroomSearch` in GraphQL: the public search (published stories), with REST's parameters and errors. */
import { getService } from '../boundary';
import type { Strapi } from '../boundary';
import { searchQuery } from './search.controller';

interface SearchArgs {
  q: string;
  locale?: string;
  district?: string;
  neighbourhood?: string;
  from?: string;
  to?: string;
  limit?: number;
  page?: number;
}

export function registerSearchGraphql(strapi: Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(() => ({
    typeDefs: `
      type NewsroomSearchHit {
        documentId: ID!
        locale: String!
        slug: String
        title: String!
        standfirst: String
        firstPublishedAt: DateTime
        publishedAt: DateTime
        "HTML-escaped text around the match, each match in <mark>"
        snippet: String!
        "The title holds every term (such hits come first)"
        titleMatch: Boolean!
      }
      type NewsroomSearchResult {
        hits: [NewsroomSearchHit!]!
        total: Int!
      }
      extend type Query {
        "Published stories holding every word of q (Chinese and English), title matches first"
        newsroomSearch(q: String!, locale: String, district: String, neighbourhood: ID, from: String, to: String, limit: Int, page: Int): NewsroomSearchResult!
      }
    `,
    resolvers: {
      Query: {
        newsroomSearch: async (_parent: unknown, args: SearchArgs) => {
          const params = { ...args, limit: args.limit?.toString(), page: args.page?.toString() };
          return getService(strapi, 'search').search(searchQuery(strapi, params, false));
        },
      },
    },
    resolversConfig: { 'Query.newsroomSearch': { auth: false } },
  }));
}
