import { useQueryParams } from '@strapi/strapi/admin';

/** The content locale being edited (`?plugins[i18n][locale]=`), or the given fallback. */
export function useEditedLocale(fallback: string): string {
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  return query?.plugins?.i18n?.locale || fallback;
}

export const editViewPath = (model: string, documentId: string, locale: string) =>
  `/content-manager/collection-types/${model}/${documentId}?plugins[i18n][locale]=${encodeURIComponent(locale)}`;
