import { errors } from '@strapi/utils';

/**
 * Drafts are for editors (admin) and API tokens only: a public or end-user request for
 * `status=draft` is refused rather than silently served.
 */
const publishedOnly = (policyContext: any) => {
  const status = policyContext.request?.query?.status ?? policyContext.query?.status;
  if (status === 'draft' && policyContext.state?.auth?.strategy?.name !== 'api-token') {
    throw new errors.ForbiddenError('Drafts are only readable with an API token or in the admin');
  }
  return true;
};

export default { 'published-only': publishedOnly };
