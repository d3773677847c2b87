/**
 * What a GraphQL operation may cost before it runs, and whether it asks for drafts. Fragments are
 * expanded (a fragment spread N times costs N times) and every list multiplies what it selects by
 * the number of items it can return: its pagination limit, or the default page size. Each
 * fragment's cost is computed once and reused at every spread, so the walk is linear in the
 * document however deeply fragments nest.
 */
import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLSkipDirective,
  Kind,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
  TypeNameMetaFieldDef,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isListType,
  visit,
} from 'graphql';
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

interface FieldCostArgs {
  /** The type the field is selected on. */
  type: GraphQLNamedType;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  childComplexity: number;
}

/** Cost of one field: 1, plus what it selects times the items it returns. */
export const listSizeEstimator =
  (limits: CostLimits) =>
  ({ type, field, args, childComplexity }: FieldCostArgs): number => {
    const returns = getNullableType(field.type);
    const named = getNamedType(returns);
    // A connection's `nodes` were counted once per item at the connection itself.
    if (isCollection(type.name) && field.name === 'nodes') return 1 + childComplexity;
    if (isListType(returns) || isCollection(named.name)) return 1 + listSize(args, limits) * Math.max(childComplexity, 1);
    return 1 + childComplexity;
  };

/** The operation Apollo would run: the named one, else the only one. */
function pickOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  limits: CostLimits,
): number {
  const operation = pickOperation(document, operationName);
  if (!operation) return 0; // Apollo refuses an ambiguous or unknown operation name itself
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return 0; // execution refuses bad variables before any resolver runs
  const values = coerced.coerced;
  const estimate = listSizeEstimator(limits);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  /** Memo: a fragment's cost on a type depends only on its text and the request's variables. */
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const included = (node: SelectionNode) => {
    if (!node.directives?.length) return true;
    if (getDirectiveValues(GraphQLSkipDirective, node, values)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, values)?.if !== false;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLObjectType): number => {
    if (node.name.value === TypeNameMetaFieldDef.name) return 1;
    const field = parent.getFields()[node.name.value];
    if (!field) return 0; // unknown fields were refused by validation
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, node, values);
    } catch {
      /* bad arguments: execution refuses them */
    }
    const named = getNamedType(field.type);
    const childComplexity = node.selectionSet && isCompositeType(named) ? selectionSetCost(node.selectionSet, named) : 0;
    return estimate({ type: parent, field, args, childComplexity });
  };

  /** Does a fragment with this type condition apply to an item of this type? */
  const appliesTo = (condition: string | undefined, objectType: GraphQLObjectType) => {
    if (condition === undefined || condition === objectType.name) return true;
    const type = schema.getType(condition);
    return !!type && isAbstractType(type) && schema.isSubType(type, objectType);
  };

  /** A fragment's cost on items of one type, computed once per (fragment, type) and reused at every spread. */
  const fragmentCost = (name: string, on: GraphQLObjectType): number => {
    const key = `${name}|${on.name}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(key)) return 0; // unknown or cyclic fragments were refused by validation
    inProgress.add(key);
    const cost = selectionSetCost(fragment.selectionSet, on);
    inProgress.delete(key);
    fragmentCosts.set(key, cost);
    return cost;
  };

  function selectionSetCost(set: SelectionSetNode, parent: GraphQLCompositeType): number {
    // An interface or union resolves to one type per item: the most expensive of them.
    if (isAbstractType(parent)) return Math.max(0, ...schema.getPossibleTypes(parent).map((type) => selectionSetCost(set, type)));
    let sum = 0;
    for (const node of set.selections) {
      if (!included(node)) continue;
      if (node.kind === Kind.FIELD) sum += fieldCost(node, parent);
      else if (node.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(node.typeCondition?.name.value, parent)) sum += selectionSetCost(node.selectionSet, parent);
      } else if (appliesTo(fragments.get(node.name.value)?.typeCondition.name.value, parent)) sum += fragmentCost(node.name.value, parent);
    }
    return sum;
  }

  return selectionSetCost(operation.selectionSet, root);
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
