/**
 * One real Strapi per run (compiled once, fresh database), shared by every integration suite:
 * the suites register their describe blocks when required below.
 */
import { useStrapi } from '../helpers/http';

useStrapi();

/* eslint-disable @typescript-eslint/no-require-imports -- the suites run in this order, in one Strapi */
require('./suites/foundation.suite');
require('./suites/rights.suite');
require('./suites/translators.suite');
require('./suites/xliff.suite');
require('./suites/clone.suite');
require('./suites/importer.suite');
require('./suites/caching.suite');
require('./suites/edge.suite');
require('./suites/abuse.suite');
require('./suites/syndication.suite');
require('./suites/every-order.suite');
require('./suites/migrations.suite');
require('./suites/workflow-embargo.suite');
require('./suites/workflow-dates.suite');
require('./suites/workflow-corrections.suite');
require('./suites/workflow-history.suite');
require('./suites/workflow-syndication.suite');
require('./suites/search.suite');
require('./suites/final-check.suite');
