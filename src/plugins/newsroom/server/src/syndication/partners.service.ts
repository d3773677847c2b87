/**
 * Signed syndication to partners. A write that publishes, corrects or unpublishes a story a partner
 * may carry adds rows to the delivery log in its own transaction (a refused write sends nothing);
 * a dispatcher on every instance sends them afterwards — the editor's save never waits for a
 * partner. Each attempt is claimed in the database (one instance sends it), signed afresh
 * (X-Newsroom-Signature with the current time), and on failure retried with exponential backoff
 * until `syndication.maxAttempts`; the log (GET /newsroom/deliveries) shows editors every attempt's outcome.
 */
import { SIGNATURE_HEADER, signPayload } from './signature';
import { DeliveryEvent, Partner, deliveryBody, localeEvent, partnerWants, resolvePartners, retryDelayMs } from './partners';
import { getService, messageOf, dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi } from '../boundary';

export { DELIVERY_UID } from '../content-types/facts';
import { DELIVERY_UID } from '../content-types/facts';
type Row = Record<string, unknown>;

/** A pending attempt in the delivery log. */
interface Delivery {
  id: number;
  partner: string;
  url: string;
  event: string;
  documentId: string;
  articleDocumentId: string;
  locale: string;
  body: string;
  attempts: number;
}

/** What a failed request or pass says about itself, read with care (it may be anything thrown). */
type Thrown = { cause?: { code?: unknown }; name?: unknown; message?: unknown } | null | undefined;

export default ({ strapi }: { strapi: Strapi }) => {
  let resolved: { key: string; partners: Partner[] } = { key: '', partners: [] };
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let running: Promise<unknown> | null = null;
  /** Attempts in flight: a slow partner holds only its own request, never the next pass. */
  const inflight = new Set<Promise<void>>();
  const settings = () => newsroomConfig(strapi).syndication;
  const log = () => dbQuery<Delivery>(strapi, DELIVERY_UID);

  function partners(): Partner[] {
    const list = settings().partners;
    const key = JSON.stringify(list ?? []);
    if (key !== resolved.key) {
      const { partners: valid, problems } = resolvePartners(list);
      for (const p of problems) strapi.log.error(`[newsroom] syndication: ${p} (partner skipped)`);
      resolved = { key, partners: valid };
    }
    return resolved.partners;
  }

  async function attempt(row: Delivery) {
    const cfg = settings();
    const now = Date.now();
    // The claim: one instance takes this attempt; the lease covers the request's timeout.
    const claimed = await log().updateMany({
      where: { id: row.id, status: 'pending', attempts: row.attempts },
      data: { attempts: row.attempts + 1, nextAttemptAt: new Date(now + cfg.timeoutMs + 30_000) },
    });
    if (!claimed?.count) return;
    const tries = row.attempts + 1;
    const partner = partners().find((p) => p.url === row.url && p.name === row.partner);
    if (!partner) {
      await log().update({ where: { id: row.id }, data: { status: 'failed', lastError: 'partner no longer configured', nextAttemptAt: null } });
      return;
    }
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(partner.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(cfg.timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [SIGNATURE_HEADER]: signPayload(partner.secret, row.body, Math.floor(Date.now() / 1000)),
          'X-Newsroom-Event': row.event,
          'X-Newsroom-Delivery': row.documentId,
          'user-agent': 'newsroom-syndication/1',
        },
        body: row.body,
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (err: unknown) {
      const e = err as Thrown;
      error = String(e?.cause?.code ?? e?.name ?? e?.message ?? err).slice(0, 500);
    }
    if (!error) {
      await log().update({
        where: { id: row.id },
        data: { status: 'delivered', lastStatusCode: status, lastError: null, deliveredAt: new Date(), nextAttemptAt: null },
      });
    } else if (tries >= cfg.maxAttempts) {
      await log().update({ where: { id: row.id }, data: { status: 'failed', lastStatusCode: status, lastError: error, nextAttemptAt: null } });
      strapi.log.warn(
        `[newsroom] syndication: ${row.event} of ${row.articleDocumentId} (${row.locale}) to ${row.partner} failed after ${tries} attempts: ${error}`,
      );
    } else {
      await log().update({
        where: { id: row.id },
        data: { lastStatusCode: status, lastError: error, nextAttemptAt: new Date(Date.now() + retryDelayMs(tries, cfg.retryBaseMs)) },
      });
    }
  }

  async function runOnce() {
    const due = await log().findMany({
      where: { status: 'pending', nextAttemptAt: { $lte: new Date().toISOString() } },
      orderBy: { nextAttemptAt: 'asc' },
      limit: 20,
    });
    for (const row of due) {
      const p: Promise<void> = attempt(row)
        .catch((err: unknown) => {
          strapi.log.warn(`[newsroom] syndication attempt failed: ${messageOf(err)}`);
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    return due.length;
  }

  function schedule(delay: number) {
    if (stopped || timer) return;
    timer = setTimeout(async () => {
      timer = null;
      try {
        running = runOnce();
        await running;
      } catch (err: unknown) {
        strapi.log.warn(`[newsroom] syndication pass failed: ${messageOf(err)}`);
      } finally {
        running = null;
      }
      schedule(1000);
    }, delay);
    timer.unref?.();
  }

  return {
    partners,
    runOnce,

    /**
     * Called inside a write's transaction with the document's rows before and after it: adds a
     * delivery per partner and event. Costs nothing when no partner is configured.
     */
    async enqueue(documentId: string, before: Row[], after: Row[]) {
      const all = partners();
      if (!all.length) return 0;
      const now = new Date();
      const locales = [...new Set([...before, ...after].map((r) => r.locale as string))];
      let added = 0;
      for (const locale of locales) {
        const b = before.find((r) => r.locale === locale && r.publishedAt);
        const a = after.find((r) => r.locale === locale && r.publishedAt);
        const event: DeliveryEvent | null = localeEvent(b as Parameters<typeof localeEvent>[0], a as Parameters<typeof localeEvent>[1]);
        if (!event) continue;
        const wanted = all.filter((p) => partnerWants(p, { locale, exclusive: !!(a ?? b)!.exclusive }));
        if (!wanted.length) continue;
        const ninjs = event === 'unpublish' ? null : await getService(strapi, 'syndication').ninjsFor(documentId, locale);
        const body = deliveryBody(event, { documentId, locale }, ninjs, now);
        for (const p of wanted) {
          await log().create({
            data: { partner: p.name, url: p.url, event, articleDocumentId: documentId, locale, body, status: 'pending', attempts: 0, nextAttemptAt: now },
          });
          added += 1;
        }
      }
      // Sent once the write has committed (the next pass, within a second).
      if (added && !stopped && !timer) schedule(200);
      return added;
    },

    /** The delivery log, newest first, without bodies (editors; API tokens). */
    async list({ documentId, limit = 100 }: { documentId?: string; limit?: number } = {}) {
      const rows: Row[] = await dbQuery(strapi, DELIVERY_UID).findMany({
        where: documentId ? { articleDocumentId: documentId } : {},
        select: [
          'documentId',
          'partner',
          'url',
          'event',
          'articleDocumentId',
          'locale',
          'status',
          'attempts',
          'nextAttemptAt',
          'lastStatusCode',
          'lastError',
          'deliveredAt',
          'createdAt',
        ],
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: Math.min(Math.max(1, limit), 500),
      });
      return rows.map(({ documentId: id, ...r }) => ({ id, ...r }));
    },

    start() {
      if (!stopped) return;
      stopped = false;
      partners();
      schedule(1000);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
      await Promise.allSettled([...inflight]);
    },
    /** Waits for the attempts in flight (tests, shutdown). */
    async drain() {
      await Promise.allSettled([...inflight]);
    },
  };
};
