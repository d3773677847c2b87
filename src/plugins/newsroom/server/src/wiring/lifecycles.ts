/**
 * Safety net for writes that bypass the Document Service (raw db.query, i18n's copying of
 * non-localized fields outside a document action, imports of old data): after such a write, the
 * affected documents are reconciled; figures that would break a rule are refused before the write.
 */
import { KINDS, UIDS, kindOf } from '../domain/kinds';
import { figureProblems } from '../domain/figures';
import { newsroomConfig, getService, validationError } from '../utils';
import { isEnforcing, runEnforcing } from './context';

export function subscribeSafetyNet(strapi: any) {
  const active = () => !isEnforcing() && newsroomConfig(strapi).enforce;

  const reconcileWhere = async (uid: string, where: any) => {
    const kind = kindOf(uid)!;
    const rows = await strapi.db.query(uid).findMany({ select: ['documentId'], where });
    const ids = [...new Set(rows.map((r: any) => r.documentId))] as string[];
    await runEnforcing(async () => {
      for (const documentId of ids) await getService(strapi, 'rules').reconcileDocument(kind, documentId);
    });
  };

  const checkFigures = async (event: any) => {
    if (!active() || event.model.uid !== UIDS.neighbourhood) return;
    const data = event.params?.data ?? {};
    const current = event.params?.where
      ? await strapi.db.query(UIDS.neighbourhood).findMany({ where: event.params.where })
      : [{}];
    for (const row of current.length ? current : [{}]) {
      const problems = figureProblems({ ...row, ...data });
      if (problems.length) throw validationError(problems);
    }
  };

  strapi.db.lifecycles.subscribe({
    models: KINDS.map((k) => UIDS[k]),
    beforeCreate: checkFigures,
    beforeUpdate: checkFigures,
    beforeUpdateMany: checkFigures,
    async afterCreate(event: any) {
      if (active() && event.result?.id) await reconcileWhere(event.model.uid, { id: event.result.id });
    },
    async afterUpdate(event: any) {
      if (active() && event.result?.id) await reconcileWhere(event.model.uid, { id: event.result.id });
    },
    async afterUpdateMany(event: any) {
      if (active() && event.params?.where) await reconcileWhere(event.model.uid, event.params.where);
    },
    async afterCreateMany(event: any) {
      if (active() && event.result?.ids?.length) await reconcileWhere(event.model.uid, { id: { $in: event.result.ids } });
    },
  });
}
