/**
 * 0003: the indexes the archive benchmark found missing (setup/indexes.ts): by-slug reads through old
 * slugs (PREVIOUS_SLUG_INDEXES), and feeds and the news sitemap over published rows only
 * (`newsroom_article_published_first_idx`, a partial index: drafts no longer sit in the walk).
 */
import type { Migration } from './index';
import { ensureLookupIndexes, ensurePreviousSlugIndexes } from '../indexes.strapi';
import { LOOKUP_INDEXES } from '../indexes';
import type { Strapi } from '../../boundary';

const migration: Migration = {
  id: '0003-previous-slug-indexes',
  description:
    "index renamed documents' old slugs and the published rows' first publication (a by-slug miss and a feed no longer read every row of the locale)",
  async up(strapi: Strapi) {
    const publishedOnly = LOOKUP_INDEXES.filter((index) => index.publishedOnly);
    return { changed: (await ensurePreviousSlugIndexes(strapi)) + (await ensureLookupIndexes(strapi, publishedOnly)) };
  },
};

export default migration;
