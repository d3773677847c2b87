/**
 * Rights rules: which notice an exclusive carries and which credit a reprint or news item carries.
 * Pure functions of the config and the story's own fields; the Strapi wiring calls them on every write.
 */
import { NewsroomConfig, LocaleCode, textFor } from '../config/schema';
import { FieldProblem, problem } from './problems';

export interface Origin {
  outlet?: string | null;
  url?: string | null;
  originalDateline?: string | null;
  originalDate?: string | null;
}

export interface RightsInput {
  exclusive?: boolean | null;
  origin?: Origin | null;
}

export interface ArticleRights {
  reprintNotice: string | null;
  creditLine: string | null;
}

const clean = (s: unknown): string => (typeof s === 'string' ? s.trim() : '');

const normalizeName = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export function isPublisher(config: NewsroomConfig, outlet: string | null | undefined): boolean {
  const name = normalizeName(clean(outlet));
  if (!name) return false;
  const ours = [...config.publisher.aliases, ...Object.values(config.publisher.name)];
  return ours.some((alias) => normalizeName(alias) === name);
}

/** A piece is a reprint when its origin names an outlet other than us. */
export function isReprint(config: NewsroomConfig, origin: Origin | null | undefined): boolean {
  const outlet = clean(origin?.outlet);
  return outlet !== '' && !isPublisher(config, outlet);
}

/** The outlet's name in a locale, through the configured map, else as given. */
export function outletName(config: NewsroomConfig, outlet: string, locale: LocaleCode): string {
  const name = clean(outlet);
  const translations = config.outlets[name];
  return translations?.[locale]?.trim() || name;
}

export function creditLine(config: NewsroomConfig, outlet: string, locale: LocaleCode): string {
  return textFor(config, config.creditFormat, locale).replace('{outlet}', outletName(config, outlet, locale));
}

export function reprintNotice(config: NewsroomConfig, locale: LocaleCode): string {
  return textFor(config, config.reprintNotice, locale);
}

/** The canonical notice and credit an article row carries; whatever a client sent is ignored. */
export function articleRights(config: NewsroomConfig, input: RightsInput, locale: LocaleCode): ArticleRights {
  return {
    reprintNotice: input.exclusive ? reprintNotice(config, locale) : null,
    creditLine: isReprint(config, input.origin) ? creditLine(config, clean(input.origin?.outlet), locale) : null,
  };
}

export function newsItemCredit(config: NewsroomConfig, outlet: string | null | undefined, locale: LocaleCode): string | null {
  return clean(outlet) ? creditLine(config, clean(outlet), locale) : null;
}

const originHasContent = (origin: Origin | null | undefined): boolean =>
  !!origin && (['outlet', 'url', 'originalDateline', 'originalDate'] as const).some((k) => clean(origin[k]) !== '');

/** Contradictions that are refused outright (rule 5). */
export function articleProblems(config: NewsroomConfig, input: RightsInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const origin = input.origin;
  if (origin && clean(origin.outlet) === '') {
    problems.push(
      problem(
        'origin.outlet',
        originHasContent(origin) ? 'a reprint must name the outlet it comes from' : 'origin is set but names no outlet; name the outlet or remove origin',
      ),
    );
  }
  if (input.exclusive && isReprint(config, origin)) {
    const msg = `an exclusive cannot be a reprint from ${clean(origin?.outlet)}; unset exclusive or remove origin`;
    problems.push(problem('exclusive', msg), problem('origin.outlet', msg));
  }
  return problems;
}

export function newsItemProblems(input: { outlet?: string | null }): FieldProblem[] {
  return clean(input.outlet) === '' ? [problem('outlet', 'a news item must name its outlet (e.g. 中新网)')] : [];
}
