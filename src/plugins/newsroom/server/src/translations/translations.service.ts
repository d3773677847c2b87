/**
 * Where each document stands in each locale: source, current, stale or missing. The stored
 * translationStatus is kept in line by the one rule in translations/translation.ts (an original written
 * in a non-default locale is a source too).
 */
import { KINDS, NewsroomKind, SHARED_FIELDS, UIDS } from '../content-types/facts';
import type { LocaleStatus as Status } from '../content-types/facts';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi, Row } from '../boundary';

const storedStatus = (isDefault: boolean, stored: string | null): Status =>
  isDefault ? 'source' : stored === 'stale' || stored === 'source' ? stored : 'current';

export default ({ strapi }: { strapi: Strapi }) => ({
  /** One document's status per configured locale (draft versions: that is what translators work on). */
  async forDocument(kind: NewsroomKind, documentId: string) {
    const { locales, defaultLocale } = newsroomConfig(strapi);
    const rows = await dbQuery(strapi, UIDS[kind]).findMany({
      select: ['locale', 'translationStatus', 'publishedAt', 'updatedAt'],
      where: { documentId },
    });
    return locales.map((locale) => {
      const draft = rows.find((r: Row) => r.locale === locale && !r.publishedAt);
      const published = rows.find((r: Row) => r.locale === locale && r.publishedAt);
      const status: Status = !draft ? 'missing' : storedStatus(locale === defaultLocale, draft.translationStatus as string | null);
      return { locale, status, published: !!published, updatedAt: draft?.updatedAt ?? null };
    });
  },

  /** Per content type and locale: how many documents are current, stale or missing (draft versions). */
  async summary() {
    const { locales, defaultLocale } = newsroomConfig(strapi);
    const out: Record<string, Record<string, Record<Status, number>>> = {};
    for (const kind of KINDS) {
      const uid = UIDS[kind];
      const rows = await dbQuery(strapi, uid).findMany({ select: ['documentId', 'locale', 'translationStatus'], where: { publishedAt: null } });
      const documents = new Set(rows.map((r: Row) => r.documentId));
      out[kind] = {};
      for (const locale of locales) {
        const inLocale = rows.filter((r: Row) => r.locale === locale);
        const counts: Record<Status, number> = { source: 0, current: 0, stale: 0, missing: documents.size - inLocale.length };
        for (const r of inLocale) {
          const s: Status = storedStatus(locale === defaultLocale, r.translationStatus as string | null);
          counts[s] += 1;
        }
        out[kind][locale] = counts;
      }
    }
    return { defaultLocale, types: out };
  },

  touchesSharedFields(kind: NewsroomKind, data: Record<string, unknown> | undefined): boolean {
    return !!data && SHARED_FIELDS[kind].some((field) => field in data);
  },

  /**
   * An update that publishes at once leaves i18n syncing only the published rows; the other
   * locales' drafts must share the story's non-localized fields (figures, flags, origin) too.
   */
  async syncDraftLocales(kind: NewsroomKind, documentId: string | undefined, locale: string | undefined) {
    if (!documentId) return;
    const i18n = strapi.plugin('i18n');
    const uid = UIDS[kind];
    const populate = i18n.service('content-types').getNestedPopulateOfNonLocalizedAttributes(uid);
    const draft = await dbQuery(strapi, uid).findOne({
      where: { documentId, locale: locale ?? newsroomConfig(strapi).defaultLocale, publishedAt: null },
      populate,
    });
    if (draft) await i18n.service('localizations').syncNonLocalizedAttributes(draft, strapi.contentType(uid));
  },
});
