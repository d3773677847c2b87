/**
 * Embargo and scheduled publication of articles, as pure rules.
 *
 * - `embargoUntil` (not localized) is the earliest instant a locale may be published. Publishing
 *   before it is refused on every path; published rows therefore never exist before the time, so
 *   the public read path (which never shows drafts) keeps an embargoed story out of every answer.
 * - `autoPublish` (not localized) asks the scheduler to publish, at `embargoUntil`, every locale
 *   whose draft is ready. The scheduler consumes it (sets it back to false) in the same transaction
 *   as the publication: it is the claim that makes the publication happen once.
 * - An embargo cannot be put on a story that is already public in some locale (it is out; an
 *   embargo would be a lie): unpublish it first.
 */
import { FieldProblem, problem } from '../enforcement/problems';
import { editorTime } from '../syndication/dates';

export type Instant = string | Date | null | undefined;

/** The instant as a Date; null for no value; undefined for something that is not a date. */
export function parseInstant(value: unknown): Date | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** True while the embargo holds at `now`. */
export function isEmbargoed(embargoUntil: unknown, now: Date): boolean {
  const until = parseInstant(embargoUntil);
  return !!until && until.getTime() > now.getTime();
}

/** Why publishing now is refused (none when it is allowed), the time at the newsroom's UTC offset. */
export function publishProblems(embargoUntil: unknown, now: Date, utcOffset: string): FieldProblem[] {
  const until = parseInstant(embargoUntil);
  if (!until || until.getTime() <= now.getTime()) return [];
  return [problem('embargoUntil', `embargoed until ${editorTime(until, utcOffset)}: no locale may be published before then`)];
}

/**
 * Why a change of `embargoUntil` is refused: a malformed value, or a future embargo on a story that
 * already has published locales. Sending the stored value again is never a change.
 */
export function embargoChangeProblems(opts: { before: unknown; after: unknown; publishedLocales: string[]; now: Date }): FieldProblem[] {
  const after = parseInstant(opts.after);
  if (after === undefined) return [problem('embargoUntil', 'must be a date-time such as 2026-12-01T08:00:00Z, or null')];
  const before = parseInstant(opts.before) ?? null;
  if ((after?.getTime() ?? null) === (before?.getTime() ?? null)) return [];
  if (after && after.getTime() > opts.now.getTime() && opts.publishedLocales.length) {
    return [problem('embargoUntil', `already published in ${opts.publishedLocales.join(', ')}: unpublish every locale before setting an embargo`)];
  }
  return [];
}

export interface DraftForSchedule {
  locale: string;
  title?: string | null;
  translationStatus?: string | null;
}

/**
 * The locales the scheduler publishes: every draft with a title whose translation is not stale
 * (a stale translation would publish text that no longer matches the source).
 */
export function readyLocales(drafts: DraftForSchedule[], defaultLocale: string): string[] {
  const ready = drafts.filter((d) => typeof d.title === 'string' && d.title.trim() !== '' && (d.locale === defaultLocale || d.translationStatus !== 'stale'));
  const locales = [...new Set(ready.map((d) => d.locale))];
  // The source first: a translation published alone would point at a source that is not out yet.
  return locales.sort((a, b) => (a === defaultLocale ? -1 : b === defaultLocale ? 1 : a.localeCompare(b)));
}

/** Milliseconds to wait before the next scheduler pass: the nearest due time, bounded by the interval. */
export function nextWakeDelay(nextDue: unknown, now: Date, intervalMs: number): number {
  const due = parseInstant(nextDue);
  if (!due) return intervalMs;
  return Math.max(0, Math.min(intervalMs, due.getTime() - now.getTime()));
}

/** Countdown parts for the admin ("2 d 03:04:05"); null once the time has come. */
export function countdown(embargoUntil: unknown, now: Date): { days: number; hours: number; minutes: number; seconds: number; totalSeconds: number } | null {
  const until = parseInstant(embargoUntil);
  if (!until) return null;
  const total = Math.ceil((until.getTime() - now.getTime()) / 1000);
  if (total <= 0) return null;
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
    totalSeconds: total,
  };
}
