/**
 * XLIFF export and import (the rules are in xliff.ts). An import writes through the Document Service, so
 * the newsroom's middleware and rules apply as to any edit; with an admin's ability it also keeps the
 * role's scope (a translator: their own locale, the text they translate). Everything is checked before
 * anything is written, and every file of one import is written in one transaction.
 */
import { KINDS, NewsroomKind, RULE_POPULATE, TRANSLATED_FIELDS, UIDS } from '../content-types/facts';
import { validationError, dbQuery, getService } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Row, Strapi } from '../boundary';
import { problem, FieldProblem } from '../enforcement/problems';
import { snapshotOf, sourceChanges, SourceSnapshot } from './source-text';
import {
  ImportPlan,
  XliffBundle,
  XliffDocument,
  XliffRefused,
  XliffVersion,
  documentUnits,
  fingerprint,
  planFile,
  readXliff,
  translationData,
  writeXliff,
} from './xliff';

/** A role's ability as Strapi's admin hands it to a request (`ctx.state.userAbility`). */
export type Ability = unknown;

/** Refused by the role's scope (403), naming what was out of it. */
export class XliffForbidden extends Error {}

const UPDATE = 'plugin::content-manager.explorer.update';
const CREATE = 'plugin::content-manager.explorer.create';

export interface ImportResult {
  documents: Array<{ kind: NewsroomKind; documentId: string; locale: string; units: number; status: string; changedSince: string[] }>;
  warnings: string[];
}

export default ({ strapi }: { strapi: Strapi }) => {
  const config = () => newsroomConfig(strapi);
  const draft = async (kind: NewsroomKind, documentId: string, locale: string): Promise<Row | null> =>
    (await dbQuery(strapi, UIDS[kind]).findOne({ where: { documentId, locale, publishedAt: null }, populate: RULE_POPULATE[kind] })) ?? null;

  const checkLocale = (locale: string) => {
    const cfg = config();
    if (!cfg.locales.includes(locale) || locale === cfg.defaultLocale) {
      throw validationError([problem('locale', `must be a target locale: ${cfg.locales.filter((l) => l !== cfg.defaultLocale).join(', ')}`)]);
    }
  };

  const documentFor = async (kind: NewsroomKind, documentId: string, locale: string): Promise<XliffDocument | null> => {
    const source = await draft(kind, documentId, config().defaultLocale);
    if (!source) return null;
    return { kind, documentId, units: documentUnits(kind, source, await draft(kind, documentId, locale), locale) };
  };

  return {
    /** One document's XLIFF for a target locale (null: no such document in the source locale). */
    async exportDocument(kind: NewsroomKind, documentId: string, locale: string, version: XliffVersion = '2.1'): Promise<string | null> {
      checkLocale(locale);
      const doc = await documentFor(kind, documentId, locale);
      return doc && writeXliff({ sourceLocale: config().defaultLocale, targetLocale: locale, documents: [doc] }, version);
    },

    /**
     * Every document (draft versions) to translate into `locale`, one bundle per document: with `stale`,
     * only those whose translation is missing or stale.
     */
    async exportAll(locale: string, { stale = false }: { stale?: boolean } = {}): Promise<XliffBundle[]> {
      checkLocale(locale);
      const { defaultLocale } = config();
      const out: XliffBundle[] = [];
      for (const kind of KINDS) {
        const rows = await dbQuery(strapi, UIDS[kind]).findMany({ select: ['documentId', 'locale', 'translationStatus'], where: { publishedAt: null } });
        const sources = rows.filter((r: Row) => r.locale === defaultLocale).map((r: Row) => r.documentId as string);
        const status = new Map(rows.filter((r: Row) => r.locale === locale).map((r: Row) => [r.documentId as string, r.translationStatus as string | null]));
        for (const documentId of sources) {
          const own = status.get(documentId);
          // An original written in the target locale (status `source`) is nobody's translation.
          if (own === 'source' || (stale && own !== undefined && own !== 'stale')) continue;
          const doc = await documentFor(kind, documentId, locale);
          if (doc) out.push({ sourceLocale: defaultLocale, targetLocale: locale, documents: [doc] });
        }
      }
      return out;
    },

    write: writeXliff,

    /**
     * Applies XLIFF files. Refused as a whole (nothing written): a file that is not safe, well-formed
     * XLIFF 2.x/1.2 in the newsroom's locales; a unit that is not the document's or whose `<source>` was
     * edited; a field or locale outside the role's scope (`ability`: the admin's; none: the CLI).
     */
    async importFiles(files: Array<{ name: string; bytes: Uint8Array }>, ability?: Ability): Promise<ImportResult> {
      const cfg = config();
      const problems: FieldProblem[] = [];
      const plans: Array<{ plan: ImportPlan; locale: string }> = [];
      const sources = new Map<string, Row | null>();
      for (const file of files) {
        let read;
        try {
          read = readXliff(file.bytes, file.name);
        } catch (err) {
          if (err instanceof XliffRefused) throw validationError(err.problems);
          throw err;
        }
        if (read.sourceLocale !== cfg.defaultLocale)
          problems.push(problem(['xliff', file.name], `source language "${read.sourceLocale}" is not ${cfg.defaultLocale}`));
        if (!cfg.locales.includes(read.targetLocale) || read.targetLocale === cfg.defaultLocale) {
          problems.push(problem(['xliff', file.name], `target language "${read.targetLocale}" is not a target locale of the newsroom`));
          continue;
        }
        // Source rows, loaded before planning (planFile is pure).
        for (const f of read.files) {
          const [kind, documentId] = [f.id.slice(0, f.id.indexOf('.')), f.id.slice(f.id.indexOf('.') + 1)];
          if ((KINDS as string[]).includes(kind) && /^[A-Za-z0-9]{1,64}$/.test(documentId) && !sources.has(f.id)) {
            sources.set(f.id, await draft(kind as NewsroomKind, documentId, cfg.defaultLocale));
          }
        }
        for (const f of read.files) {
          const { plan, problems: found } = planFile(f, (kind, documentId) => sources.get(`${kind}.${documentId}`) ?? null);
          problems.push(...found);
          if (plan) plans.push({ plan, locale: read.targetLocale });
        }
      }
      if (problems.length) throw validationError(problems);
      if (ability) await checkScope(plans, ability);

      const result: ImportResult = { documents: [], warnings: [] };
      await strapi.db.transaction(async () => {
        for (const { plan, locale } of plans) {
          const { kind, documentId } = plan;
          const source = sources.get(`${kind}.${documentId}`) as Row;
          const current = await draft(kind, documentId, locale);
          const data = translationData(kind, source, current, plan.targets);
          if (Object.keys(data).length) await strapi.documents(UIDS[kind]).update({ documentId, locale, data } as never);
          if (plan.changedSince.length) {
            // The source moved on since the export: the translation was made from the exported text, so it
            // records that (the diff panel shows what changed) and stays stale.
            const exported: SourceSnapshot = { ...snapshotOf(kind, source), ...plan.exportedSources };
            await dbQuery(strapi, UIDS[kind]).updateMany({
              where: { documentId, locale, publishedAt: null },
              data: { translatedFrom: exported, translatedFromHash: `xliff-${fingerprint(JSON.stringify(exported))}` },
            });
            await getService(strapi, 'reconcile').reconcileDocument(kind, documentId);
            result.warnings.push(
              `${kind}.${documentId} (${locale}): the source changed since the export in ${plan.changedSince.join(', ')}; imported, the translation stays stale`,
            );
          }
          const after = await dbQuery(strapi, UIDS[kind]).findOne({ select: ['translationStatus'], where: { documentId, locale, publishedAt: null } });
          result.documents.push({
            kind,
            documentId,
            locale,
            units: Object.keys(plan.targets).length,
            status: String(after?.translationStatus ?? 'missing'),
            changedSince: plan.changedSince,
          });
        }
      });
      return result;
    },

    /** Per field, what changed in the source since a translation was made (the admin's diff panel). */
    async sourceChanges(kind: NewsroomKind, documentId: string, locale: string) {
      checkLocale(locale);
      const source = await draft(kind, documentId, config().defaultLocale);
      const target = await draft(kind, documentId, locale);
      if (!source || !target) return null;
      const snapshot = (target.translatedFrom as SourceSnapshot | null) ?? null;
      return {
        status: (target.translationStatus as string | null) ?? null,
        recorded: !!snapshot,
        fields: target.translationStatus === 'stale' ? sourceChanges(kind, snapshot, snapshotOf(kind, source)) : [],
      };
    },
  };

  /** A translator imports only into the locales and fields their role may write (as in the Content Manager). */
  async function checkScope(plans: Array<{ plan: ImportPlan; locale: string }>, ability: Ability) {
    const refused: string[] = [];
    for (const { plan, locale } of plans) {
      const uid = UIDS[plan.kind];
      const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model: uid });
      const exists = await draft(plan.kind, plan.documentId, locale);
      const action = exists ? UPDATE : CREATE;
      const entity = { ...(exists ?? {}), locale };
      if (checker.cannot(action, entity)) {
        refused.push(`${plan.kind}.${plan.documentId}: your role may not ${exists ? 'edit' : 'create'} ${locale}`);
        continue;
      }
      const fields = [...new Set(Object.keys(plan.targets).map((p) => p.split('.')[0]))].filter((f) => TRANSLATED_FIELDS[plan.kind].includes(f));
      const components = strapi.contentType(uid).attributes as Record<string, { type: string; component?: string }>;
      for (const field of fields) {
        const attr = components[field];
        const paths =
          attr?.type === 'component' ? Object.keys(strapi.components[attr.component as never]?.attributes ?? {}).map((s) => `${field}.${s}`) : [field];
        if (paths.every((p) => checker.cannot(action, entity, p)))
          refused.push(`${plan.kind}.${plan.documentId}: your role may not change ${field} in ${locale}`);
      }
    }
    if (refused.length) throw new XliffForbidden(refused.join('; '));
  }
};
