// @ts-check
/** Numbers and dates as a reader of the locale reads them. Formatting only: no figure is computed here. */

/**
 * @param {unknown} value
 * @returns {number | null}
 */
export function toNumber(value) {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * @param {unknown} value
 * @param {string} locale
 */
export function formatNumber(value, locale) {
  const n = toNumber(value);
  return n === null ? '—' : new Intl.NumberFormat(locale).format(n);
}

/**
 * @param {unknown} value a share in [0, 1]
 * @param {string} locale
 */
export function formatPercent(value, locale) {
  const n = toNumber(value);
  return n === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n);
}

/**
 * An instant as the newsroom's wall clock shows it: at the configured UTC offset (facts.utcOffset,
 * e.g. "+08:00"), whatever the reader's own time zone. Null when it is not a date.
 * @param {string} iso
 * @param {string} locale
 * @param {string} utcOffset
 * @returns {string | null}
 */
export function formatDateTime(iso, locale, utcOffset) {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return null;
  const m = /^([+-])(\d\d):(\d\d)$/.exec(utcOffset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const shifted = new Date(when.getTime() + minutes * 60_000);
  return shifted.toLocaleString(locale, { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
}
