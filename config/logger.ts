import { winston, formats } from '@strapi/logger';

/** LOG_LEVEL (default http) lets tests and benchmarks keep Strapi quiet. */
const level = process.env.LOG_LEVEL || 'http';

export default {
  transports: [
    new winston.transports.Console({
      level,
      format: winston.format.combine(formats.levelFilter(level), formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
};
