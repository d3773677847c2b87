/**
 * Numbers as Chinese and English news copy writes them: counts (1644, 1,644, 一千六百四十四, 1.2万),
 * years (2021, 二〇二一), shares (三分之一, 1/3, 33%, 百分之三十, 三成, 一半, one third) and clock
 * times (上午十点 → 10:00, 下午三点半 → 15:30).
 */
import { parseChineseNumber, parseShare } from '../enforcement/figures';
import { AFTERNOON_PARTS, CN_DIGIT_CHARS, CN_DIGITS, CN_ONE_TO_NINE, CN_NUMERAL, DAY_PART_SOURCE } from './vocabulary';

/** Regex source for a count: Arabic (with thousands separators, decimals, 万) or Chinese numerals. */
export const COUNT_SOURCE = String.raw`\d+(?:,\d{3})*(?:\.\d+)?\s*万?|` + `${CN_NUMERAL}+`;

/** Regex source for a share of a whole. */
export const SHARE_SOURCE = [
  String.raw`\d+(?:\.\d+)?\s*%`,
  String.raw`\d+\s*/\s*\d+`,
  `百分之[${CN_DIGIT_CHARS}十百点]+`,
  String.raw`[一二两三四五六七八九十百]+分之[一二两三四五六七八九十]+`,
  `[${CN_ONE_TO_NINE}两]成(?![员本果功为立熟绩长就交都])`,
  '一半',
  '半数',
].join('|');

export const SHARE_SOURCE_EN = [
  String.raw`\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)`,
  String.raw`\d+\s*/\s*\d+`,
  String.raw`(?:one|a|two)[- ](?:third|quarter|fifth|half)s?`,
  String.raw`three[- ]quarters`,
  'half',
].join('|');

const CN_DIGITS_ONLY = new RegExp(`^[${CN_DIGIT_CHARS}]+$`);

/** Digit-by-digit Chinese numerals (二〇二一 → 2021); null when units (十百千) are present. */
function chineseDigits(s: string): number | null {
  if (!CN_DIGITS_ONLY.test(s)) return null;
  return Number([...s].map((c) => CN_DIGITS[c]).join(''));
}

function chineseInt(s: string): number | null {
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length > 1) {
    const digits = chineseDigits(s);
    if (digits !== null) return digits;
  }
  return parseChineseNumber(s);
}

/** A whole count: '1644' | '1,644' | '一千六百四十四' | '1.2万' | '三万二千' → number, else null. */
export function parseCount(raw: string): number | null {
  const s = raw.replace(/[,，\s]/g, '');
  if (!s) return null;
  const arabic = s.match(/^(\d+(?:\.\d+)?)(万)?$/);
  if (arabic) {
    const v = Number(arabic[1]) * (arabic[2] ? 10000 : 1);
    return Number.isFinite(v) ? Math.round(v) : null;
  }
  const parts = s.split('万');
  if (parts.length > 2) return null;
  if (parts.length === 2) {
    const high = chineseInt(parts[0]);
    const low = parts[1] === '' ? 0 : chineseInt(parts[1]);
    return high === null || low === null ? null : high * 10000 + low;
  }
  return chineseInt(s);
}

/** A four-digit year, Arabic or Chinese digits (二〇二一). */
export function parseYear(raw: string): number | null {
  const s = raw.trim();
  const v = /^\d{4}$/.test(s) ? Number(s) : s.length === 4 ? chineseDigits(s) : null;
  return v !== null && v >= 1000 && v <= 2999 ? v : null;
}

const EN_FRACTIONS: Record<string, number> = {
  half: 1 / 2,
  third: 1 / 3,
  quarter: 1 / 4,
  fifth: 1 / 5,
};

const TENTHS = new RegExp(`^([${CN_ONE_TO_NINE}两])成([${CN_ONE_TO_NINE}])?$`);

/** A share in [0, 1] from the forms listed in SHARE_SOURCE / SHARE_SOURCE_EN, else null. */
export function parseShareText(raw: string): number | null {
  const s = raw.trim().replace(/\s+/g, ' ');
  if (s === '一半' || s === '半数' || /^half$/i.test(s)) return 0.5;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^百分之(.+)$/))) {
    const [intPart, decPart] = m[1].split('点');
    const whole = intPart === '百' ? 100 : chineseInt(intPart);
    const decimals = decPart === undefined ? '' : chineseDigits(decPart) === null ? null : [...decPart].map((c) => CN_DIGITS[c]).join('');
    if (whole === null || decimals === null) return null;
    return parseShare(`${whole}${decimals ? `.${decimals}` : ''}%`);
  }
  if ((m = s.match(TENTHS))) {
    const tenths = CN_DIGITS[m[1]] + (m[2] ? CN_DIGITS[m[2]] / 10 : 0);
    return tenths / 10;
  }
  if ((m = s.match(/^(one|a|two|three)[- ](half|third|quarter|fifth)s?$/i))) {
    const count = /^two$/i.test(m[1]) ? 2 : /^three$/i.test(m[1]) ? 3 : 1;
    return parseShare(count * EN_FRACTIONS[m[2].toLowerCase()]);
  }
  if ((m = s.match(/^(\d+(?:\.\d+)?)\s*(?:per\s*cent|percent)$/i))) return parseShare(`${m[1]}%`);
  return parseShare(s);
}

/** Regex source for a clock time in Chinese copy: 上午十点, 下午3点半, 15时30分, 10:00. */
export const CLOCK_SOURCE =
  `(?:(?:${DAY_PART_SOURCE})?` +
  String.raw`(?:\d{1,2}|[零一二两三四五六七八九十]{1,3})(?:点|时)(?:半|(?:\d{1,2}|[零一二三四五六七八九十]{1,3})分|整)?|\d{1,2}:\d{2})`;

const CLOCK_RE = new RegExp(`^(${DAY_PART_SOURCE})?([\\d零一二两三四五六七八九十]{1,3})(?:点|时)(半|([\\d零一二三四五六七八九十]{1,3})分|整)?$`);

/** '上午十点' → '10:00', '下午三点半' → '15:30', '15:30' → '15:30'; null when not a time. */
export function parseClock(raw: string): string | null {
  const s = raw.trim();
  let m = s.match(/^(\d{1,2}):(\d{2})$/);
  if (m) return `${m[1].padStart(2, '0')}:${m[2]}`;
  m = s.match(CLOCK_RE);
  if (!m) return null;
  let hour = parseCount(m[2]);
  if (hour === null || hour > 24) return null;
  const minute = m[3] === '半' ? 30 : m[4] ? parseCount(m[4]) : 0;
  if (minute === null || minute > 59) return null;
  const period = m[1] ?? '';
  if (AFTERNOON_PARTS.test(period) && hour < 12) hour += 12;
  if (period === '中午' && hour < 3) hour += 12;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
