/**
 * What every stored row must look like: the rules applied to one row (one locale, draft or
 * published). Used by the write path, the database safety net, boot reconciliation and the check CLI.
 */
import { NewsroomConfig } from '../config/schema';
import { JSON_FIELDS, NewsroomKind, TITLE_FIELD } from '../content-types/facts';
import { Origin, articleProblems, articleRights, newsItemCredit, newsItemProblems } from './rights';
import { figureProblems } from './figures';
import { FieldProblem, problem } from './problems';
import { TranslationStatus, translationStatus } from '../translations/translation';

export interface RowPatch {
  reprintNotice?: string | null;
  creditLine?: string | null;
  translationStatus?: TranslationStatus;
}

/** The system-managed values this row should carry. */
export function canonicalValues(config: NewsroomConfig, kind: NewsroomKind, row: Record<string, unknown>, currentSourceHash: string | null): RowPatch {
  const locale = (row.locale as string | null | undefined) ?? config.defaultLocale;
  const status = translationStatus(locale === config.defaultLocale, row.translatedFromHash as string | null | undefined, currentSourceHash);
  if (kind === 'article') {
    return { ...articleRights(config, { exclusive: !!row.exclusive, origin: row.origin as Origin | null | undefined }, locale), translationStatus: status };
  }
  if (kind === 'news-item') return { creditLine: newsItemCredit(config, row.outlet as string | null | undefined, locale), translationStatus: status };
  return { translationStatus: status };
}

/** Only the fields that differ from what is stored; empty when the row is already canonical. */
export function canonicalPatch(config: NewsroomConfig, kind: NewsroomKind, row: Record<string, unknown>, currentSourceHash: string | null): RowPatch {
  const want = canonicalValues(config, kind, row, currentSourceHash);
  const patch: RowPatch = {};
  for (const [key, value] of Object.entries(want) as Array<[keyof RowPatch, RowPatch[keyof RowPatch]]>) {
    if ((row[key] ?? null) !== (value ?? null)) (patch as Record<keyof RowPatch, unknown>)[key] = value;
  }
  return patch;
}

/** Rules a write is refused for (rule 5, figures, empty titles). */
export function contentProblems(config: NewsroomConfig, kind: NewsroomKind, row: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of JSON_FIELDS[kind]) {
    if (jsonDepthExceeds(row[field], config.maxJsonDepth)) problems.push(problem(field, `is nested deeper than ${config.maxJsonDepth} levels`));
  }
  const titleField = TITLE_FIELD[kind];
  const title = row[titleField];
  if (titleField in row && (typeof title !== 'string' || title.trim() === '')) {
    problems.push(problem(titleField, 'must not be empty'));
  }
  if (kind === 'article') problems.push(...articleProblems(config, { exclusive: !!row.exclusive, origin: row.origin as Origin | null | undefined }));
  if (kind === 'news-item') problems.push(...newsItemProblems(row));
  if (kind === 'neighbourhood') problems.push(...figureProblems(row));
  return problems;
}

/**
 * Is a JSON value nested deeper than `max` arrays/objects? Walked with an explicit stack, so a
 * value nested a million levels deep is measured, not a stack overflow.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (!v || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const inner of Array.isArray(v) ? v : Object.values(v)) if (inner && typeof inner === 'object') stack.push([inner, depth + 1]);
  }
  return false;
}
