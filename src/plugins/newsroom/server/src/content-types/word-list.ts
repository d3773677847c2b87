/**
 * A JSON list of words (article keywords, news-item reporters) as an editor types it: one line,
 * separated by commas (, ，), 、 or semicolons. Shared by the admin input and its tests.
 */
const SEPARATORS = /[,，、;；\n]+/;

export const splitWordList = (text: string): string[] =>
  text
    .split(SEPARATORS)
    .map((w) => w.trim())
    .filter((w) => w !== '');

/** A stored list as the input shows it; anything that is not a list of strings shows as its JSON. */
export function joinWordList(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) && value.every((w) => typeof w === 'string')) return value.join(', ');
  return JSON.stringify(value);
}
