#!/usr/bin/env node
/** `npm run seed`: loads database/seed/newsroom.json (idempotent) into the configured database. */
const fs = require('fs');
const path = require('path');
const { withStrapi, APP_DIR } = require('./with-strapi');

withStrapi(async (strapi) => {
  const file = path.join(APP_DIR, 'database', 'seed', 'newsroom.json');
  const counts = await strapi.plugin('newsroom').service('seed').load(JSON.parse(fs.readFileSync(file, 'utf8')));
  console.log(`seed: ${counts.created} created, ${counts.existing} already there`);
});
