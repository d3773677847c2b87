/**
 * The rights history store: append-only. Entries are written only here, with raw queries inside the
 * write's own transaction (so a refused or rolled-back write leaves no entry); the Document Service
 * refuses every write to the history type (workflow/write-hooks.strapi.ts), no route writes it, GraphQL does
 * not expose it. `strapi export` / `import` carry it like every other table.
 */
import { HISTORY_UID, HistoryEntry, storedHistoryEntry } from './history';
import { dbQuery } from '../boundary';
import type { Strapi } from '../boundary';

/** A stored history entry, as the Query Engine returns it. */
type StoredEntry = {
  at: string;
  change: string;
  locale?: string | null;
  before?: { value?: unknown } | null;
  after?: { value?: unknown } | null;
  actorType: string;
  actorId?: string | null;
  actorName: string;
};

export default ({ strapi }: { strapi: Strapi }) => ({
  /** Appends entries, one INSERT per 500 (no read-back: nothing uses the stored rows here). */
  async record(entries: HistoryEntry[]) {
    for (let i = 0; i < entries.length; i += 500) {
      await dbQuery(strapi, HISTORY_UID).createMany({ data: entries.slice(i, i + 500).map(storedHistoryEntry) });
    }
  },

  /** Oldest first; `locale` narrows to one locale plus the document-wide changes. */
  async list(documentId: string, { locale, limit = 500 }: { locale?: string; limit?: number } = {}) {
    const where: Record<string, unknown> = { articleDocumentId: documentId };
    if (locale) where.$or = [{ locale }, { locale: null }];
    const rows = await dbQuery<StoredEntry>(strapi, HISTORY_UID).findMany({ where, orderBy: [{ at: 'asc' }, { id: 'asc' }], limit });
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      change: r.change,
      locale: r.locale ?? null,
      before: r.before?.value ?? null,
      after: r.after?.value ?? null,
      actor: { type: r.actorType, id: r.actorId ?? null, name: r.actorName },
    }));
  },
});
