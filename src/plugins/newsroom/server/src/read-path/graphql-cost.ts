/**
 * What a GraphQL operation may cost before it runs, and whether it asks for drafts. Fragments are
 * expanded (a fragment spread N times costs N times) and every list multiplies what it selects by
 * the number of items it can return: its pagination limit, or the default page size.
 */
import { DocumentNode, GraphQLError, GraphQLField, GraphQLObjectType, GraphQLSchema, Kind, getNamedType, getNullableType, isListType, visit } from 'graphql';
import { ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';
import { graphqlAsksForDrafts } from './public-reads';

export interface CostLimits {
  /** Items a list is assumed to return when the query names no limit (Strapi's defaultLimit). */
  defaultListSize: number;
  /** The most items a list can return (Strapi's maxLimit). */
  maxListSize: number;
}

const isCollection = (name: string) => /EntityResponseCollection$/.test(name);

/** How many items a list field can return, given its arguments. */
export function listSize(args: Record<string, unknown>, limits: CostLimits): number {
  const p = (args?.pagination ?? {}) as { limit?: unknown; pageSize?: unknown };
  const asked = p.limit ?? p.pageSize;
  if (asked === undefined || asked === null) return limits.defaultListSize;
  const n = Number(asked);
  if (!Number.isFinite(n) || n < 0) return limits.maxListSize; // -1 and the like mean "as many as allowed"
  return Math.min(Math.max(n, 1), limits.maxListSize);
}

/** Cost of one field: 1, plus what it selects times the items it returns. */
export const listSizeEstimator =
  (limits: CostLimits) =>
  ({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number => {
    const returns = getNullableType((field as GraphQLField<unknown, unknown>).type);
    const named = getNamedType(returns);
    // A connection's `nodes` were counted once per item at the connection itself.
    if (isCollection((type as GraphQLObjectType).name) && field.name === 'nodes') return 1 + childComplexity;
    if (isListType(returns) || isCollection(named.name)) return 1 + listSize(args, limits) * Math.max(childComplexity, 1);
    return 1 + childComplexity;
  };

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  limits: CostLimits,
): number {
  return getComplexity({ schema, query: document, variables, operationName, estimators: [listSizeEstimator(limits)] });
}

export function costError(cost: number, budget: number, who: string) {
  return new GraphQLError(`Query cost ${cost} exceeds the budget of ${budget} for ${who} requests: ask for fewer items (pagination) or fewer nested lists`, {
    extensions: { code: 'QUERY_TOO_COSTLY', cost, budget, http: { status: 400 } },
  });
}

/**
 * Does a `status` argument anywhere in the document (fragments included) ask for drafts, with
 * variables and their defaults applied?
 */
export function documentAsksForDrafts(document: DocumentNode, variables: Record<string, unknown> = {}): boolean {
  const defaults: Record<string, unknown> = {};
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? []) {
      const d = v.defaultValue;
      if (d) defaults[v.variable.name.value] = d.kind === Kind.ENUM || d.kind === Kind.STRING ? d.value : d.kind === Kind.NULL ? null : d;
    }
  }
  let asks = false;
  visit(document, {
    Argument(node) {
      if (node.name.value !== 'status') return;
      const v = node.value;
      let value: unknown;
      if (v.kind === Kind.VARIABLE) {
        const name = v.name.value;
        value = Object.prototype.hasOwnProperty.call(variables ?? {}, name) ? variables[name] : defaults[name];
      } else if (v.kind === Kind.ENUM || v.kind === Kind.STRING) value = v.value;
      else if (v.kind === Kind.NULL) value = null;
      else value = v;
      if (graphqlAsksForDrafts(value)) asks = true;
    },
  });
  return asks;
}

export const draftsRefused = () =>
  new GraphQLError('Drafts are only readable with an API token or in the admin: `status` must be absent or PUBLISHED', {
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
