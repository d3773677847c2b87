/**
 * Safety net for writes that bypass the Document Service (raw db.query, i18n's copying of
 * non-localized fields outside a document action, imports of old data): after such a write, the
 * affected documents are reconciled; figures that would break a rule are refused before the write.
 */
import { KINDS, UIDS, kindOf } from '../content-types/facts';
import { figureProblems } from './figures';
import { afterCommit, getService, validationError, dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { LifecycleEvent, Row, Strapi } from '../boundary';
import { tagsForWrite } from '../read-path/cache';
import { currentScope, isEnforcing, runEnforcing } from './write-scope';

export function subscribeSafetyNet(strapi: Strapi) {
  const active = () => !isEnforcing() && newsroomConfig(strapi).enforce;

  const reconcileWhere = async (uid: string, where: Row) => {
    const kind = kindOf(uid)!;
    const rows = await dbQuery(strapi, uid).findMany({ select: ['documentId'], where });
    const ids = [...new Set(rows.map((r: Row) => r.documentId as string))];
    await runEnforcing(async () => {
      for (const documentId of ids) await getService(strapi, 'reconcile').reconcileDocument(kind, documentId);
    });
  };

  const checkFigures = async (event: LifecycleEvent) => {
    if (!active() || event.model.uid !== UIDS.neighbourhood) return;
    const data = event.params?.data ?? {};
    const current = event.params?.where ? await dbQuery(strapi, UIDS.neighbourhood).findMany({ where: event.params.where }) : [{}];
    for (const row of current.length ? current : [{}]) {
      const problems = figureProblems({ ...row, ...data });
      if (problems.length) throw validationError(problems);
    }
  };

  /**
   * Every row write drops the cache entries it affects. Inside a Document Service write (a write
   * scope) they are only noted: that write invalidates them at commit, soft or hard as it decides.
   * Outside one (raw queries, i18n's copies) nothing says what changed: hard, at once and at commit.
   */
  const invalidate = async (event: LifecycleEvent) => {
    const kind = kindOf(event.model.uid)!;
    const ids = new Set<string>();
    const add = (v: unknown) => typeof v === 'string' && ids.add(v);
    add(event.result?.documentId);
    add(event.params?.data?.documentId);
    const where = event.params?.where;
    add(where?.documentId);
    if (Array.isArray(where?.documentId?.$in)) where.documentId.$in.forEach(add);
    const tags = ids.size ? [...ids].flatMap((id) => tagsForWrite(kind, id)) : tagsForWrite(kind, null);
    // A many-row write we cannot attribute to documents: drop everything of that kind's documents too.
    const all = !ids.size && /Many$/.test(event.action);
    const cache = getService(strapi, 'read-cache');
    const scope = currentScope();
    if (scope) {
      tags.forEach((t) => scope.touched.add(t));
      if (all) scope.everything = true;
    } else {
      // Now, and again once committed: a reader in between could have cached the old rows.
      void cache.invalidate(all ? '*' : tags, 'hard');
      if (strapi.db.inTransaction()) afterCommit(strapi, () => cache.invalidate(all ? '*' : tags, 'hard'));
    }
  };

  strapi.db.lifecycles.subscribe({
    models: KINDS.map((k) => UIDS[k]),
    async afterDelete(event: LifecycleEvent) {
      await invalidate(event);
      // The locales left behind may have lost their source (translationStatus).
      const documentId = event.result?.documentId;
      if (active() && typeof documentId === 'string') await reconcileWhere(event.model.uid, { documentId });
    },
    afterDeleteMany: invalidate,
    beforeCreate: checkFigures,
    beforeUpdate: checkFigures,
    beforeUpdateMany: checkFigures,
    async afterCreate(event: LifecycleEvent) {
      await invalidate(event);
      if (active() && event.result?.id) await reconcileWhere(event.model.uid, { id: event.result.id });
    },
    async afterUpdate(event: LifecycleEvent) {
      await invalidate(event);
      if (active() && event.result?.id) await reconcileWhere(event.model.uid, { id: event.result.id });
    },
    async afterUpdateMany(event: LifecycleEvent) {
      await invalidate(event);
      if (active() && event.params?.where) await reconcileWhere(event.model.uid, event.params.where);
    },
    async afterCreateMany(event: LifecycleEvent) {
      await invalidate(event);
      if (active() && event.result?.ids?.length) await reconcileWhere(event.model.uid, { id: { $in: event.result.ids } });
    },
  });
}
