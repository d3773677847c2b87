/**
 * The main enforcement path: every REST, GraphQL, Content Manager and Document Service write to a
 * newsroom type passes here. Validation and canonical values before the write; after it, every row
 * of the document (other locales, draft and published) is reconciled in the same transaction.
 */
import { kindOf } from '../content-types/facts';
import { getService, resultDocumentId, useDocuments } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Row, Strapi, TransactionTools } from '../boundary';
import { runEnforcing } from './write-scope';
import type { WriteScope } from './write-scope';
import { invalidationStrength } from '../read-path/invalidation';
import type { Strength } from '../read-path/invalidation';
import * as workflow from '../workflow/write-hooks.strapi';
import { componentsAfterWrite } from '../workflow/publication';

const PREPARED = new Set(['create', 'update', 'clone']);
const ENFORCED = new Set(['create', 'update', 'clone', 'publish', 'unpublish', 'discardDraft', 'delete']);
// A create makes one locale from data the rules just canonicalised: nothing else to reconcile.
// A delete of one locale can leave the others without their source (translationStatus changes).
const RECONCILED = new Set(['update', 'clone', 'publish', 'unpublish', 'discardDraft', 'delete']);

export function registerDocumentMiddleware(strapi: Strapi) {
  useDocuments(strapi, async (ctx, next) => {
    const kind = kindOf(ctx.uid);
    if (!kind || !ENFORCED.has(ctx.action) || !newsroomConfig(strapi).enforce) return next();
    const rules = getService(strapi, 'rules');
    const scope: WriteScope = { touched: new Set<string>() };
    let strength: Strength = 'hard'; // until the write says what it changed
    let invalidated: Promise<void> | undefined;
    const result = await strapi.db.transaction(({ onCommit }: TransactionTools) =>
      runEnforcing(async () => {
        // Readers that filled the cache while this write was in flight are dropped once it is committed.
        onCommit(() => (invalidated = getService(strapi, 'read-cache').invalidate(scope.everything ? '*' : [...scope.touched], strength)));
        const flow = await workflow.beforeWrite(strapi, ctx);
        // The workflow read every row of an article: the rules use its drafts instead of reading again.
        const read = flow && flow.documentId === (ctx.params?.documentId ?? null) ? flow.before.filter((r) => !r.publishedAt) : undefined;
        if (PREPARED.has(ctx.action)) await rules.prepareWrite(kind, ctx, read);
        const result = await next();
        const documentId = resultDocumentId(result) ?? (ctx.params?.documentId as string | undefined);
        const translations = getService(strapi, 'translations');
        if (ctx.action === 'update' && ctx.params?.status === 'published' && translations.touchesSharedFields(kind, ctx.params.data as Row | undefined)) {
          await translations.syncDraftLocales(kind, documentId, ctx.params.locale as string | undefined);
        }
        // An article's rows are read once after the write, with every component the reconciliation,
        // the dates and the history need; the reconciliation brings them in line in place.
        const writtenId = flow ? workflow.writtenDocumentId(ctx, result, flow) : null;
        const after =
          writtenId && writtenId === documentId
            ? await workflow.documentRows(strapi, writtenId, componentsAfterWrite(flow!.before, ctx.params?.data as Row | undefined))
            : undefined;
        if (RECONCILED.has(ctx.action)) await getService(strapi, 'reconcile').reconcileDocument(kind, documentId, after);
        strength = invalidationStrength(ctx.action, await workflow.afterWrite(strapi, ctx, result, flow, after));
        return result;
      }, scope),
    );
    // A hard invalidation is applied on every instance and at the edge before the write answers.
    // Inside an outer transaction (the Content Manager's) it starts at that one's commit, after this
    // call returns: the HTTP answer waits for it then (read-cache.service.ts, invalidationsOf).
    await invalidated;
    return result;
  });
}
