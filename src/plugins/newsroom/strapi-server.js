'use strict';
// Strapi requires this entry; it is built from server/src by the app's build:plugin script.
const built = require('./dist/server');
module.exports = built.default ?? built;
