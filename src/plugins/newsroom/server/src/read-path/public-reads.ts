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
