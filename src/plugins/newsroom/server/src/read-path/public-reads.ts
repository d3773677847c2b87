/**
 * What an anonymous reader may ask for. Pure: the REST policy, the GraphQL rule and the
 * front-of-stack middleware call these.
 */

/**
 * Does a parsed query ask for anything but published rows? Strapi's Document Service reads drafts
 * for ANY `status` other than the exact string `published` (DRAFT, Draft, drafts, '', arrays…),
 * so the only safe answer is: absent, or exactly `published`.
 */
export function asksForDrafts(query: Record<string, unknown> | null | undefined): boolean {
  if (!query || !Object.prototype.hasOwnProperty.call(query, 'status')) return false;
  return query.status !== 'published';
}

/** The same for a GraphQL `status` argument value (enum PUBLISHED, or absent). */
export const graphqlAsksForDrafts = (value: unknown): boolean => value !== undefined && value !== 'PUBLISHED' && value !== 'published';

/**
 * Is a URL part (path or query string) badly %-encoded: a `%` not followed by two hex digits, or
 * escapes that are not UTF-8? Such input is a 400, never a 500 from a decoder deep in the stack.
 */
export function isMalformedUrlPart(part: string): boolean {
  if (part.indexOf('%') === -1) return false;
  try {
    decodeURIComponent(part);
    return false;
  } catch {
    return true;
  }
}

/** Strapi's REST error body, for answers given before Strapi's own error middleware runs. */
export const restError = (status: number, name: string, message: string) => JSON.stringify({ data: null, error: { status, name, message, details: {} } });

/** Auth strategies of API tokens: the trusted back ends that may read drafts. */
export const TOKEN_STRATEGIES: readonly string[] = ['api-token', 'content-api-token'];
export const isTokenAuth = (auth: { strategy?: { name?: string } } | null | undefined): boolean => TOKEN_STRATEGIES.includes(auth?.strategy?.name as string);

/** The parts of a model's schema the query rule reads (Strapi's models have this shape). */
export interface ModelShape {
  attributes: Record<string, { type?: string; target?: string; component?: string; unstable_virtual?: boolean }>;
}
export type ModelLookup = (uid: string) => ModelShape | undefined;

export interface QueryProblem {
  path: string[];
  message: string;
}

/** Root parameters that select rows by their draft (pending edits, never-published locales): token only. */
const DRAFT_COHORT_PARAMS = ['publicationFilter', 'hasPublishedVersion'];
/** Logical operators, REST (`$or`) and GraphQL (`or`) spellings. */
const LOGICAL = new Set(['$and', '$or', '$not', 'and', 'or', 'not']);
/** Deeper than this, a query is refused outright (no real filter nests this far). */
const MAX_QUERY_DEPTH = 32;

/**
 * A relation joined on the document rather than on stored links (i18n's `localizations`): a join
 * through it reaches every row of the document, drafts included. Stored relations of a published
 * row always point at published rows, so they are safe to filter and sort through; these are not.
 */
const joinsDrafts = (name: string, attribute: ModelShape['attributes'][string] | undefined): boolean =>
  name === 'localizations' || (attribute?.type === 'relation' && attribute.unstable_virtual === true);

/**
 * Why a content-API query of an anonymous or end-user reader could see a draft, or is too large
 * to run: every `filters` and `sort` path (nested to any depth, inside `populate` too) that goes
 * through `localizations`, the draft-cohort parameters, and filter values longer than
 * `maxValueLength`. Empty when the query only reads published rows. Populating `localizations`
 * is allowed: Strapi populates published rows only for a published parent.
 */
export function draftReadProblems(query: unknown, model: ModelShape | undefined, getModel: ModelLookup, maxValueLength: number): QueryProblem[] {
  const problems: QueryProblem[] = [];
  if (!query || typeof query !== 'object') return problems;
  const q = query as Record<string, unknown>;
  const refuse = (path: string[], message: string) => {
    if (problems.length < 10) problems.push({ path, message });
  };
  const targetOf = (attribute: ModelShape['attributes'][string] | undefined): ModelShape | undefined =>
    attribute?.type === 'relation' && attribute.target
      ? getModel(attribute.target)
      : attribute?.type === 'component' && attribute.component
        ? getModel(attribute.component)
        : undefined;

  /**
   * Strapi's query builder throws (a 500) on a badly shaped where: refused here as a 400 instead.
   * `where` walks a level of fields (the root, each condition of `$and`/`$or`, `$not`'s value);
   * `relationWhere` a relation's value (fields of its target, or one operator on its ids).
   */
  const where = (value: unknown, at: ModelShape | undefined, path: string[]): void => {
    if (path.length > MAX_QUERY_DEPTH) return refuse(path, 'is nested too deeply');
    if (Array.isArray(value)) return value.forEach((inner, i) => where(inner, at, [...path, String(i)]));
    if (!value || typeof value !== 'object') return refuse(path, 'must be an object of fields');
    for (const [key, inner] of Object.entries(value)) {
      const attribute = at?.attributes[key];
      const here = [...path, key];
      if (joinsDrafts(key, attribute)) refuse(here, 'cannot be filtered on: it reaches unpublished rows');
      else if (attribute) {
        const target = targetOf(attribute);
        if (attribute.type === 'relation') relationWhere(inner, target, here);
        else if (target) where(inner, target, here);
        else operand(inner, here);
      } else if (key === '$not' || key === 'not') where(inner, at, here);
      else if (LOGICAL.has(key)) {
        if (!Array.isArray(inner) && key.startsWith('$')) refuse(here, 'must be a list of conditions');
        else if (inner && typeof inner === 'object') Object.entries(inner).forEach(([i, each]) => where(each, at, [...here, i]));
      } else if (key.startsWith('$')) refuse(here, 'is an operator: it must follow a field');
      else operand(inner, here); // not a field of this model: Strapi's own validation answers it
    }
  };
  const relationWhere = (value: unknown, target: ModelShape | undefined, path: string[]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return operand(value, path);
    const keys = Object.keys(value);
    const operators = keys.filter((k) => k.startsWith('$'));
    if (operators.length === 0) return where(value, target, path);
    if (operators.length !== keys.length) return refuse(path, 'mixes operators and fields');
    if (operators.length > 1) return refuse(path, 'takes one operator');
    if (LOGICAL.has(operators[0])) return where(value, target, path);
    operand(value, path);
  };
  /** Operators and values on a field: only their lengths (and nesting) matter here. */
  const operand = (value: unknown, path: string[]): void => {
    if (path.length > MAX_QUERY_DEPTH) return refuse(path, 'is nested too deeply');
    if (typeof value === 'string') {
      if (value.length > maxValueLength) refuse(path, `is longer than ${maxValueLength} characters`);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (joinsDrafts(key, undefined)) refuse([...path, key], 'cannot be filtered on: it reaches unpublished rows');
        else operand(inner, [...path, key]);
      }
    }
  };
  const filters = (value: unknown, at: ModelShape | undefined, path: string[]) => where(value, at, path);

  /** A sort path is relative to `root`: the queried model, or the populated one inside `populate`. */
  const sortPath = (root: ModelShape | undefined, segments: string[], path: string[]) => {
    let at = root;
    for (const segment of segments) {
      const attribute = at?.attributes[segment];
      if (joinsDrafts(segment, attribute)) return refuse(path, 'cannot be sorted on: it reaches unpublished rows');
      at = targetOf(attribute);
    }
  };
  const sort = (value: unknown, root: ModelShape | undefined, path: string[], prefix: string[] = []): void => {
    if (path.length > MAX_QUERY_DEPTH) return refuse(path, 'is nested too deeply');
    if (typeof value === 'string') {
      for (const part of value.split(',')) {
        const field = part.trim().split(':')[0];
        if (field) sortPath(root, [...prefix, ...field.split('.')], [...path, field]);
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => sort(v, root, [...path, String(i)], prefix));
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner === 'string' || typeof inner === 'number') sortPath(root, [...prefix, key], [...path, key]);
        else sort(inner, root, [...path, key], [...prefix, key]);
      }
    }
  };

  const populate = (value: unknown, at: ModelShape | undefined, path: string[]): void => {
    if (path.length > MAX_QUERY_DEPTH) return refuse(path, 'is nested too deeply');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      if (!inner || typeof inner !== 'object' || Array.isArray(inner)) continue;
      const target = targetOf(at?.attributes[key]);
      const options = inner as Record<string, unknown>;
      if (options.filters !== undefined) filters(options.filters, target, [...path, key, 'filters']);
      if (options.sort !== undefined) sort(options.sort, target, [...path, key, 'sort']);
      if (options.populate !== undefined) populate(options.populate, target, [...path, key, 'populate']);
      if (options.on && typeof options.on === 'object') {
        for (const [component, shape] of Object.entries(options.on))
          populate({ [component]: shape }, { attributes: { [component]: { type: 'component', component } } }, [...path, key, 'on']);
      }
    }
  };
  for (const name of DRAFT_COHORT_PARAMS) if (q[name] !== undefined) refuse([name], 'selects rows by their drafts: only API tokens may use it');
  if (q.filters !== undefined) filters(q.filters, model, ['filters']);
  if (q.sort !== undefined) sort(q.sort, model, ['sort']);
  if (q.populate !== undefined) populate(q.populate, model, ['populate']);
  if (typeof q._q === 'string' && q._q.length > maxValueLength) refuse(['_q'], `is longer than ${maxValueLength} characters`);
  return problems;
}

/**
 * Is this an error the database raised on a query it could not run (SQLite, PostgreSQL, MySQL),
 * rather than an unreachable database? Its message carries the SQL: it never reaches a client.
 */
export function isDatabaseQueryError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; severity?: unknown; routine?: unknown; sqlMessage?: unknown; sql?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (/^(ECONN|ETIMEDOUT|EPIPE)/.test(code)) return false;
  return (
    /^SQLITE_/.test(code) ||
    (/^[0-9A-Z]{5}$/.test(code) && (e.severity !== undefined || e.routine !== undefined)) ||
    e.sqlMessage !== undefined ||
    typeof e.sql === 'string' ||
    (typeof e.message === 'string' && /^(select|insert|update|delete|with) .* - /is.test(e.message))
  );
}
