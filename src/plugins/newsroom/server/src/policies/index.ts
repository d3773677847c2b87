import { errors } from '@strapi/utils';
import fieldGuard from './field-guard';

/**
 * Drafts are for editors (admin) and API tokens only: a public or end-user request for
 * `status=draft` is refused rather than silently served.
 */
const publishedOnly = (policyContext: any) => {
  const status = policyContext.request?.query?.status ?? policyContext.query?.status;
  if (status === 'draft' && !['api-token', 'content-api-token'].includes(policyContext.state?.auth?.strategy?.name)) {
    throw new errors.ForbiddenError('Drafts are only readable with an API token or in the admin');
  }
  return true;
};

export default { 'published-only': publishedOnly, 'field-guard': fieldGuard };
