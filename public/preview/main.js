// @ts-check
/**
 * Reader preview: /preview/?slug=…&locale=… renders a published newsroom article from the public
 * REST API as a reader sees it. The facts (locales, byline role titles, the offset of dates), the
 * article with its notice, credit and computed figures, and the JSON-LD all come from the server;
 * this page only lays them out. `body[data-ready]` tells tests when it is done: `true`,
 * `not-found`, `refused` or `error`.
 *
 * Preview mode (/preview/?kind=…&documentId=…&locale=…&status=…&token=…, the URL Strapi's Preview
 * panel opens): one unpublished version through the signed preview route, under a banner, laid out
 * as it will be published; it reloads when the editor saves (the admin posts `strapiUpdate`).
 */
import { HttpError, fetchArticle, fetchFacts, fetchJsonLd, fetchPreview, fetchTranslations } from './api.js';
import { byId } from './dom.js';
import {
  previewPath,
  renderArticle,
  renderLanguageSwitch,
  renderNeighbourhoodPage,
  renderNewsItemPage,
  renderPreviewBanner,
  setJsonLd,
  showStatus,
} from './render.js';
import { stringsFor } from './strings.js';

/** @typedef {import('./types.js').Facts} Facts */
/** @typedef {import('./types.js').PreviewScope} PreviewScope */
/** @typedef {import('./strings.js').Strings} Strings */

/** @param {'true' | 'not-found' | 'refused' | 'error'} state */
const ready = (state) => document.body.setAttribute('data-ready', state);

/**
 * Preview mode: the version the token opens, or a refusal (an expired or foreign token).
 * @param {PreviewScope} scope
 * @param {string} token
 * @param {{ locale: string, t: Strings, facts: Facts }} view
 */
async function showPreview(scope, token, view) {
  try {
    const { data, meta } = await fetchPreview(scope, token);
    renderPreviewBanner(meta.preview.banner, view);
    if (scope.kind === 'article') renderArticle(data, view);
    else if (scope.kind === 'neighbourhood') renderNeighbourhoodPage(data, view);
    else renderNewsItemPage(data, view);
    renderLanguageSwitch(view.facts.locales, view.locale, meta.alternates);
    if (meta.jsonLd) setJsonLd(meta.jsonLd);
    ready('true');
  } catch (err) {
    if (!(err instanceof HttpError && err.status === 403)) throw err;
    document.getElementById('preview-banner')?.remove();
    showStatus(view.t.previewRefused, 'error');
    ready('refused');
  }
}

async function main() {
  const params = new URLSearchParams(window.location.search);
  const asked = params.get('locale');
  const slug = params.get('slug');
  const token = params.get('token');
  // Until the facts arrive, the words of the locale asked for (or English).
  let t = stringsFor(asked ?? '');
  try {
    const facts = await fetchFacts();
    const locale = asked && facts.locales.includes(asked) ? asked : facts.defaultLocale;
    t = stringsFor(locale, facts.defaultLocale);
    document.documentElement.lang = locale;
    byId('brand').setAttribute('href', window.location.pathname + window.location.search);
    if (token) {
      const kind = params.get('kind');
      const scope = /** @type {PreviewScope} */ ({ kind, documentId: params.get('documentId') ?? '', locale, status: params.get('status') ?? 'draft' });
      const view = { locale, t, facts };
      await showPreview(scope, token, view);
      // The Content Manager posts `strapiUpdate` to its Preview panel after each save.
      window.addEventListener('message', (event) => {
        if (event.source !== window.parent || event.data?.type !== 'strapiUpdate') return;
        document.body.removeAttribute('data-ready');
        showPreview(scope, token, view).catch((err) => {
          showStatus(t.failed + (err instanceof Error ? err.message : String(err)), 'error');
          ready('error');
        });
      });
      return;
    }
    if (!slug) {
      showStatus(t.missingSlug, 'error');
      renderLanguageSwitch(facts.locales, locale, {});
      ready('not-found');
      return;
    }
    showStatus(t.loading);
    const article = await fetchArticle(slug, locale);
    if (!article) {
      showStatus(t.notFound, 'error');
      renderLanguageSwitch(facts.locales, locale, {});
      ready('not-found');
      return;
    }
    // The by-slug route follows a renamed slug: show the article's current address.
    if (article.slug && article.slug !== slug) {
      window.history.replaceState(null, '', previewPath(article.slug, locale));
      byId('brand').setAttribute('href', window.location.pathname + window.location.search);
    }
    renderArticle(article, { locale, t, facts });
    const others = facts.locales.filter((l) => l !== locale);
    const [slugs, jsonLd] = await Promise.all([fetchTranslations(article.documentId, others), fetchJsonLd(article.documentId, locale)]);
    renderLanguageSwitch(facts.locales, locale, slugs);
    if (jsonLd) {
      setJsonLd(jsonLd.text);
      if (jsonLd.publisher) byId('brand').textContent = jsonLd.publisher;
    }
    ready('true');
  } catch (err) {
    showStatus(t.failed + (err instanceof Error ? err.message : String(err)), 'error');
    ready('error');
  }
}

main();
