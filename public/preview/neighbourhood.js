// @ts-check
/**
 * The neighbourhood box: its stored counts and the figures the server computed (`figures` on every
 * neighbourhood it returns), as a list and a bar chart. A figure the server did not send shows "—".
 */
import { el, svg } from './dom.js';
import { formatNumber, formatPercent, toNumber } from './format.js';

/** @typedef {import('./types.js').Neighbourhood} Neighbourhood */
/** @typedef {import('./types.js').ComputedFigures} ComputedFigures */
/** @typedef {import('./strings.js').Strings} Strings */
/** @typedef {{ key: keyof Strings['bars'], label: string, value: number | null, display: string }} Bar */

/** @type {ComputedFigures} */
const NO_FIGURES = { occupancyRate: null, estimatedTenantHouseholds: null, estimatedElderlyHouseholds: null, vacantHouseholds: null };

/**
 * @param {Bar[]} rows
 * @param {Strings} t
 */
function renderChart(rows, t) {
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const rowH = 26;
  const labelW = 104;
  const barW = 150;
  const chart = svg('svg', {
    viewBox: `0 0 ${labelW + barW + 52} ${rows.length * rowH}`,
    role: 'img',
    'aria-label': t.chart,
    class: 'figures-chart',
    'data-testid': 'figures-chart',
  });
  rows.forEach((r, i) => {
    const y = i * rowH;
    const w = r.value !== null && r.value > 0 ? (r.value / max) * barW : 0;
    chart.append(
      svg('text', { x: 0, y: y + 17, class: 'chart-label', text: r.label }),
      svg('rect', { x: labelW, y: y + 5, width: barW, height: 16, rx: 2, class: 'chart-track' }),
      svg('rect', { x: labelW, y: y + 5, width: w.toFixed(1), height: 16, rx: 2, class: `chart-bar chart-bar-${r.key}` }),
      svg('text', { x: labelW + barW + 6, y: y + 17, class: 'chart-value', text: r.display }),
    );
  });
  return chart;
}

/**
 * @param {Neighbourhood | null | undefined} n
 * @param {string} locale
 * @param {Strings} t
 * @returns {HTMLElement | null}
 */
export function renderNeighbourhood(n, locale, t) {
  if (!n) return null;
  const f = n.figures && typeof n.figures === 'object' ? n.figures : NO_FIGURES;
  const facts = el('dl', { className: 'facts', 'data-testid': 'figures' });
  /**
   * @param {string} key
   * @param {string} label
   * @param {string} value
   */
  const fact = (key, label, value) =>
    facts.appendChild(el('div', { className: 'fact', 'data-figure': key }, [el('dt', { text: label }), el('dd', { text: value })]));
  if (n.yearBuilt) fact('yearBuilt', t.yearBuilt, String(n.yearBuilt));
  fact('households', t.households, formatNumber(n.households, locale));
  fact('occupiedHouseholds', t.occupied, formatNumber(n.occupiedHouseholds, locale));
  fact('occupancyRate', t.occupancyRate, formatPercent(f.occupancyRate, locale));
  fact('vacantHouseholds', t.vacant, formatNumber(f.vacantHouseholds, locale));
  fact('estimatedTenantHouseholds', t.tenants, formatNumber(f.estimatedTenantHouseholds, locale));
  fact('estimatedElderlyHouseholds', t.elderly, formatNumber(f.estimatedElderlyHouseholds, locale));

  /** @type {[Bar['key'], unknown][]} */
  const values = [
    ['households', n.households],
    ['occupied', n.occupiedHouseholds],
    ['vacant', f.vacantHouseholds],
    ['tenant', f.estimatedTenantHouseholds],
    ['elderly', f.estimatedElderlyHouseholds],
  ];
  const rows = values.map(([key, v]) => ({ key, label: t.bars[key], value: toNumber(v), display: formatNumber(v, locale) }));

  const place = [n.district, n.subdistrict, n.kind].filter(Boolean).join(' · ');
  return el('aside', { className: 'neighbourhood', 'data-testid': 'neighbourhood' }, [
    el('h2', { text: t.neighbourhood }),
    el('h3', { text: n.name ?? '' }),
    place ? el('p', { className: 'place', text: place }) : null,
    n.description ? el('p', { className: 'description', text: n.description }) : null,
    facts,
    renderChart(rows, t),
    n.figuresAsOf ? el('p', { className: 'as-of', text: `${t.asOf} ${n.figuresAsOf}` }) : null,
  ]);
}
