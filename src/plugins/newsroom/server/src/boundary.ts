import { errors } from '@strapi/utils';
import { NewsroomConfig, resolveConfig } from './config/schema';
import { FieldProblem, summarize } from './enforcement/problems';

let cached: { key: string; config: NewsroomConfig } | null = null;

/**
 * The plugin's resolved options (defaults + config/plugins.ts), validated. Keyed by content, not
 * identity: Strapi's config object can be changed in place at run time.
 */
export function newsroomConfig(strapi: any): NewsroomConfig {
  const source = strapi.config.get('plugin::newsroom');
  const key = JSON.stringify(source ?? {});
  if (!cached || cached.key !== key) cached = { key, config: resolveConfig(source) };
  return cached.config;
}

/** Strapi's own ValidationError, so REST answers 400 and GraphQL BAD_USER_INPUT, naming each field. */
export function validationError(problems: FieldProblem[]) {
  return new errors.ValidationError(summarize(problems), {
    errors: problems.map((p) => ({ path: p.path, message: p.message, name: 'ValidationError', value: null })),
  });
}

export const getService = (strapi: any, name: string) => strapi.plugin('newsroom').service(name);
