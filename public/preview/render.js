// @ts-check
/** The article page: header, body, rights, corrections, related news, the neighbourhood box, language switch. */
import { el, byId, safeUrl } from './dom.js';
import { renderBlock } from './blocks.js';
import { renderNeighbourhood } from './neighbourhood.js';
import { formatDateTime } from './format.js';
import { languageName, stringsFor } from './strings.js';

/** @typedef {import('./types.js').Article} Article */
/** @typedef {import('./types.js').Byline} Byline */
/** @typedef {import('./types.js').Correction} Correction */
/** @typedef {import('./types.js').Facts} Facts */
/** @typedef {import('./types.js').NewsItem} NewsItem */
/** @typedef {import('./strings.js').Strings} Strings */
/** @typedef {import('./types.js').Neighbourhood} Neighbourhood */
/** @typedef {import('./types.js').PreviewBanner} PreviewBanner */
/** @typedef {{ locale: string, t: Strings, facts: Facts }} View */

/**
 * Names grouped by role, in the facts' reading order, each role titled in this locale; a role the
 * facts do not know keeps its code.
 * @param {Byline[] | null | undefined} bylines
 * @param {View} view
 */
function renderBylines(bylines, { locale, t, facts }) {
  /** @type {Map<string, string[]>} */
  const names = new Map();
  for (const b of bylines ?? []) {
    if (!b?.name || !b.role) continue;
    names.set(b.role, [...(names.get(b.role) ?? []), b.name]);
  }
  if (!names.size) return null;
  const known = facts.bylineRoles.filter((r) => names.has(r.role)).map((r) => ({ role: r.role, label: r.labels[locale] ?? r.role }));
  /** @type {Set<string>} */
  const knownRoles = new Set(known.map((r) => r.role));
  const other = [...names.keys()].filter((role) => !knownRoles.has(role)).map((role) => ({ role, label: role }));
  return el(
    'dl',
    { className: 'bylines', 'data-testid': 'bylines' },
    [...known, ...other].map(({ role, label }) =>
      el('div', { className: 'byline', 'data-role': role }, [
        el('dt', { text: label + t.separator }),
        el('dd', { text: (names.get(role) ?? []).join(t.listJoin) }),
      ]),
    ),
  );
}

/**
 * @param {NewsItem[] | null | undefined} items
 * @param {Strings} t
 */
function renderRelated(items, t) {
  if (!items?.length) return null;
  const list = el(
    'ul',
    { className: 'related-list' },
    items.map((item) => {
      const href = safeUrl(item.url);
      const text = item.headline ?? '';
      const headline = href ? el('a', { href, rel: 'noopener', target: '_blank', text }) : el('span', { text });
      // The server's credit line names the outlet in this locale (来源:中新网 / Source: China News Service).
      const dateline = item.dateline || item.publishedDate || '';
      return el('li', { className: 'related-item', 'data-testid': 'related-item' }, [
        el('h3', {}, [headline]),
        el('p', { className: 'related-meta' }, [
          el('span', { className: 'outlet', 'data-testid': 'related-outlet', 'data-outlet': item.outlet ?? '', text: item.creditLine || item.outlet || '' }),
          dateline ? el('span', { className: 'dateline', 'data-testid': 'related-dateline', text: dateline }) : null,
        ]),
        item.summary ? el('p', { className: 'related-summary', text: item.summary }) : null,
      ]);
    }),
  );
  return el('section', { className: 'related', 'data-testid': 'related-news' }, [el('h2', { text: t.related }), list]);
}

/**
 * Corrections and clarifications under the story, oldest first, each dated at the newsroom's offset.
 * @param {Correction[] | null | undefined} items
 * @param {View} view
 */
function renderCorrections(items, { locale, t, facts }) {
  if (!Array.isArray(items) || !items.length) return null;
  const list = el(
    'ol',
    { className: 'corrections-list' },
    items.map((c) => {
      const kind = c.kind ?? 'correction';
      const when = c.date ? formatDateTime(c.date, locale, facts.utcOffset) : null;
      return el('li', { className: `correction correction-${kind}`, 'data-testid': 'correction' }, [
        el('span', { className: 'correction-kind', text: t.kinds[kind] ?? t.kinds.correction }),
        when ? el('time', { datetime: c.date, className: 'correction-date', text: when }) : null,
        el('p', { className: 'correction-text', text: c.text ?? '' }),
      ]);
    }),
  );
  return el('section', { className: 'corrections', 'data-testid': 'corrections', 'aria-label': t.corrections }, [el('h2', { text: t.corrections }), list]);
}

/**
 * @param {string} name
 * @param {string | null | undefined} content
 */
function setMeta(name, content) {
  if (!content) return;
  let meta = document.head.querySelector(`meta[name="${CSS.escape(name)}"]`);
  if (!meta) meta = document.head.appendChild(el('meta', { name }));
  meta.setAttribute('content', content);
}

/**
 * The whole article into #app.
 * @param {Article} article
 * @param {View} view
 */
export function renderArticle(article, view) {
  const { locale, t } = view;
  const app = byId('app');
  document.documentElement.lang = locale;
  document.title = article.title ?? '';
  setMeta('description', article.standfirst);

  const header = el('header', { className: 'article-header' }, [
    article.column ? el('p', { className: 'kicker', text: article.column }) : null,
    el('h1', { className: 'headline', 'data-testid': 'headline', text: article.title ?? '' }),
    article.standfirst ? el('p', { className: 'standfirst', 'data-testid': 'standfirst', text: article.standfirst }) : null,
    renderBylines(article.bylines, view),
    article.dateline ? el('p', { className: 'dateline', text: article.dateline }) : null,
  ]);
  const body = el('div', { className: 'article-body', 'data-testid': 'body' }, (Array.isArray(article.body) ? article.body : []).map(renderBlock));
  // The notice and the credit are the server's canonical values for this locale.
  const rights = el('footer', { className: 'rights', 'data-testid': 'rights' }, [
    article.reprintNotice ? el('p', { className: 'notice', 'data-testid': 'notice', text: article.reprintNotice }) : null,
    article.creditLine ? el('p', { className: 'credit', 'data-testid': 'credit', text: article.creditLine }) : null,
  ]);
  const main = el('article', { className: 'article', 'data-document-id': article.documentId, 'data-locale': locale }, [
    header,
    body,
    article.imageNote ? el('p', { className: 'image-note', 'data-testid': 'image-note', text: article.imageNote }) : null,
    rights.childNodes.length ? rights : null,
    renderCorrections(article.corrections, view),
  ]);

  app.replaceChildren(
    el('div', { className: 'layout' }, [
      el('div', { className: 'column-main' }, [main, renderRelated(article.relatedNews, t)]),
      el('div', { className: 'column-side' }, [renderNeighbourhood(article.neighbourhood, locale, t)]),
    ]),
  );
}

/**
 * One entry per configured locale: this one current, the others linking to their own slug, or
 * marked unavailable where the story is not published in them.
 * @param {string[]} locales
 * @param {string} current
 * @param {Record<string, string | null>} slugs
 */
export function renderLanguageSwitch(locales, current, slugs) {
  byId('lang-switch').replaceChildren(
    ...locales.map((l) => {
      const label = languageName(l);
      if (l === current) return el('span', { className: 'lang current', lang: l, 'aria-current': 'page', 'data-locale': l, text: label });
      const slug = slugs[l];
      if (slug) return el('a', { className: 'lang', lang: l, hreflang: l, 'data-locale': l, href: previewPath(slug, l), text: label });
      return el('span', { className: 'lang unavailable', lang: l, 'data-locale': l, title: stringsFor(l).unavailable, text: label });
    }),
  );
}

/**
 * @param {string} slug
 * @param {string} locale
 */
export const previewPath = (slug, locale) => `/preview/?${new URLSearchParams({ slug, locale })}`;

/**
 * The JSON-LD as the server serialised it, as the text of a script element (no HTML parsing).
 * @param {string} text
 */
export function setJsonLd(text) {
  document.getElementById('jsonld')?.remove();
  document.head.appendChild(el('script', { type: 'application/ld+json', id: 'jsonld', text }));
}

/**
 * A status line in place of the article.
 * @param {string} message
 * @param {'error'} [kind]
 */
export function showStatus(message, kind) {
  byId('app').replaceChildren(el('p', { className: `status ${kind ?? ''}`.trim(), id: 'status', 'data-testid': 'status', text: message }));
}

/**
 * Preview mode: the banner over the page — a draft, or embargoed until the time at the newsroom's
 * offset — so an unpublished version is never taken for the published page.
 * @param {PreviewBanner | null} banner
 * @param {View} view
 */
export function renderPreviewBanner(banner, { locale, t, facts }) {
  document.getElementById('preview-banner')?.remove();
  const until = banner?.until ? formatDateTime(banner.until, locale, facts.utcOffset) : null;
  const text =
    banner?.state === 'embargoed' && until
      ? t.previewEmbargoed.replace('{time}', `${until} (UTC${facts.utcOffset})`)
      : banner
        ? t.previewDraft
        : t.previewPublished;
  const bar = el(
    'div',
    { className: `preview-banner preview-${banner?.state ?? 'published'}`, id: 'preview-banner', role: 'status', 'data-testid': 'preview-banner' },
    [el('strong', { text: t.previewLabel }), el('span', { text }), banner?.until ? el('time', { datetime: banner.until, hidden: true }) : null],
  );
  document.body.prepend(bar);
}

/**
 * A neighbourhood profile on its own page (its preview): name, place, description and figures.
 * @param {Neighbourhood} n
 * @param {View} view
 */
export function renderNeighbourhoodPage(n, { locale, t }) {
  document.documentElement.lang = locale;
  document.title = n.name ?? '';
  const place = [n.district, n.subdistrict].filter(Boolean).join(' · ');
  byId('app').replaceChildren(
    el('div', { className: 'layout' }, [
      el('div', { className: 'column-main' }, [
        el('article', { className: 'article' }, [
          el('h1', { className: 'headline', 'data-testid': 'headline', text: n.name ?? '' }),
          place ? el('p', { className: 'dateline', text: place }) : null,
          n.description ? el('p', { className: 'standfirst', text: n.description }) : null,
        ]),
      ]),
      el('div', { className: 'column-side' }, [renderNeighbourhood(n, locale, t)]),
    ]),
  );
}

/**
 * A related-news item on its own page (its preview): headline, summary and the outlet's credit.
 * @param {NewsItem} item
 * @param {View} view
 */
export function renderNewsItemPage(item, { locale }) {
  document.documentElement.lang = locale;
  document.title = item.headline ?? '';
  byId('app').replaceChildren(
    el('article', { className: 'article' }, [
      el('h1', { className: 'headline', 'data-testid': 'headline', text: item.headline ?? '' }),
      item.dateline ? el('p', { className: 'dateline', text: item.dateline }) : null,
      item.summary ? el('p', { className: 'standfirst', text: item.summary }) : null,
      el('footer', { className: 'rights', 'data-testid': 'rights' }, [
        item.creditLine ? el('p', { className: 'credit', 'data-testid': 'credit', text: item.creditLine }) : null,
      ]),
    ]),
  );
}
