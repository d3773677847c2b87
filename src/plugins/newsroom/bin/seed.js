#!/usr/bin/env node
/**
 * `newsroom seed [file.json]`: loads seed content (default: the app's database/seed/newsroom.json)
 * into the configured database, idempotently.
 */
const fs = require('fs');
const path = require('path');
const { withStrapi, APP_DIR } = require('./with-strapi');

const file = path.resolve(APP_DIR, process.argv[2] || path.join('database', 'seed', 'newsroom.json'));
if (!fs.existsSync(file)) {
  console.error(`seed: ${file} does not exist (usage: newsroom seed [file.json])`);
  process.exit(2);
}

withStrapi(async (strapi) => {
  const counts = await strapi
    .plugin('newsroom')
    .service('seed')
    .load(JSON.parse(fs.readFileSync(file, 'utf8')));
  console.log(`seed: ${counts.created} created, ${counts.existing} already there`);
});
