/**
 * Slugs on the write path: a client's slug is normalised and must be free in its locale; otherwise
 * one is made from the title (pinyin for Chinese) and kept stable when the title changes. A rename
 * keeps the old slug in previousSlugs so by-slug lookups follow it. On PostgreSQL an advisory lock
 * serialises the choice across instances.
 */
import { createHash } from 'crypto';
import { NewsroomKind, TITLE_FIELD, UIDS } from '../content-types/facts';
import { fallbackSlug, firstFreeSlug, normalizeClientSlug, slugFromTitle } from './slug';
import { FieldProblem, problem } from '../enforcement/problems';
import { dbQuery } from '../boundary';
import type { Row, Strapi, TransactionTools } from '../boundary';

export default ({ strapi }: { strapi: Strapi }) => {
  /**
   * Serialises slug choice across instances on PostgreSQL (released at commit): the write path and
   * the importer's bulk path take the same lock. `trx`: the caller's transaction, when it has one.
   */
  async function lockSlugs(kind: NewsroomKind, locale: string, trx?: TransactionTools['trx']) {
    const db = strapi.db;
    if (db.config?.connection?.client !== 'postgres') return;
    const key = createHash('sha1').update(`newsroom-slug:${kind}:${locale}`).digest().readInt32BE(0);
    if (trx) await trx.raw('select pg_advisory_xact_lock(?)', [key]);
    else await db.transaction(({ trx: own }: TransactionTools) => own.raw('select pg_advisory_xact_lock(?)', [key]));
  }

  async function takenSlugs(kind: NewsroomKind, locale: string, base: string, documentId: string | null): Promise<string[]> {
    const rows: Row[] = await dbQuery(strapi, UIDS[kind]).findMany({
      select: ['slug'],
      where: {
        locale,
        $or: [{ slug: base }, { slug: { $startsWith: `${base}-` } }],
        ...(documentId ? { documentId: { $ne: documentId } } : {}),
      },
    });
    return rows.map((r) => r.slug as string);
  }

  async function slugOwner(kind: NewsroomKind, locale: string, slug: string, documentId: string | null) {
    return dbQuery(strapi, UIDS[kind]).findOne({
      select: ['documentId'],
      where: { locale, slug, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
    });
  }

  /** Sets data.slug (and previousSlugs when an editor renames) for the locale being written. */
  async function assign(kind: NewsroomKind, data: Row, own: Row | undefined, merged: Row, locale: string, documentId: string | null) {
    const problems: FieldProblem[] = [];
    const sent = data.slug;
    delete data.previousSlugs;
    if (sent !== undefined && sent !== null && sent !== '') {
      const { slug, problems: slugProblems } = normalizeClientSlug(sent);
      if (slugProblems.length || !slug) return slugProblems;
      if (slug === own?.slug) {
        data.slug = slug;
        return problems;
      }
      await lockSlugs(kind, locale);
      if (await slugOwner(kind, locale, slug, documentId)) {
        return [problem('slug', `"${slug}" is already used by another ${kind} in ${locale}`)];
      }
      data.slug = slug;
      if (own?.slug)
        data.previousSlugs = [...new Set([...((own.previousSlugs as string[] | null | undefined) ?? []), own.slug as string])].filter((s) => s !== slug);
      return problems;
    }
    if (own?.slug) {
      // Stable: a published title edit never moves the slug.
      delete data.slug;
      return problems;
    }
    const base = slugFromTitle(merged[TITLE_FIELD[kind]] as string | null | undefined) || fallbackSlug(kind, documentId);
    await lockSlugs(kind, locale);
    // Most titles are new: one equality lookup; the prefix scan only when the base is taken.
    data.slug = (await slugOwner(kind, locale, base, documentId)) ? firstFreeSlug(base, await takenSlugs(kind, locale, base, documentId)) : base;
    return problems;
  }

  return { assign, lock: lockSlugs };
};
