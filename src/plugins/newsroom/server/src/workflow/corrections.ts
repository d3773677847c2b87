/**
 * Corrections and clarifications: a per-locale, append-only list. Editors add one by saving the
 * article with one more item; every item already stored is immutable (its text, its kind, its
 * date) and cannot be removed — through every API. The server dates each new item.
 */
import { FieldProblem, problem } from '../enforcement/problems';
import { parseInstant } from './embargo';

export const CORRECTION_KINDS = ['correction', 'clarification'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
export const MAX_CORRECTION_LENGTH = 2000;
export const MAX_CORRECTIONS = 100;

export interface StoredCorrection {
  date: string;
  text: string;
  kind: CorrectionKind;
}

const norm = (text: unknown) => (typeof text === 'string' ? text.normalize('NFC').trim() : '');
const kindOf = (kind: unknown): CorrectionKind | null =>
  kind === undefined || kind === null || kind === ''
    ? 'correction'
    : (CORRECTION_KINDS as readonly string[]).includes(kind as string)
      ? (kind as CorrectionKind)
      : null;

const sameInstant = (a: unknown, b: unknown) => {
  const x = parseInstant(a);
  const y = parseInstant(b);
  return !!x && !!y && x.getTime() === y.getTime();
};

/**
 * The list to store when a client sends `sent` for a locale whose stored list is `stored`:
 * the stored items unchanged, then the new ones dated `now`. Problems name `corrections`.
 */
export function appendCorrections(
  stored: Array<Partial<StoredCorrection>> | null | undefined,
  sent: unknown,
  now: Date,
): { value: StoredCorrection[]; problems: FieldProblem[] } {
  const existing = (stored ?? []).map((c) => ({ date: new Date(c.date as string).toISOString(), text: norm(c.text), kind: kindOf(c.kind) ?? 'correction' }));
  const problems: FieldProblem[] = [];
  if (sent === null || sent === undefined) sent = [];
  if (!Array.isArray(sent)) return { value: existing, problems: [problem('corrections', 'must be a list of { text, kind }')] };
  if (sent.length > MAX_CORRECTIONS) return { value: existing, problems: [problem('corrections', `at most ${MAX_CORRECTIONS} corrections`)] };
  if (sent.length < existing.length) {
    return {
      value: existing,
      problems: [problem('corrections', `corrections are append-only: ${existing.length - sent.length} existing correction(s) cannot be removed`)],
    };
  }
  const value: StoredCorrection[] = [];
  sent.forEach((entry: unknown, i: number) => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(problem(['corrections', String(i)], 'must be an object { text, kind }'));
      return;
    }
    const item = entry as { text?: unknown; kind?: unknown; date?: unknown };
    const text = norm(item.text);
    const kind = kindOf(item.kind);
    const old = existing[i];
    if (old) {
      const dateSent = item.date !== undefined && item.date !== null && item.date !== '';
      if (text !== old.text || kind !== old.kind || (dateSent && !sameInstant(item.date, old.date))) {
        problems.push(problem(['corrections', String(i)], `corrections are append-only: the correction of ${old.date} cannot be edited`));
      }
      value.push(old);
      return;
    }
    if (!text) problems.push(problem(['corrections', String(i), 'text'], 'a correction needs its text'));
    else if (text.length > MAX_CORRECTION_LENGTH) problems.push(problem(['corrections', String(i), 'text'], `at most ${MAX_CORRECTION_LENGTH} characters`));
    if (!kind) problems.push(problem(['corrections', String(i), 'kind'], `must be one of ${CORRECTION_KINDS.join(', ')}`));
    value.push({ date: now.toISOString(), text, kind: kind ?? 'correction' });
  });
  return { value, problems };
}

/** The items of `after` that `before` did not have (what a write appended). */
export const appended = (before: unknown[] | null | undefined, after: unknown[] | null | undefined) => (after ?? []).slice((before ?? []).length);

const LABELS: Record<CorrectionKind, Record<string, string>> = {
  correction: { 'zh-Hans': '更正', en: 'Correction' },
  clarification: { 'zh-Hans': '说明', en: 'Clarification' },
};

/** "更正" / "Correction", "说明" / "Clarification" (English for locales without their own word). */
export const correctionLabel = (kind: string | null | undefined, locale: string): string => {
  const labels = LABELS[(kind as CorrectionKind) in LABELS ? (kind as CorrectionKind) : 'correction'];
  return labels[locale] ?? labels.en;
};
