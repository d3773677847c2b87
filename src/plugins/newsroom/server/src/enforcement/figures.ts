/**
 * Neighbourhood figures: validation of what may be stored and the figures computed from it.
 * Computed figures are never stored, so they cannot drift from their inputs.
 */
import { FieldProblem, problem } from './problems';
import { CN_DIGITS, CN_UNITS } from './numerals';

export interface Figures {
  households?: number | null;
  occupiedHouseholds?: number | null;
  tenantShare?: number | null;
  elderlyShare?: number | null;
  yearBuilt?: number | null;
}

export interface ComputedFigures {
  occupancyRate: number | null;
  estimatedTenantHouseholds: number | null;
  estimatedElderlyHouseholds: number | null;
  vacantHouseholds: number | null;
}

export const COUNT_FIELDS = ['households', 'occupiedHouseholds'] as const;
export const SHARE_FIELDS = ['tenantShare', 'elderlyShare'] as const;

const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';

const asNumber = (v: unknown): number => (typeof v === 'string' && v.trim() !== '' ? Number(v) : (v as number));

export function figureProblems(f: Figures, now = new Date()): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of COUNT_FIELDS) {
    const v = f[key];
    if (present(v) && !(Number.isInteger(asNumber(v)) && asNumber(v) >= 0)) {
      problems.push(problem(key, `must be a non-negative whole number, got ${JSON.stringify(v)}`));
    }
  }
  for (const key of SHARE_FIELDS) {
    const v = f[key];
    if (present(v) && !(Number.isFinite(asNumber(v)) && asNumber(v) >= 0 && asNumber(v) <= 1)) {
      problems.push(problem(key, `must be a fraction between 0 and 1, got ${JSON.stringify(v)}`));
    }
  }
  if (present(f.yearBuilt)) {
    const y = asNumber(f.yearBuilt);
    if (!Number.isInteger(y) || y < 1000 || y > now.getFullYear() + 10) {
      problems.push(problem('yearBuilt', `must be a four-digit year, got ${JSON.stringify(f.yearBuilt)}`));
    }
  }
  const households = asNumber(f.households);
  const occupied = asNumber(f.occupiedHouseholds);
  if (present(f.households) && present(f.occupiedHouseholds) && Number.isFinite(households) && occupied > households) {
    problems.push(problem('occupiedHouseholds', `cannot exceed households (${occupied} > ${households})`));
  }
  return problems;
}

const round = (v: number, digits: number) => {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
};

/** Rates to 3 decimals (0.243 = 24.3 %), household estimates to whole households. */
export function computeFigures(f: Figures): ComputedFigures {
  const num = (v: unknown) => (present(v) && Number.isFinite(asNumber(v)) ? asNumber(v) : null);
  const households = num(f.households);
  const occupied = num(f.occupiedHouseholds);
  const tenant = num(f.tenantShare);
  const elderly = num(f.elderlyShare);
  return {
    occupancyRate: households !== null && occupied !== null && households > 0 ? round(occupied / households, 3) : null,
    estimatedTenantHouseholds: occupied !== null && tenant !== null ? Math.round(occupied * tenant) : null,
    estimatedElderlyHouseholds: occupied !== null && elderly !== null ? Math.round(occupied * elderly) : null,
    vacantHouseholds: households !== null && occupied !== null ? households - occupied : null,
  };
}

/** Chinese numerals up to the thousands (三 → 3, 十二 → 12, 一百二十 → 120). */
/** Neighbourhood figures are computed on the way out, wherever a neighbourhood appears (an article's included). */
export function withFigures(kind: string, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((d) => withFigures(kind, d));
  if (!data || typeof data !== 'object') return data;
  const row = data as Record<string, unknown>;
  if (kind === 'neighbourhood') return { ...row, figures: computeFigures(row as Figures) };
  if (kind === 'article' && row.neighbourhood && typeof row.neighbourhood === 'object') {
    return { ...row, neighbourhood: withFigures('neighbourhood', row.neighbourhood) };
  }
  return data;
}

export function parseChineseNumber(text: string): number | null {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || ![...s].every((c) => c in CN_DIGITS || c in CN_UNITS)) return null;
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c];
    else {
      total += (digit || 1) * CN_UNITS[c];
      digit = 0;
    }
  }
  return total + digit;
}

/**
 * A share as an editor types it: `1/3`, `33.3%`, `0.333`, `三分之一`. Returns the fraction,
 * or null when the text is not a share or lies outside [0, 1].
 */
export function parseShare(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 && input <= 1 ? input : null;
  const s = input.normalize('NFKC').trim();
  let value: number | null = null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/))) value = Number(m[2]) === 0 ? null : Number(m[1]) / Number(m[2]);
  else if ((m = s.match(/^(\d+(?:\.\d+)?)\s*%$/))) value = Number(m[1]) / 100;
  else if ((m = s.match(/^(\d*\.?\d+)$/))) value = Number(m[1]);
  else if ((m = s.match(/^(.+)分之(.+)$/))) {
    const den = parseChineseNumber(m[1]);
    const numr = parseChineseNumber(m[2]);
    value = den && numr !== null ? numr / den : null;
  }
  return value !== null && Number.isFinite(value) && value >= 0 && value <= 1 ? value : null;
}
