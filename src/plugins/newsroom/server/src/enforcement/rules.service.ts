/**
 * The rules on the write path. Thin: it loads what the pure domain functions need, applies them,
 * and writes back only what differs.
 */
import { createHash } from 'crypto';
import { NewsroomKind, RULE_POPULATE, SHARED_FIELDS, SYSTEM_FIELDS, TITLE_FIELD, UIDS, KINDS } from '../content-types/facts';
import { canonicalPatch, canonicalValues, contentProblems } from './canonical';
import { sourceHash, sourceHashesFor, touchesTranslatedText, translationStatus } from '../translations/translation';
import { fallbackSlug, firstFreeSlug, normalizeClientSlug, slugFromTitle } from '../slugs/slug';
import { FieldProblem, problem } from './problems';
import { newsroomConfig, validationError, dbQuery } from '../boundary';
import type { DocumentCall, Row, Strapi, TransactionTools } from '../boundary';

export default ({ strapi }: { strapi: Strapi }) => {
  const config = () => newsroomConfig(strapi);

  const rowsOf = (kind: NewsroomKind, documentId: string, where: Row = {}, populate: string[] = RULE_POPULATE[kind]): Promise<Row[]> =>
    dbQuery(strapi, UIDS[kind]).findMany({ where: { documentId, ...where }, populate });

  /** What the rules read of a draft before a write: non-localized components, not the translated text. */
  const WRITE_POPULATE: Record<NewsroomKind, string[]> = { article: ['origin'], neighbourhood: [], 'news-item': [] };

  /** Serialises slug choice across instances on PostgreSQL (released at commit). */
  async function lockSlugs(kind: NewsroomKind, locale: string) {
    const db = strapi.db;
    if (db.config?.connection?.client !== 'postgres') return;
    const key = createHash('sha1').update(`newsroom-slug:${kind}:${locale}`).digest().readInt32BE(0);
    await db.transaction(({ trx }: TransactionTools) => trx.raw('select pg_advisory_xact_lock(?)', [key]));
  }

  async function takenSlugs(kind: NewsroomKind, locale: string, base: string, documentId: string | null): Promise<string[]> {
    const rows: Row[] = await dbQuery(strapi, UIDS[kind]).findMany({
      select: ['slug'],
      where: {
        locale,
        $or: [{ slug: base }, { slug: { $startsWith: `${base}-` } }],
        ...(documentId ? { documentId: { $ne: documentId } } : {}),
      },
    });
    return rows.map((r) => r.slug as string);
  }

  async function slugOwner(kind: NewsroomKind, locale: string, slug: string, documentId: string | null) {
    return dbQuery(strapi, UIDS[kind]).findOne({
      select: ['documentId'],
      where: { locale, slug, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    });
  }

  /** Sets data.slug (and previousSlugs when an editor renames) for the locale being written. */
  async function assignSlug(kind: NewsroomKind, data: Row, own: Row | undefined, merged: Row, locale: string, documentId: string | null) {
    const problems: FieldProblem[] = [];
    const sent = data.slug;
    delete data.previousSlugs;
    if (sent !== undefined && sent !== null && sent !== '') {
      const { slug, problems: slugProblems } = normalizeClientSlug(sent);
      if (slugProblems.length || !slug) return slugProblems;
      if (slug === own?.slug) {
        data.slug = slug;
        return problems;
      }
      await lockSlugs(kind, locale);
      if (await slugOwner(kind, locale, slug, documentId)) {
        return [problem('slug', `"${slug}" is already used by another ${kind} in ${locale}`)];
      }
      data.slug = slug;
      if (own?.slug)
        data.previousSlugs = [...new Set([...((own.previousSlugs as string[] | null | undefined) ?? []), own.slug as string])].filter((s) => s !== slug);
      return problems;
    }
    if (own?.slug) {
      // Stable: a published title edit never moves the slug.
      delete data.slug;
      return problems;
    }
    const base = slugFromTitle(merged[TITLE_FIELD[kind]] as string | null | undefined) || fallbackSlug(kind, documentId);
    await lockSlugs(kind, locale);
    // Most titles are new: one equality lookup; the prefix scan only when the base is taken.
    data.slug = (await slugOwner(kind, locale, base, documentId)) ? firstFreeSlug(base, await takenSlugs(kind, locale, base, documentId)) : base;
    return problems;
  }

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
        const drafts = await rowsOf(kind, documentId, { publishedAt: null }, WRITE_POPULATE[kind]);
        own = drafts.find((r) => r.locale === locale);
        const basis = own ?? drafts[0];
        if (basis) {
          base = own ? { ...own } : {};
          for (const field of SHARED_FIELDS[kind]) if (field in basis) base[field] = basis[field];
        }
      }
      if (ctx.action === 'clone') own = undefined;
      const merged: Row = { ...base, ...data };
      if (kind === 'article') merged.exclusive = data.exclusive ?? base.exclusive ?? false;
      const creatingLocale = !own;
      const titleField = TITLE_FIELD[kind];
      const checked = { ...merged };
      if (!creatingLocale && !(titleField in data)) delete checked[titleField];
      if (creatingLocale && !(titleField in checked)) checked[titleField] = '';

      const problems = contentProblems(cfg, kind, checked);
      problems.push(...(await assignSlug(kind, data, own, merged, locale, ctx.action === 'clone' ? null : documentId)));
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
        const source = (await rowsOf(kind, documentId, { publishedAt: null, locale: cfg.defaultLocale }))[0];
        if (source) currentSource = data.translatedFromHash = sourceHash(kind, source);
      }
      // The same rule as reconciliation and the check (domain/translation.ts); updates, clones and
      // deletes are reconciled after the write as well.
      if (creatingLocale || isDefault || currentSource) {
        data.translationStatus = translationStatus(isDefault, (data.translatedFromHash as string | null | undefined) ?? null, currentSource);
      }
    },

    touchesSharedFields(kind: NewsroomKind, data: Row | undefined): boolean {
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
        where: { documentId, locale: locale ?? config().defaultLocale, publishedAt: null },
        populate,
      });
      if (draft) await i18n.service('localizations').syncNonLocalizedAttributes(draft, strapi.contentType(uid));
    },

    /** Brings every row of a document (each locale, draft and published) in line; returns rows fixed. */
    async reconcileDocument(kind: NewsroomKind, documentId: string | null | undefined): Promise<number> {
      if (!documentId) return 0;
      const cfg = config();
      const rows = await rowsOf(kind, documentId, {}, WRITE_POPULATE[kind]);
      // Translated text (with its components) is read only when there is a translation to judge.
      if (rows.some((r) => r.locale !== cfg.defaultLocale)) {
        const sources = await rowsOf(kind, documentId, { locale: cfg.defaultLocale });
        for (const source of sources) Object.assign(rows.find((r) => r.id === source.id) ?? {}, source);
      }
      return this.reconcileRows(kind, rows, cfg);
    },

    async reconcileRows(kind: NewsroomKind, rows: Row[], cfg = config()): Promise<number> {
      const sourceOf = sourceHashesFor(kind, rows, cfg.defaultLocale);
      let fixed = 0;
      for (const row of rows) {
        const patch = canonicalPatch(cfg, kind, row, sourceOf(row));
        if (Object.keys(patch).length) {
          await dbQuery(strapi, UIDS[kind]).update({ where: { id: row.id }, data: patch });
          fixed += 1;
        }
      }
      return fixed;
    },

    /** Every row that breaks a rule, across all newsroom types; `fix` repairs what can be derived. */
    async audit({ fix = false, pageSize = 500 } = {}) {
      const cfg = config();
      const violations: Array<{ uid: string; id: number; documentId: string; locale: string; published: boolean; problems: string[] }> = [];
      let checked = 0;
      let fixed = 0;
      for (const kind of KINDS) {
        const uid = UIDS[kind];
        const documentIds: string[] = (await dbQuery(strapi, uid).findMany({ select: ['documentId'], orderBy: { documentId: 'asc' } })).map(
          (r: Row) => r.documentId as string,
        );
        const unique = [...new Set(documentIds)];
        for (let i = 0; i < unique.length; i += pageSize) {
          const rows: Row[] = await dbQuery(strapi, uid).findMany({
            where: { documentId: { $in: unique.slice(i, i + pageSize) } },
            populate: RULE_POPULATE[kind],
          });
          checked += rows.length;
          const sourceOf = sourceHashesFor(kind, rows, cfg.defaultLocale);
          for (const row of rows) {
            const patch = canonicalPatch(cfg, kind, row, sourceOf(row));
            const problems = [
              ...Object.entries(patch).map(([k, v]) => `${k} is ${JSON.stringify(row[k] ?? null)}, should be ${JSON.stringify(v)}`),
              ...contentProblems(cfg, kind, row).map((p) => `${p.path.join('.')}: ${p.message}`),
            ];
            if (!row.slug) problems.push('slug: missing');
            if (!problems.length) continue;
            if (fix && Object.keys(patch).length) {
              await dbQuery(strapi, uid).update({ where: { id: row.id }, data: patch });
              fixed += 1;
            }
            violations.push({
              uid,
              id: row.id as number,
              documentId: row.documentId as string,
              locale: row.locale as string,
              published: !!row.publishedAt,
              problems,
            });
          }
        }
      }
      return { checked, fixed, violations };
    },
  };
};
