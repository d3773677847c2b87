// @ts-check
/**
 * The preview's reads of the newsroom content API: public, published rows only. Nothing here
 * decides a rule; the server's answers are used as they come.
 */

/** @typedef {import('./types.js').Article} Article */
/** @typedef {import('./types.js').Facts} Facts */
/** @typedef {import('./types.js').JsonLd} JsonLd */
/** @typedef {import('./types.js').PreviewAnswer} PreviewAnswer */
/** @typedef {import('./types.js').PreviewScope} PreviewScope */

const API = '/api/newsroom';
const JSON_TYPE = 'application/json';

/** A non-2xx answer. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} statusText
   */
  constructor(status, statusText) {
    super(`${status} ${statusText}`);
    this.status = status;
  }
}

/**
 * @param {string} path
 * @param {Record<string, string>} [params]
 * @param {string} [accept]
 * @returns {Promise<Response>}
 */
async function get(path, params, accept = JSON_TYPE) {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  // An editor opens the preview right after publishing: revalidate (ETag, usually a 304) rather
  // than read the browser's copy of an answer that may be up to `httpCache.maxAge` old.
  const res = await fetch(`${API}${path}${query}`, { headers: { Accept: accept }, cache: 'no-cache' });
  if (!res.ok) throw new HttpError(res.status, res.statusText);
  return res;
}

/**
 * The `data` of a JSON answer.
 * @param {Response} res
 * @returns {Promise<unknown>}
 */
const dataOf = async (res) => /** @type {{ data?: unknown } | null} */ (await res.json())?.data ?? null;

/**
 * GET /facts: locales, the UTC offset of dates, byline roles in reading order with their titles.
 * @returns {Promise<Facts>}
 */
export async function fetchFacts() {
  const facts = /** @type {Facts | null} */ (await dataOf(await get('/facts')));
  if (!facts || !Array.isArray(facts.locales)) throw new Error('the newsroom API gave no facts');
  return facts;
}

const POPULATE = {
  'populate[bylines]': 'true',
  'populate[neighbourhood]': 'true',
  'populate[relatedNews]': 'true',
  'populate[corrections]': 'true',
};

/**
 * The published article with this slug, or with a slug it had before (the plugin's by-slug route
 * follows renamed slugs: compare `slug` with the one asked for); null if there is none.
 * @param {string} slug
 * @param {string} locale
 * @returns {Promise<Article | null>}
 */
export async function fetchArticle(slug, locale) {
  try {
    return /** @type {Article | null} */ (await dataOf(await get(`/articles/by-slug/${encodeURIComponent(slug)}`, { locale, ...POPULATE })));
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  }
}

/**
 * The slug of the same document in each of these locales, or null where it is not published.
 * @param {string} documentId
 * @param {string[]} locales
 * @returns {Promise<Record<string, string | null>>}
 */
export async function fetchTranslations(documentId, locales) {
  const slugs = await Promise.all(
    locales.map(async (locale) => {
      try {
        const res = await get('/articles', { locale, 'filters[documentId][$eq]': documentId, 'fields[0]': 'slug' });
        const rows = /** @type {{ slug?: string }[] | null} */ (await dataOf(res));
        return rows?.[0]?.slug ?? null;
      } catch {
        return null; // the switch then shows the locale as unavailable
      }
    }),
  );
  return Object.fromEntries(locales.map((locale, i) => [locale, slugs[i] ?? null]));
}

/**
 * The article's JSON-LD as the server serialises it for inlining (`jsonLdScript`: `<`, `>`, `&`,
 * U+2028/9 escaped), kept as text; null if the endpoint gives none. It is parsed only to check it is
 * JSON and to read the publisher's name.
 * @param {string} documentId
 * @param {string} locale
 * @returns {Promise<JsonLd | null>}
 */
export async function fetchJsonLd(documentId, locale) {
  try {
    const text = await (await get(`/articles/${encodeURIComponent(documentId)}/jsonld`, { locale }, 'application/ld+json')).text();
    const value = /** @type {{ publisher?: { name?: unknown } } | null} */ (JSON.parse(text));
    if (!value || typeof value !== 'object') return null;
    const name = value.publisher?.name;
    return { text, publisher: typeof name === 'string' && name !== '' ? name : null };
  } catch {
    return null; // no JSON-LD: the preview renders without it
  }
}

/**
 * The header the preview route reads its token from (typed as the server's constant: a change there
 * is a type error here).
 * @type {typeof import('../../src/plugins/newsroom/server/src/preview/scope').PREVIEW_TOKEN_HEADER}
 */
const PREVIEW_TOKEN_HEADER = 'X-Newsroom-Preview';

/**
 * One version through the signed preview route (the token came from the admin's Preview panel).
 * Never cached by the browser: the server answers `private, no-store`.
 * @param {PreviewScope} scope
 * @param {string} token
 * @returns {Promise<PreviewAnswer>}
 */
export async function fetchPreview(scope, token) {
  const path = `${API}/preview/${encodeURIComponent(scope.kind)}/${encodeURIComponent(scope.documentId)}`;
  const query = new URLSearchParams({ locale: scope.locale, status: scope.status });
  const res = await fetch(`${path}?${query}`, { headers: { Accept: JSON_TYPE, [PREVIEW_TOKEN_HEADER]: token }, cache: 'no-store' });
  if (!res.ok) throw new HttpError(res.status, res.statusText);
  return /** @type {PreviewAnswer} */ (await res.json());
}
