import { factories } from '@strapi/strapi';
import { UIDS } from '../domain/kinds';
import rules from './rules';
import setup from './setup';
import lookup from './lookup';
import seed from './seed';
import translations from './translations';
import roles from './roles';
import importer from './importer';
import readCache from './read-cache';
import syndication from './syndication';
import scheduler from './scheduler';
import history from './history';
import partners from './partners';

export default {
  article: factories.createCoreService(UIDS.article as any),
  neighbourhood: factories.createCoreService(UIDS.neighbourhood as any),
  'news-item': factories.createCoreService(UIDS['news-item'] as any),
  rules,
  setup,
  lookup,
  seed,
  translations,
  roles,
  importer,
  'read-cache': readCache,
  syndication,
  scheduler,
  history,
  partners,
};
