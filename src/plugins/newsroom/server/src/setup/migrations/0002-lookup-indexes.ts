/** 0002: the indexes of the newsroom's own lookups (setup/indexes.ts) on a database that predates them. */
import type { Migration } from './index';
import { ensureLookupIndexes } from '../indexes.strapi';
import type { Strapi } from '../../boundary';

const migration: Migration = {
  id: '0002-lookup-indexes',
  description: 'index the columns the newsroom looks up by (slugs, import keys, publication dates, embargoes, history, deliveries)',
  async up(strapi: Strapi) {
    return { changed: await ensureLookupIndexes(strapi) };
  },
};

export default migration;
