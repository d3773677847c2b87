import { NewsroomConfig, resolveConfig } from './schema';

export default {
  // Defaults live in config/schema.ts; Strapi merges the user's options over this empty object.
  default: {},
  validator(config: Partial<NewsroomConfig>) {
    resolveConfig(config);
  },
};
