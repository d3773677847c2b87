/**
 * The rules before a write, as the Document Service middleware applies them: it loads what the
 * pure write rules (write-rules.ts) need, chooses the slug (slugs service) and refuses the write
 * when a rule is broken (nothing is written). After the write, the reconcile service brings every
 * row of the document in line.
 */
import { NewsroomKind, UIDS } from '../content-types/facts';
import { prepareWriteData, recordTranslation } from './write-rules';
import type { WriteAction } from './write-rules';
import { validationError, getService } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { DocumentCall, Row, Strapi } from '../boundary';
import { WRITE_POPULATE, rowsOf } from './rows.strapi';

export default ({ strapi }: { strapi: Strapi }) => {
  const config = () => newsroomConfig(strapi);

  return {
    /**
     * Before create / update / clone. `drafts`: the document's draft rows when the caller has read
     * them already (the workflow reads every row of an article once per write); else they are read here.
     */
    async prepareWrite(kind: NewsroomKind, ctx: DocumentCall, drafts?: readonly Row[]) {
      const cfg = config();
      const params = ctx.params ?? {};
      const data: Row = (params.data as Row | undefined) ?? {};
      params.data = data;
      const locale: string = (params.locale as string | undefined) ?? cfg.defaultLocale;
      const documentId: string | null = (params.documentId as string | undefined) ?? null;
      const stored = documentId ? (drafts ?? (await rowsOf(strapi, kind, documentId, { publishedAt: null }, WRITE_POPULATE[kind]))) : [];
      const attributes = (strapi.contentType(UIDS[kind])?.attributes ?? {}) as Record<string, { repeatable?: boolean }>;
      const prepared = prepareWriteData(cfg, kind, {
        action: ctx.action as WriteAction,
        locale,
        data,
        drafts: stored,
        isRepeatable: (field) => !!attributes[field]?.repeatable,
      });

      const problems = prepared.problems;
      problems.push(
        ...(await getService(strapi, 'slugs').assign(kind, data, prepared.own, prepared.merged, locale, ctx.action === 'clone' ? null : documentId)),
      );
      // A clone starts with no old slugs to answer for (Strapi would copy the source's).
      if (ctx.action === 'clone') data.previousSlugs = null;
      if (problems.length) throw validationError(problems);

      const source =
        prepared.recordsSource && documentId
          ? ((drafts ?? (await rowsOf(strapi, kind, documentId, { publishedAt: null, locale: cfg.defaultLocale }))).find(
              (r) => r.locale === cfg.defaultLocale,
            ) ?? null)
          : null;
      recordTranslation(cfg, kind, prepared, locale, source);
    },
  };
};
