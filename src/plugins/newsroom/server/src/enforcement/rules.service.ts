/**
 * The rules before a write: refuse what breaks a rule (nothing is written), put the system-managed
 * fields in line, choose the slug (slugs service), record a translation's source. Thin: it loads
 * what the pure rules need and applies them. After the write, the reconcile service brings every
 * row of the document in line.
 */
import { NewsroomKind, SHARED_FIELDS, SYSTEM_FIELDS, TITLE_FIELD, UIDS } from '../content-types/facts';
import { canonicalValues, contentProblems } from './canonical';
import { touchesTranslatedText, translationStatus } from '../translations/translation';
import { sourceRecord } from '../translations/source-text';
import { newsroomConfig, validationError, getService } from '../boundary';
import type { DocumentCall, Row, Strapi } from '../boundary';
import { WRITE_POPULATE, rowsOf } from './rows.strapi';

/** An object whose every value is empty (null, undefined, ''): what the Content Manager writes for a component a role may not set. */
const isBlankComponent = (value: unknown): boolean =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => v === null || v === undefined || v === '');

export default ({ strapi }: { strapi: Strapi }) => {
  const config = () => newsroomConfig(strapi);

  return {
    /**
     * Before create / update / clone: refuse contradictions and bad figures (nothing is written),
     * replace system-managed fields with canonical values, choose the slug.
     */
    async prepareWrite(kind: NewsroomKind, ctx: DocumentCall) {
      const cfg = config();
      const params = ctx.params ?? {};
      const data: Row = (params.data as Row | undefined) ?? {};
      params.data = data;
      const locale: string = (params.locale as string | undefined) ?? cfg.defaultLocale;
      const documentId: string | null = (params.documentId as string | undefined) ?? null;
      for (const field of SYSTEM_FIELDS) if (field !== 'previousSlugs') delete data[field];

      let own: Row | undefined;
      let base: Row = {};
      if (documentId) {
        const drafts = await rowsOf(strapi, kind, documentId, { publishedAt: null }, WRITE_POPULATE[kind]);
        own = drafts.find((r) => r.locale === locale);
        const basis = own ?? drafts[0];
        if (basis) {
          base = own ? { ...own } : {};
          for (const field of SHARED_FIELDS[kind]) if (field in basis) base[field] = basis[field];
        }
      }
      if (ctx.action === 'clone') {
        // The edit view posts the source's slug back with the rest of the form: the clone gets its own, from its title.
        if (own && data.slug === own.slug) delete data.slug;
        // The Content Manager blanks the fields a role may not create, a component as an object of
        // nulls (a translator's clone): that is no value, not an origin without an outlet.
        const attributes = (strapi.contentType(UIDS[kind])?.attributes ?? {}) as Record<string, { repeatable?: boolean }>;
        for (const [field, value] of Object.entries(data)) if (isBlankComponent(value)) data[field] = attributes[field]?.repeatable ? [] : null;
        own = undefined;
      }
      const merged: Row = { ...base, ...data };
      if (kind === 'article') merged.exclusive = data.exclusive ?? base.exclusive ?? false;
      const creatingLocale = !own;
      const titleField = TITLE_FIELD[kind];
      const checked = { ...merged };
      if (!creatingLocale && !(titleField in data)) delete checked[titleField];
      if (creatingLocale && !(titleField in checked)) checked[titleField] = '';

      const problems = contentProblems(cfg, kind, checked);
      problems.push(...(await getService(strapi, 'slugs').assign(kind, data, own, merged, locale, ctx.action === 'clone' ? null : documentId)));
      // A clone starts with no old slugs to answer for (Strapi would copy the source's).
      if (ctx.action === 'clone') data.previousSlugs = null;
      if (problems.length) throw validationError(problems);

      const values = canonicalValues(cfg, kind, { ...merged, locale }, null);
      if (kind === 'article') data.reprintNotice = values.reprintNotice ?? null;
      if (kind !== 'neighbourhood') data.creditLine = values.creditLine ?? null;

      // A translation records which source text it was made from: when its locale is created from an
      // existing document, and when a translator saves text of a row that already is a translation.
      // An original written in a non-default locale (no recorded hash) stays an original.
      const isDefault = locale === cfg.defaultLocale;
      const recordsSource = creatingLocale ? ctx.action !== 'clone' : !!own?.translatedFromHash && touchesTranslatedText(kind, data);
      let currentSource: string | null = null;
      if (!isDefault && recordsSource && documentId) {
        const source = (await rowsOf(strapi, kind, documentId, { publishedAt: null, locale: cfg.defaultLocale }))[0];
        if (source) {
          // The hash decides `stale`; the text beside it (private) shows a translator what changed since.
          Object.assign(data, sourceRecord(kind, source));
          currentSource = data.translatedFromHash as string;
        }
      }
      // The same rule as reconciliation and the check (translations/translation.ts); updates, clones and
      // deletes are reconciled after the write as well.
      if (creatingLocale || isDefault || currentSource) {
        data.translationStatus = translationStatus(isDefault, (data.translatedFromHash as string | null | undefined) ?? null, currentSource);
      }
    },
  };
};
