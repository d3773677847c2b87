/** GraphQL additions: computed neighbourhood figures, an article's JSON-LD, drafts and cost limits. */
import { computeFigures } from '../enforcement/figures';
import { getService } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { queryLimitsRule } from './graphql-limits';
import { costError, documentAsksForDrafts, draftsRefused, operationCost } from './graphql-cost';
import { isTokenAuth } from './public-reads';

/** What Apollo hands `didResolveOperation` (the parts read here). */
interface ResolvedOperation {
  request: { variables?: Record<string, unknown> | null; operationName?: string | null };
  document: DocumentNode;
  schema: GraphQLSchema;
  contextValue?: { state?: { auth?: { strategy?: { name?: string } } } };
}

/** Strapi concatenates `apolloServer` arrays (validation rules, plugins) with its own: append ours. */
function appendApolloOption(strapi: Strapi, key: 'validationRules' | 'plugins', value: unknown) {
  const path = `plugin::graphql.apolloServer.${key}`;
  strapi.config.set(path, [...strapi.config.get<unknown[]>(path, []), value]);
}

/**
 * Before an operation runs: an anonymous one may not ask for drafts, and none may cost more than
 * its budget (API tokens get the larger one).
 */
const readRules = (strapi: Strapi) => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, schema, contextValue }: ResolvedOperation) {
        const config = newsroomConfig(strapi);
        if (!config.readPath.enabled) return;
        const isToken = isTokenAuth(contextValue?.state?.auth);
        const variables = request.variables ?? {};
        if (!isToken && documentAsksForDrafts(document, variables)) throw draftsRefused();
        if (!config.graphqlCost.enabled) return;
        const graphqlConfig = strapi.config.get<{ defaultLimit?: number; maxLimit?: number } | undefined>('plugin::graphql');
        const cost = operationCost(schema, document, variables, request.operationName ?? undefined, {
          defaultListSize: graphqlConfig?.defaultLimit ?? config.graphqlCost.defaultListSize,
          maxListSize: graphqlConfig?.maxLimit ?? 100,
        });
        const budget = isToken ? config.graphqlCost.tokenBudget : config.graphqlCost.anonymousBudget;
        if (cost > budget) throw costError(cost, budget, isToken ? 'API token' : 'anonymous');
      },
    };
  },
});

/**
 * Apollo's memoised count of selections through fragments runs with graphql's own rules; only a
 * document within it reaches the later rules — Strapi's depth limit (graphql-depth-limit, which
 * follows every spread without memoising), ours — so none of them walks more than that many nodes.
 * An app's own lower setting wins.
 */
function limitRecursiveSelections(strapi: Strapi, maxSelections: number) {
  const path = 'plugin::graphql.apolloServer.maxRecursiveSelections';
  const own = strapi.config.get<unknown>(path);
  strapi.config.set(path, typeof own === 'number' && own > 0 ? Math.min(own, maxSelections) : maxSelections);
}

export function registerGraphql(strapi: Strapi) {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const { graphqlLimits } = newsroomConfig(strapi);
  limitRecursiveSelections(strapi, graphqlLimits.maxSelections);
  appendApolloOption(strapi, 'validationRules', queryLimitsRule(graphqlLimits));
  appendApolloOption(strapi, 'plugins', readRules(strapi));

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
        figures: (parent: Parameters<typeof computeFigures>[0]) => computeFigures(parent),
      },
      NewsroomArticle: {
        jsonLd: (parent: { documentId: string; locale?: string }) => getService(strapi, 'syndication').jsonLdFor(parent.documentId, parent.locale),
      },
    },
    resolversConfig: {
      'NewsroomNeighbourhood.figures': { auth: false },
      'NewsroomArticle.jsonLd': { auth: false },
    },
  }));
}
