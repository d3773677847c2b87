import { factories } from '@strapi/strapi';
import { UIDS } from '../content-types/facts';
import rules from '../enforcement/rules.service';
import reconcile from '../enforcement/reconcile.service';
import slugs from '../slugs/slugs.service';
import setup from '../setup/setup.service';
import lookup from '../slugs/lookup.service';
import seed from '../setup/seed.service';
import translations from '../translations/translations.service';
import roles from '../roles/roles.service';
import importer from '../import/importer.service';
import readCache from '../read-path/read-cache.service';
import edgePurge from '../read-path/edge-purge.service';
import syndication from '../syndication/syndication.service';
import scheduler from '../workflow/scheduler.service';
import history from '../workflow/history.service';
import partners from '../syndication/partners.service';
import preview from '../preview/preview.service';
import xliff from '../translations/xliff.service';
import search from '../search/search.service';
import backup from '../backup/backup.service';
import { databaseHealth } from '../read-path/database-probe.middleware';
import type { Strapi } from '../boundary';

export default {
  article: factories.createCoreService(UIDS.article),
  neighbourhood: factories.createCoreService(UIDS.neighbourhood),
  'news-item': factories.createCoreService(UIDS['news-item']),
  rules,
  reconcile,
  slugs,
  setup,
  lookup,
  seed,
  translations,
  roles,
  importer,
  'read-cache': readCache,
  'edge-purge': edgePurge,
  syndication,
  scheduler,
  history,
  partners,
  preview,
  xliff,
  search,
  backup,
  /** The database probe behind the 503 answers (started by bootstrap when the read path is on). */
  'database-health': ({ strapi }: { strapi: Strapi }) => databaseHealth(strapi),
};
