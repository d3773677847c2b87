import { winston, formats } from '@strapi/logger';

/** LOG_LEVEL (default http) is a threshold: tests and benchmarks set warn to keep Strapi quiet. */
const level = process.env.LOG_LEVEL || 'http';

export default {
  transports: [
    new winston.transports.Console({
      level,
      format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
    }),
  ],
};
