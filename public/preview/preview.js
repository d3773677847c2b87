/**
 * Reader preview: /preview/?slug=…&locale=… renders a published newsroom article from the public
 * REST API as a reader sees it. Plain DOM, no framework; every value from the API goes through
 * textContent or an attribute, never innerHTML.
 */
(function () {
  'use strict';

  var LOCALES = ['zh-Hans', 'en'];
  var DEFAULT_LOCALE = 'zh-Hans';

  var TEXT = {
    'zh-Hans': {
      language: '中文',
      loading: '加载中…',
      notFound: '未找到已发布的文章。',
      missingSlug: '请在地址中提供 slug,例如 /preview/?slug=…&locale=zh-Hans',
      failed: '无法加载文章:',
      related: '相关新闻',
      neighbourhood: '小区概况',
      households: '总户数',
      occupied: '已入住',
      occupancyRate: '入住率',
      tenants: '估计租户户数',
      elderly: '估计老年户数',
      vacant: '空置户数',
      yearBuilt: '建成年份',
      asOf: '数据截至',
      services: '社区服务',
      imageNote: '图片说明',
      unavailable: '暂无此语言版本',
      chart: '户数图表',
      bars: { households: '总户数', occupied: '已入住', vacant: '空置', tenant: '租户(估)', elderly: '老年户(估)' },
      roles: { reporter: '记者', editor: '编辑', 'responsible-editor': '责任编辑', photographer: '摄影', translator: '翻译' },
      separator: ':',
      listJoin: '、',
      corrections: '更正与说明',
      kinds: { correction: '更正', clarification: '说明' },
    },
    en: {
      language: 'English',
      loading: 'Loading…',
      notFound: 'No published article with this address.',
      missingSlug: 'Add a slug to the address, e.g. /preview/?slug=…&locale=en',
      failed: 'Could not load the article: ',
      related: 'Related news',
      neighbourhood: 'The neighbourhood',
      households: 'Households',
      occupied: 'Moved in',
      occupancyRate: 'Occupancy rate',
      tenants: 'Est. tenant households',
      elderly: 'Est. elderly households',
      vacant: 'Vacant households',
      yearBuilt: 'Built',
      asOf: 'Figures as of',
      services: 'Community services',
      imageNote: 'Image note',
      unavailable: 'not available in this language',
      chart: 'Households chart',
      bars: { households: 'Households', occupied: 'Moved in', vacant: 'Vacant', tenant: 'Tenants (est.)', elderly: 'Elderly (est.)' },
      roles: { reporter: 'Reporters', editor: 'Editor', 'responsible-editor': 'Responsible editor', photographer: 'Photographer', translator: 'Translator' },
      separator: ': ',
      listJoin: ', ',
      corrections: 'Corrections and clarifications',
      kinds: { correction: 'Correction', clarification: 'Clarification' },
    },
  };

  var ROLE_ORDER = ['reporter', 'photographer', 'translator', 'editor', 'responsible-editor'];

  /* ---------------------------------------------------------------- DOM helpers (textContent only) */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = String(v);
        else if (k === 'className') node.className = v;
        else node.setAttribute(k, String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = String(attrs[k]);
      else node.setAttribute(k, String(attrs[k]));
    });
    (children || []).forEach(function (c) {
      if (c) node.appendChild(c);
    });
    return node;
  }

  /** Only http(s) and same-site links from data; anything else (javascript:, data:) is dropped. */
  function safeUrl(url) {
    if (typeof url !== 'string' || url.trim() === '') return null;
    try {
      var u = new URL(url, window.location.origin);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  /* ---------------------------------------------------------------- data */

  function qs(params) {
    return Object.keys(params)
      .map(function (k) {
        return encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']') + '=' + encodeURIComponent(params[k]);
      })
      .join('&');
  }

  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' } }).then(function (res) {
      if (!res.ok) {
        var err = /** @type {Error & { status?: number }} */ (new Error(res.status + ' ' + res.statusText));
        err.status = res.status;
        throw err;
      }
      return res.json();
    });
  }

  var POPULATE = {
    'populate[bylines]': 'true',
    'populate[neighbourhood]': 'true',
    'populate[relatedNews]': 'true',
    'populate[corrections]': 'true',
  };

  function findBySlug(slug, locale) {
    var params = Object.assign({ locale: locale, 'filters[slug][$eq]': slug }, POPULATE);
    return getJson('/api/newsroom/articles?' + qs(params)).then(function (body) {
      return body && body.data && body.data[0] ? body.data[0] : null;
    });
  }

  /** The same document in another locale: its slug (and title) if published there. */
  function findTranslation(documentId, locale) {
    var params = { locale: locale, 'filters[documentId][$eq]': documentId, 'fields[0]': 'slug', 'fields[1]': 'title' };
    return getJson('/api/newsroom/articles?' + qs(params))
      .then(function (body) {
        return body && body.data && body.data[0] ? body.data[0] : null;
      })
      .catch(function () {
        return null;
      });
  }

  function fetchJsonLd(documentId, locale) {
    return getJson('/api/newsroom/articles/' + encodeURIComponent(documentId) + '/jsonld?' + qs({ locale: locale }))
      .then(function (body) {
        var obj = body && body.data !== undefined && body['@context'] === undefined ? body.data : body;
        return obj && typeof obj === 'object' ? obj : null;
      })
      .catch(function () {
        return null; // endpoint missing or failing: the preview simply has no JSON-LD
      });
  }

  /** Same formula as the server's domain/figures.computeFigures. */
  function computeFigures(n) {
    function num(v) {
      if (v === null || v === undefined || v === '') return null;
      var x = typeof v === 'number' ? v : Number(v);
      return isFinite(x) ? x : null;
    }
    var households = num(n.households);
    var occupied = num(n.occupiedHouseholds);
    var tenant = num(n.tenantShare);
    var elderly = num(n.elderlyShare);
    return {
      occupancyRate: households !== null && occupied !== null && households > 0 ? Math.round((occupied / households) * 1000) / 1000 : null,
      estimatedTenantHouseholds: occupied !== null && tenant !== null ? Math.round(occupied * tenant) : null,
      estimatedElderlyHouseholds: occupied !== null && elderly !== null ? Math.round(occupied * elderly) : null,
      vacantHouseholds: households !== null && occupied !== null ? households - occupied : null,
    };
  }

  /* ---------------------------------------------------------------- rendering */

  function renderInline(node, parent) {
    if (!node) return;
    if (node.type === 'text') {
      var t = document.createTextNode(String(node.text || ''));
      var wrapped = t;
      if (node.code) wrapped = el('code', null, [wrapped]);
      if (node.bold) wrapped = el('strong', null, [wrapped]);
      if (node.italic) wrapped = el('em', null, [wrapped]);
      if (node.underline) wrapped = el('u', null, [wrapped]);
      if (node.strikethrough) wrapped = el('s', null, [wrapped]);
      parent.appendChild(wrapped);
      return;
    }
    if (node.type === 'link') {
      var href = safeUrl(node.url);
      var a = href ? el('a', { href: href, rel: 'noopener' }) : el('span');
      (node.children || []).forEach(function (c) {
        renderInline(c, a);
      });
      parent.appendChild(a);
      return;
    }
    (node.children || []).forEach(function (c) {
      renderInline(c, parent);
    });
  }

  function renderBlock(block) {
    var node;
    switch (block && block.type) {
      case 'heading':
        node = el('h' + Math.min(6, Math.max(2, Number(block.level) || 2)));
        break;
      case 'quote':
        node = el('blockquote');
        break;
      case 'code':
        node = el('pre');
        node.appendChild(
          el('code', {
            text: (block.children || [])
              .map(function (c) {
                return c.text || '';
              })
              .join(''),
          }),
        );
        return node;
      case 'list':
        node = el(block.format === 'ordered' ? 'ol' : 'ul');
        (block.children || []).forEach(function (item) {
          var li = el('li');
          (item.children || []).forEach(function (c) {
            if (c.type === 'list') li.appendChild(renderBlock(c));
            else renderInline(c, li);
          });
          node.appendChild(li);
        });
        return node;
      case 'image': {
        var src = block.image && safeUrl(block.image.url);
        if (!src) return null;
        var fig = el('figure', { className: 'body-image' });
        fig.appendChild(el('img', { src: src, alt: (block.image && block.image.alternativeText) || '' }));
        return fig;
      }
      default:
        node = el('p');
    }
    (block.children || []).forEach(function (c) {
      renderInline(c, node);
    });
    return node;
  }

  function renderBylines(bylines, t) {
    if (!bylines || !bylines.length) return null;
    var groups = {};
    bylines.forEach(function (b) {
      if (!b || !b.name) return;
      (groups[b.role] = groups[b.role] || []).push(b.name);
    });
    var list = el('dl', { className: 'bylines', 'data-testid': 'bylines' });
    ROLE_ORDER.concat(
      Object.keys(groups).filter(function (r) {
        return ROLE_ORDER.indexOf(r) < 0;
      }),
    ).forEach(function (role) {
      if (!groups[role]) return;
      list.appendChild(
        el('div', { className: 'byline', 'data-role': role }, [
          el('dt', { text: (t.roles[role] || role) + t.separator }),
          el('dd', { text: groups[role].join(t.listJoin) }),
        ]),
      );
    });
    return list;
  }

  function formatNumber(n, locale) {
    return n === null || n === undefined ? '—' : new Intl.NumberFormat(locale).format(n);
  }
  function formatPercent(n, locale) {
    return n === null || n === undefined ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
  }

  function renderFiguresChart(rows, t) {
    var max = 1;
    rows.forEach(function (r) {
      if (typeof r.value === 'number' && r.value > max) max = r.value;
    });
    var rowH = 26;
    var labelW = 104;
    var barW = 150;
    var chart = svg('svg', {
      viewBox: '0 0 ' + (labelW + barW + 52) + ' ' + rows.length * rowH,
      role: 'img',
      'aria-label': t.chart,
      class: 'figures-chart',
      'data-testid': 'figures-chart',
    });
    rows.forEach(function (r, i) {
      var y = i * rowH;
      var w = typeof r.value === 'number' && r.value > 0 ? (r.value / max) * barW : 0;
      chart.appendChild(svg('text', { x: 0, y: y + 17, class: 'chart-label', text: r.label }));
      chart.appendChild(svg('rect', { x: labelW, y: y + 5, width: barW, height: 16, rx: 2, class: 'chart-track' }));
      chart.appendChild(svg('rect', { x: labelW, y: y + 5, width: w.toFixed(1), height: 16, rx: 2, class: 'chart-bar chart-bar-' + r.key }));
      chart.appendChild(svg('text', { x: labelW + barW + 6, y: y + 17, class: 'chart-value', text: r.display }));
    });
    return chart;
  }

  function renderNeighbourhood(n, locale, t) {
    if (!n) return null;
    var f = n.figures && typeof n.figures === 'object' ? n.figures : computeFigures(n);
    var facts = el('dl', { className: 'facts', 'data-testid': 'figures' });
    function fact(key, label, value) {
      facts.appendChild(el('div', { className: 'fact', 'data-figure': key }, [el('dt', { text: label }), el('dd', { text: value })]));
    }
    if (n.yearBuilt) fact('yearBuilt', t.yearBuilt, String(n.yearBuilt));
    fact('households', t.households, formatNumber(n.households, locale));
    fact('occupiedHouseholds', t.occupied, formatNumber(n.occupiedHouseholds, locale));
    fact('occupancyRate', t.occupancyRate, formatPercent(f.occupancyRate, locale));
    fact('vacantHouseholds', t.vacant, formatNumber(f.vacantHouseholds, locale));
    fact('estimatedTenantHouseholds', t.tenants, formatNumber(f.estimatedTenantHouseholds, locale));
    fact('estimatedElderlyHouseholds', t.elderly, formatNumber(f.estimatedElderlyHouseholds, locale));

    var rows = [
      { key: 'households', value: n.households },
      { key: 'occupied', value: n.occupiedHouseholds },
      { key: 'vacant', value: f.vacantHouseholds },
      { key: 'tenant', value: f.estimatedTenantHouseholds },
      { key: 'elderly', value: f.estimatedElderlyHouseholds },
    ].map(function (r) {
      var v = r.value === null || r.value === undefined || r.value === '' ? null : Number(r.value);
      return { key: r.key, label: t.bars[r.key], value: v, display: formatNumber(v, locale) };
    });

    var place = [n.district, n.subdistrict, n.kind].filter(Boolean).join(' · ');
    return el('aside', { className: 'neighbourhood', 'data-testid': 'neighbourhood' }, [
      el('h2', { text: t.neighbourhood }),
      el('h3', { text: n.name || '' }),
      place ? el('p', { className: 'place', text: place }) : null,
      n.description ? el('p', { className: 'description', text: n.description }) : null,
      facts,
      renderFiguresChart(rows, t),
      n.figuresAsOf ? el('p', { className: 'as-of', text: t.asOf + ' ' + n.figuresAsOf }) : null,
    ]);
  }

  function renderRelated(items, t) {
    if (!items || !items.length) return null;
    var list = el('ul', { className: 'related-list' });
    items.forEach(function (item) {
      var href = safeUrl(item.url);
      var headline = href ? el('a', { href: href, rel: 'noopener', target: '_blank', text: item.headline || '' }) : el('span', { text: item.headline || '' });
      // The credit line names the outlet in this locale (来源:中新网 / Source: China News Service).
      var outlet = item.creditLine || item.outlet || '';
      var dateline = item.dateline || item.publishedDate || '';
      list.appendChild(
        el('li', { className: 'related-item', 'data-testid': 'related-item' }, [
          el('h3', null, [headline]),
          el('p', { className: 'related-meta' }, [
            el('span', { className: 'outlet', 'data-testid': 'related-outlet', 'data-outlet': item.outlet || '', text: outlet }),
            dateline ? el('span', { className: 'dateline', 'data-testid': 'related-dateline', text: dateline }) : null,
          ]),
          item.summary ? el('p', { className: 'related-summary', text: item.summary }) : null,
        ]),
      );
    });
    return el('section', { className: 'related', 'data-testid': 'related-news' }, [el('h2', { text: t.related }), list]);
  }

  function renderLanguageSwitch(nav, article, locale, translations) {
    nav.textContent = '';
    LOCALES.forEach(function (l) {
      var label = TEXT[l].language;
      if (l === locale) {
        nav.appendChild(el('span', { className: 'lang current', lang: l, 'aria-current': 'page', 'data-locale': l, text: label }));
        return;
      }
      var tr = translations[l];
      if (tr && tr.slug) {
        nav.appendChild(
          el('a', { className: 'lang', lang: l, hreflang: l, 'data-locale': l, href: '/preview/?' + qs({ slug: tr.slug, locale: l }), text: label }),
        );
      } else {
        nav.appendChild(el('span', { className: 'lang unavailable', lang: l, 'data-locale': l, title: TEXT[l].unavailable, text: label }));
      }
    });
  }

  function injectJsonLd(obj) {
    var old = document.getElementById('jsonld');
    if (old) old.remove();
    var script = document.createElement('script');
    script.type = 'application/ld+json';
    script.id = 'jsonld';
    // "<" escaped so no string in the data can close the script element.
    script.textContent = JSON.stringify(obj).replace(/</g, '\\u003c');
    document.head.appendChild(script);
  }

  function setMeta(name, content) {
    if (!content) return;
    var m = document.querySelector('meta[name="' + name + '"]');
    if (!m) {
      m = document.createElement('meta');
      m.setAttribute('name', name);
      document.head.appendChild(m);
    }
    m.setAttribute('content', content);
  }

  /** Corrections and clarifications under the story, oldest first, each with its date. */
  function renderCorrections(items, locale, t) {
    if (!Array.isArray(items) || !items.length) return null;
    var list = el('ol', { className: 'corrections-list' });
    items.forEach(function (c) {
      var when = c.date ? new Date(c.date) : null;
      var label = (t.kinds && t.kinds[c.kind]) || t.kinds.correction;
      list.appendChild(
        el('li', { className: 'correction correction-' + (c.kind || 'correction'), 'data-testid': 'correction' }, [
          el('span', { className: 'correction-kind', text: label }),
          when && !isNaN(when.getTime())
            ? el('time', {
                datetime: c.date,
                className: 'correction-date',
                text: when.toLocaleString(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }),
              })
            : null,
          el('p', { className: 'correction-text', text: c.text || '' }),
        ]),
      );
    });
    return el('section', { className: 'corrections', 'data-testid': 'corrections', 'aria-label': t.corrections }, [el('h2', { text: t.corrections }), list]);
  }

  function render(article, locale, t) {
    var app = document.getElementById('app');
    app.textContent = '';
    document.documentElement.lang = locale;
    document.title = article.title || '';
    setMeta('description', article.standfirst || '');

    var header = el('header', { className: 'article-header' }, [
      article.column ? el('p', { className: 'kicker', text: article.column }) : null,
      el('h1', { className: 'headline', 'data-testid': 'headline', text: article.title || '' }),
      article.standfirst ? el('p', { className: 'standfirst', 'data-testid': 'standfirst', text: article.standfirst }) : null,
      renderBylines(article.bylines, t),
      article.dateline ? el('p', { className: 'dateline', text: article.dateline }) : null,
    ]);

    var body = el('div', { className: 'article-body', 'data-testid': 'body' });
    (Array.isArray(article.body) ? article.body : []).forEach(function (b) {
      var node = renderBlock(b);
      if (node) body.appendChild(node);
    });

    var rights = el('footer', { className: 'rights', 'data-testid': 'rights' }, [
      article.reprintNotice ? el('p', { className: 'notice', 'data-testid': 'notice', text: article.reprintNotice }) : null,
      article.creditLine ? el('p', { className: 'credit', 'data-testid': 'credit', text: article.creditLine }) : null,
    ]);

    var main = el('article', { className: 'article', 'data-document-id': article.documentId, 'data-locale': locale }, [
      header,
      body,
      article.imageNote ? el('p', { className: 'image-note', 'data-testid': 'image-note', text: article.imageNote }) : null,
      rights.childNodes.length ? rights : null,
      renderCorrections(article.corrections, locale, t),
    ]);

    app.appendChild(
      el('div', { className: 'layout' }, [
        el('div', { className: 'column-main' }, [main, renderRelated(article.relatedNews, t)]),
        el('div', { className: 'column-side' }, [renderNeighbourhood(article.neighbourhood, locale, t)]),
      ]),
    );
  }

  function showStatus(message, kind) {
    var app = document.getElementById('app');
    app.textContent = '';
    app.appendChild(el('p', { className: 'status ' + (kind || ''), id: 'status', 'data-testid': 'status', text: message }));
  }

  function main() {
    var params = new URLSearchParams(window.location.search);
    var locale = params.get('locale') || DEFAULT_LOCALE;
    if (LOCALES.indexOf(locale) < 0) locale = DEFAULT_LOCALE;
    var t = TEXT[locale];
    var slug = params.get('slug');
    document.documentElement.lang = locale;
    document.getElementById('brand').setAttribute('href', window.location.pathname + window.location.search);
    if (!slug) {
      showStatus(t.missingSlug, 'error');
      renderLanguageSwitch(document.getElementById('lang-switch'), null, locale, {});
      return;
    }
    showStatus(t.loading);
    findBySlug(slug, locale)
      .then(function (article) {
        if (!article) {
          showStatus(t.notFound, 'error');
          renderLanguageSwitch(document.getElementById('lang-switch'), null, locale, {});
          document.body.setAttribute('data-ready', 'not-found');
          return null;
        }
        render(article, locale, t);
        var others = LOCALES.filter(function (l) {
          return l !== locale;
        });
        return Promise.all([
          Promise.all(
            others.map(function (l) {
              return findTranslation(article.documentId, l);
            }),
          ),
          fetchJsonLd(article.documentId, locale),
        ]).then(function (results) {
          var translations = {};
          others.forEach(function (l, i) {
            translations[l] = results[0][i];
          });
          renderLanguageSwitch(document.getElementById('lang-switch'), article, locale, translations);
          if (results[1]) {
            injectJsonLd(results[1]);
            var publisher = results[1].publisher && results[1].publisher.name;
            if (publisher) document.getElementById('brand').textContent = publisher;
          }
          document.body.setAttribute('data-ready', 'true');
        });
      })
      .catch(function (err) {
        showStatus(t.failed + (err && err.message ? err.message : String(err)), 'error');
        document.body.setAttribute('data-ready', 'error');
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
})();
