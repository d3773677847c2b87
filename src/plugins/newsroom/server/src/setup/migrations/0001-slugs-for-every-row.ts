/**
 * 0001: every row has a slug. Rows written around the Document Service (raw `strapi.db.query`
 * inserts, `strapi import` of an older backup, data from before slugs were generated) may have
 * none, and `by-slug` cannot find them. Each document and locale gets the slug its draft or
 * published row already has, else one from its title (the same rules as the write path, with
 * `-2`, `-3` … against the slugs already taken in that type and locale).
 */
import { KINDS, TITLE_FIELD, UIDS } from '../../content-types/facts';
import { fallbackSlug, firstFreeSlug, slugFromTitle } from '../../slugs/slug';
import type { Migration } from './index';
import { dbQuery } from '../../boundary';
import type { Strapi } from '../../boundary';

/** A row as this migration reads it: its identity, its slug and its title field. */
type SlugRow = { id: number; documentId: string; locale: string; slug: string | null; [title: string]: unknown };

const migration: Migration = {
  id: '0001-slugs-for-every-row',
  description: 'give every row without a slug the slug of its document and locale, or one from its title',
  async up(strapi: Strapi) {
    let changed = 0;
    for (const kind of KINDS) {
      const uid = UIDS[kind];
      const title = TITLE_FIELD[kind];
      const rows = await dbQuery<SlugRow>(strapi, uid).findMany({ select: ['id', 'documentId', 'locale', 'slug', title], orderBy: { id: 'asc' } });
      const missing = rows.filter((r) => !r.slug);
      if (!missing.length) continue;
      const taken = new Map<string, Set<string>>(); // locale → slugs in use
      const own = new Map<string, string>(); // documentId|locale → its slug
      for (const r of rows) {
        if (!r.slug) continue;
        if (!taken.has(r.locale)) taken.set(r.locale, new Set());
        taken.get(r.locale)!.add(r.slug);
        own.set(`${r.documentId}|${r.locale}`, r.slug);
      }
      for (const r of missing) {
        const key = `${r.documentId}|${r.locale}`;
        let slug = own.get(key);
        if (!slug) {
          const inUse = taken.get(r.locale) ?? new Set<string>();
          const base = slugFromTitle(r[title] as string | null | undefined) || fallbackSlug(kind, r.documentId);
          slug = firstFreeSlug(base, inUse);
          inUse.add(slug);
          taken.set(r.locale, inUse);
          own.set(key, slug);
        }
        await dbQuery(strapi, uid).update({ where: { id: r.id }, data: { slug } });
        changed += 1;
      }
    }
    return { changed };
  },
};

export default migration;
