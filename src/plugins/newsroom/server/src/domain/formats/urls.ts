/** Front-end URL of an article from the configured pattern. */
export function articleUrl(pattern: string, a: { locale: string; slug: string; documentId: string }): string {
  return pattern
    .replace(/\{locale\}/g, encodeURIComponent(a.locale))
    .replace(/\{slug\}/g, encodeURIComponent(a.slug ?? ''))
    .replace(/\{documentId\}/g, encodeURIComponent(a.documentId));
}
