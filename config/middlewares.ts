export default [
  // First: cached public reads are answered here, before logging, security, body parsing and
  // routing (the stored answer already carries the headers those middlewares set).
  'plugin::newsroom.read-path',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // Bodies over the limit get 413 before any parsing work.
  { name: 'strapi::body', config: { jsonLimit: '2mb', formLimit: '2mb', textLimit: '2mb' } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
