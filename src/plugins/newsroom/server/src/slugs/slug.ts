/**
 * Readable slugs for every locale: Chinese becomes toneless pinyin, then ASCII-safe kebab case.
 * Strapi's own `uid` generation drops CJK characters, so slugs are made here, server-side.
 */
import { pinyin } from 'pinyin-pro';
import slugify from 'slugify';
import { FieldProblem, problem } from '../enforcement/problems';

export const SLUG_MAX_LENGTH = 80;

const HAN = /\p{Script=Han}/u;

/** Inserts word breaks around Han characters and turns them into pinyin syllables. */
function romanize(text: string): string {
  if (!HAN.test(text)) return text;
  const chars = [...text];
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  // pinyin-pro returns one entry per Han character and one per run of other characters.
  return (
    syllables
      .map((s) => (HAN.test(s) ? s : ` ${s} `))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim() || chars.join('')
  );
}

/** Cuts at the last word boundary that fits, never mid-syllable. */
function capAtWordBoundary(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 0 ? cut.slice(0, lastDash) : slug.slice(0, max)).replace(/-+$/, '');
}

/** The slug a title gives; empty when the title has nothing readable (punctuation, emoji only). */
export function slugFromTitle(title: string | null | undefined, max = SLUG_MAX_LENGTH): string {
  if (!title) return '';
  // Punctuation of every script separates words ("../etc/passwd" → "etc passwd").
  const latin = romanize(title.normalize('NFKC')).replace(/[^\p{L}\p{N}]+/gu, ' ');
  const slug = slugify(latin, { lower: true, strict: true, trim: true, locale: 'en' }).replace(/-+/g, '-').replace(/^-|-$/g, '');
  return capAtWordBoundary(slug, max);
}

/** A slug for a title that has nothing readable, so every document still has a route. */
export function fallbackSlug(kind: string, documentId: string | null | undefined): string {
  return `${kind}-${(documentId ?? Date.now().toString(36))
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 12)}`;
}

/**
 * A client-sent slug is normalised the same way a title is (spaces, case, CJK, punctuation);
 * it is refused when nothing readable is left or when what was typed is longer than the field's
 * 80 characters (the admin shows "max. 80 characters"; Chinese typed there may still come out
 * longer in pinyin, and is then capped at 80 on a syllable boundary like a title's slug).
 */
export function normalizeClientSlug(input: unknown, field = 'slug'): { slug: string | null; problems: FieldProblem[] } {
  if (input === null || input === undefined || input === '') return { slug: null, problems: [] };
  if (typeof input !== 'string') return { slug: null, problems: [problem(field, 'must be a string')] };
  if (input.length > SLUG_MAX_LENGTH) {
    return { slug: null, problems: [problem(field, `must be at most ${SLUG_MAX_LENGTH} characters`)] };
  }
  const slug = slugFromTitle(input, SLUG_MAX_LENGTH);
  if (!slug) return { slug: null, problems: [problem(field, 'has no letters or digits left once normalised')] };
  return { slug, problems: [] };
}

/** `base`, then `base-2`, `base-3` …, kept within the length cap. */
export function withSuffix(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  return `${capAtWordBoundary(base, SLUG_MAX_LENGTH - suffix.length)}${suffix}`;
}

/** The first free slug given the ones taken in this locale and content type. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  for (let n = 1; ; n += 1) {
    const candidate = withSuffix(base, n);
    if (!set.has(candidate)) return candidate;
  }
}
