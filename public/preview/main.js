// @ts-check
/**
 * Reader preview: /preview/?slug=…&locale=… renders a published newsroom article from the public
 * REST API as a reader sees it. The facts (locales, byline role titles, the offset of dates), the
 * article with its notice, credit and computed figures, and the JSON-LD all come from the server;
 * this page only lays them out. `body[data-ready]` tells tests when it is done: `true`,
 * `not-found` or `error`.
 */
import { fetchArticle, fetchFacts, fetchJsonLd, fetchTranslations } from './api.js';
import { byId } from './dom.js';
import { previewPath, renderArticle, renderLanguageSwitch, setJsonLd, showStatus } from './render.js';
import { stringsFor } from './strings.js';

/** @param {'true' | 'not-found' | 'error'} state */
const ready = (state) => document.body.setAttribute('data-ready', state);

async function main() {
  const params = new URLSearchParams(window.location.search);
  const asked = params.get('locale');
  const slug = params.get('slug');
  // Until the facts arrive, the words of the locale asked for (or English).
  let t = stringsFor(asked ?? '');
  try {
    const facts = await fetchFacts();
    const locale = asked && facts.locales.includes(asked) ? asked : facts.defaultLocale;
    t = stringsFor(locale, facts.defaultLocale);
    document.documentElement.lang = locale;
    byId('brand').setAttribute('href', window.location.pathname + window.location.search);
    if (!slug) {
      showStatus(t.missingSlug, 'error');
      renderLanguageSwitch(facts.locales, locale, {});
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
