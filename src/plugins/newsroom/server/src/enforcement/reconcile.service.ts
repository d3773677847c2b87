/**
 * Reconciliation: every row of a document (each locale, draft and published) brought in line with
 * the rules after a write, and the audit behind `newsroom check` and boot-time reconciliation.
 */
import { NewsroomKind, RULE_POPULATE, UIDS, KINDS } from '../content-types/facts';
import { canonicalPatch, contentProblems } from './canonical';
import { sourceHashesFor } from '../translations/translation';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Row, Strapi } from '../boundary';
import { WRITE_POPULATE, rowsOf } from './rows.strapi';

export default ({ strapi }: { strapi: Strapi }) => {
  const config = () => newsroomConfig(strapi);
  return {
    /**
     * Brings every row of a document (each locale, draft and published) in line; returns rows fixed.
     * `read`: its rows as the caller read them after the write, with the rules' components
     * (RULE_POPULATE) — they are reconciled in place, so the caller goes on with what is stored.
     */
    async reconcileDocument(kind: NewsroomKind, documentId: string | null | undefined, read?: Row[]): Promise<number> {
      if (!documentId) return 0;
      const cfg = config();
      if (read) return this.reconcileRows(kind, read, cfg);
      const rows = await rowsOf(strapi, kind, documentId, {}, WRITE_POPULATE[kind]);
      // Translated text (with its components) is read only when there is a translation to judge.
      if (rows.some((r) => r.locale !== cfg.defaultLocale)) {
        const sources = await rowsOf(strapi, kind, documentId, { locale: cfg.defaultLocale });
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
          Object.assign(row, patch);
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
        const table = (strapi.db.metadata.get(uid) as unknown as { tableName: string }).tableName;
        // Keyset pages of documentIds: memory stays bounded by the page, whatever the archive's size.
        for (let after = ''; ;) {
          const page = (await strapi.db
            .connection(table)
            .distinct('document_id')
            .where('document_id', '>', after)
            .orderBy('document_id')
            .limit(pageSize)) as Array<{
            document_id: string;
          }>;
          if (!page.length) break;
          after = page[page.length - 1].document_id;
          const rows: Row[] = await dbQuery(strapi, uid).findMany({
            where: { documentId: { $in: page.map((r) => r.document_id) } },
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
