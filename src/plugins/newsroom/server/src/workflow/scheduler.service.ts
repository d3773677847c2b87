/**
 * The embargo auto-publisher. Every instance runs it; the database decides who publishes: a due
 * document is claimed by an UPDATE that turns its `autoPublish` off, in the same transaction as the
 * publication. A second instance's claim waits for the first transaction and then matches no row
 * (PostgreSQL row locks; SQLite has one writer), so each story is published once. Nothing lives in
 * memory: after a restart (or a crash, which rolls the claim back) the next pass finds what is due,
 * including stories whose time came while no instance was running (published late, never lost).
 */
import { UIDS } from '../content-types/facts';
import { DraftForSchedule, nextWakeDelay, readyLocales } from './embargo';
import { messageOf, dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi, Row } from '../boundary';
import { runEnforcing } from '../enforcement/write-scope';
import { runAs } from './write-hooks.strapi';

const SCHEDULER = { type: 'system' as const, id: null, name: 'embargo scheduler' };

export interface SchedulerRun {
  documentId: string;
  locales: string[];
}

export default ({ strapi }: { strapi: Strapi }) => {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SchedulerRun[]> | null = null;
  let stopped = true;
  const failures = new Map<string, number>();
  const query = () => dbQuery<DraftForSchedule & Row>(strapi, UIDS.article);

  const dueWhere = (now: Date) => ({ autoPublish: true, publishedAt: null, embargoUntil: { $notNull: true, $lte: now.toISOString() } });

  async function publishDue(documentId: string): Promise<SchedulerRun | null> {
    const cfg = newsroomConfig(strapi);
    return strapi.db.transaction(async () => {
      // The claim: only one transaction turns autoPublish off; the others match nothing.
      const claimed = await runEnforcing(() =>
        query().updateMany({ where: { documentId, autoPublish: true, publishedAt: null }, data: { autoPublish: false } }),
      );
      if (!claimed?.count) return null;
      const drafts = await query().findMany({ select: ['locale', 'title', 'translationStatus'], where: { documentId, publishedAt: null } });
      const locales = readyLocales(drafts, cfg.defaultLocale);
      for (const locale of locales) await runAs(SCHEDULER, () => strapi.documents(UIDS.article).publish({ documentId, locale }));
      return { documentId, locales };
    });
  }

  async function runOnce(now = new Date()): Promise<SchedulerRun[]> {
    const rows = await query().findMany({ select: ['documentId'], where: dueWhere(now), orderBy: { embargoUntil: 'asc' }, limit: 200 });
    const runs: SchedulerRun[] = [];
    const ids: string[] = [...new Set<string>(rows.map((r: Row) => r.documentId as string))];
    for (const documentId of ids) {
      try {
        const run = await publishDue(documentId);
        if (run) {
          runs.push(run);
          failures.delete(documentId);
          strapi.log.info(`[newsroom] scheduler: published ${documentId} at its embargo (${run.locales.join(', ') || 'no ready locale'})`);
        }
      } catch (err: unknown) {
        // Rolled back: the claim is undone and the next pass tries again. Logged on the first failure only.
        const n = (failures.get(documentId) ?? 0) + 1;
        failures.set(documentId, n);
        if (n === 1) strapi.log.error(`[newsroom] scheduler: could not publish ${documentId}: ${messageOf(err)}`);
      }
    }
    return runs;
  }

  async function nextDue(): Promise<string | null> {
    const row = await query().findOne({
      select: ['embargoUntil'],
      where: { autoPublish: true, publishedAt: null, embargoUntil: { $notNull: true } },
      orderBy: { embargoUntil: 'asc' },
    });
    return ((row as Row | null)?.embargoUntil as string | null | undefined) ?? null;
  }

  function schedule(delay: number) {
    if (stopped) return;
    timer = setTimeout(pass, delay);
    timer.unref?.();
  }

  async function pass() {
    timer = null;
    const interval = newsroomConfig(strapi).scheduler.intervalMs;
    let delay = interval;
    try {
      running = runOnce();
      await running;
      delay = nextWakeDelay(await nextDue(), new Date(), interval);
    } catch (err: unknown) {
      strapi.log.warn(`[newsroom] scheduler pass failed: ${messageOf(err)}`);
    } finally {
      running = null;
    }
    // A due time a few ms away: wake just after it rather than spinning.
    schedule(Math.max(delay, 50));
  }

  return {
    runOnce,
    start() {
      const cfg = newsroomConfig(strapi).scheduler;
      if (!cfg.enabled || !stopped) return;
      stopped = false;
      schedule(Math.min(cfg.intervalMs, 1000));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
};
