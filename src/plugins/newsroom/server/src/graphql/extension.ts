/** GraphQL additions: computed neighbourhood figures, an article's JSON-LD, and the cost limit. */
import { computeFigures } from '../domain/figures';
import { queryLimitsRule } from './limits';

export function registerGraphql(strapi: any) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const rules = strapi.config.get('plugin::graphql.apolloServer.validationRules', []);
  strapi.config.set('plugin::graphql.apolloServer.validationRules', [...rules, queryLimitsRule({ maxAliases: 50, maxFields: 1000 })]);

  graphql.service('extension').use(() => ({
    typeDefs: `
      type NewsroomNeighbourhoodFigures {
        occupancyRate: Float
        estimatedTenantHouseholds: Int
        estimatedElderlyHouseholds: Int
        vacantHouseholds: Int
      }
      extend type NewsroomNeighbourhood {
        "Computed from the stored figures, never stored"
        figures: NewsroomNeighbourhoodFigures
      }
      extend type NewsroomArticle {
        "schema.org NewsArticle for this locale, with the enforced notice as copyrightNotice"
        jsonLd: JSON
      }
    `,
    resolvers: {
      NewsroomNeighbourhood: {
        figures: (parent: any) => computeFigures(parent),
      },
      NewsroomArticle: {
        jsonLd: (parent: any) => strapi.plugin('newsroom').service('syndication').jsonLdFor(parent.documentId, parent.locale),
      },
    },
    resolversConfig: {
      'NewsroomNeighbourhood.figures': { auth: false },
      'NewsroomArticle.jsonLd': { auth: false },
    },
  }));
}
