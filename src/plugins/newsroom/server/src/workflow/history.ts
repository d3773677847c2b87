/**
 * The rights history of an article: what a write changed in `exclusive`, `origin`, `embargoUntil`,
 * a locale's slug, its publication and its corrections — computed from the document's rows before
 * and after the write. Pure; the history service stores the entries (append-only).
 */
import { contentFingerprint } from './publication';

export const HISTORY_UID = 'plugin::newsroom.history-entry';

export type HistoryChange = 'exclusive' | 'origin' | 'embargoUntil' | 'autoPublish' | 'slug' | 'publish' | 'unpublish' | 'correction';
export type ActorType = 'admin' | 'api-token' | 'user' | 'system';

export interface Actor {
  type: ActorType;
  id: string | null;
  name: string;
}

export interface HistoryEntry {
  articleDocumentId: string;
  locale: string | null;
  change: HistoryChange;
  before: unknown;
  after: unknown;
  actorType: ActorType;
  actorId: string | null;
  actorName: string;
  at: string;
}

type Row = Record<string, unknown>;

/** A history entry as the table stores it: a bare boolean in a JSON column comes back from SQLite as 0 / 1, so values are wrapped. */
export const storedHistoryEntry = (e: HistoryEntry): Row => ({ ...e, before: { value: e.before }, after: { value: e.after } });

const iso = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(v as string);
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
};

type OriginFields = { outlet?: unknown; url?: unknown; originalDateline?: unknown; originalDate?: unknown };

const origin = (value: unknown) => {
  const o = value as OriginFields | null | undefined;
  return o && (o.outlet || o.url || o.originalDateline || o.originalDate)
    ? { outlet: o.outlet ?? null, url: o.url ?? null, originalDateline: o.originalDateline ?? null, originalDate: o.originalDate ?? null }
    : null;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The draft row of a locale (or, for the shared fields, the first draft). */
const draftOf = (rows: Row[], locale?: string) => rows.find((r) => !r.publishedAt && (!locale || r.locale === locale));

/**
 * The entries one write makes. `before` and `after` are every row of the document (each locale,
 * draft and published) with `origin` and `corrections` populated.
 */
export function historyEntries(documentId: string, before: Row[], after: Row[], actor: Actor, at: Date): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const push = (change: HistoryChange, locale: string | null, b: unknown, a: unknown) =>
    out.push({
      articleDocumentId: documentId,
      locale,
      change,
      before: b ?? null,
      after: a ?? null,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      at: at.toISOString(),
    });

  // Shared (non-localized) fields: judged on the drafts, recorded once for the document.
  const b0 = draftOf(before);
  const a0 = draftOf(after);
  if (a0) {
    const shared: Array<[HistoryChange, (r: Row | undefined) => unknown]> = [
      ['exclusive', (r) => (r ? !!r.exclusive : null)],
      ['origin', (r) => (r ? origin(r.origin) : null)],
      ['embargoUntil', (r) => (r ? iso(r.embargoUntil) : null)],
      ['autoPublish', (r) => (r ? !!r.autoPublish : null)],
    ];
    for (const [change, pick] of shared) {
      const was = pick(b0);
      const now = pick(a0);
      // A new story records only what it starts with that matters (an exclusive, an origin, an embargo).
      if (!b0 && (now === null || now === false)) continue;
      if (!same(was, now)) push(change, null, was, now);
    }
  }

  const locales = [...new Set([...before, ...after].map((r) => r.locale as string))].sort();
  for (const locale of locales) {
    const bd = draftOf(before, locale);
    const ad = draftOf(after, locale);
    if (bd?.slug && ad?.slug && bd.slug !== ad.slug) push('slug', locale, bd.slug, ad.slug);

    const bc = (bd?.corrections as Row[] | null | undefined) ?? [];
    const ac = (ad?.corrections as Row[] | null | undefined) ?? [];
    for (const c of ac.slice(bc.length)) push('correction', locale, null, { date: iso(c.date), kind: c.kind ?? 'correction', text: c.text });

    const bp = before.find((r) => r.locale === locale && r.publishedAt);
    const ap = after.find((r) => r.locale === locale && r.publishedAt);
    // One entry per event: publishing the same content again (a publish of every locale after a
    // write that already published one) re-creates the row but tells a reader nothing new.
    const republishedUnchanged = bp && ap && bp.id !== ap.id && contentFingerprint(bp) === contentFingerprint(ap);
    if (ap && (!bp || bp.id !== ap.id) && !republishedUnchanged) push('publish', locale, bp ? iso(bp.publishedAt) : null, iso(ap.publishedAt));
    if (bp && !ap) push('unpublish', locale, iso(bp.publishedAt), null);
  }
  return out;
}

/** Someone Strapi authenticated: an admin, a user, an API token. */
type Person = { id?: string | number | null; firstname?: string; lastname?: string; username?: string; email?: string; name?: string };

/** What Strapi knows of a request's author (`ctx.state`), read with care. */
interface RequestState {
  auth?: { strategy?: { name?: string }; credentials?: Person };
  user?: Person;
}

/** Who did it, from what Strapi knows of the request (no request: the system, e.g. the scheduler). */
export function actorFrom(requestState: unknown, fallback: Actor = { type: 'system', id: null, name: 'system' }): Actor {
  const state = requestState as RequestState | null | undefined;
  const strategy = state?.auth?.strategy?.name;
  const credentials = state?.auth?.credentials;
  if (strategy === 'admin') {
    const u = state?.user ?? credentials ?? {};
    const name = [u.firstname, u.lastname].filter(Boolean).join(' ') || u.username || u.email || `admin ${u.id}`;
    return { type: 'admin', id: u.id != null ? String(u.id) : null, name: u.email && name !== u.email ? `${name} <${u.email}>` : name };
  }
  if (strategy === 'api-token' || strategy === 'content-api-token') {
    return { type: 'api-token', id: credentials?.id != null ? String(credentials.id) : null, name: `API token "${credentials?.name ?? 'unnamed'}"` };
  }
  if (state?.user) {
    const u = state.user;
    return { type: 'user', id: u.id != null ? String(u.id) : null, name: u.username || u.email || `user ${u.id}` };
  }
  return fallback;
}
