import { errors } from '@strapi/utils';
import { asksForDrafts, isTokenAuth } from './public-reads';
import { liveOption } from '../config/options';
import type { PolicyContext, Strapi } from '../boundary';

/**
 * Drafts are for editors (admin) and API tokens only. On every newsroom content-API route, a
 * request without an API token that names `status` in whatever form but exactly `published` is refused
 * (Strapi would read drafts for DRAFT, Draft, drafts, '', arrays…).
 */
export default function publishedOnly(policyContext: PolicyContext, _config: unknown, { strapi }: { strapi: Strapi }) {
  if (strapi && !liveOption(strapi, 'readPath', 'enabled')) return true;
  const query = policyContext.query ?? policyContext.request?.query;
  if (query && query.locale !== undefined && typeof query.locale !== 'string') {
    throw new errors.ValidationError('locale must be one locale code, such as "zh-Hans"', {
      errors: [{ path: ['locale'], message: 'locale must be one locale code', name: 'ValidationError' }],
    });
  }
  if (asksForDrafts(query) && !isTokenAuth(policyContext.state?.auth)) {
    throw new errors.ForbiddenError('Drafts are only readable with an API token or in the admin: `status` must be absent or exactly "published"');
  }
  return true;
}
