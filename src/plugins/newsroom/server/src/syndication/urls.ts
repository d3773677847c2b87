/** Front-end URL of an article from the configured pattern, e.g. https://example.com/{locale}/articles/{slug}. */
export function articleUrl(pattern: string, ids: { locale: string; slug: string; documentId: string }): string {
  const values: Record<string, string> = { locale: ids.locale, slug: ids.slug ?? '', documentId: ids.documentId };
  return pattern.replace(/\{(locale|slug|documentId)\}/g, (_, key: string) => encodeURIComponent(values[key]));
}
