import { componentDefinitions } from './components';
import { registerDocumentMiddleware } from './wiring/document-middleware';

export default ({ strapi }: { strapi: any }) => {
  strapi.get('components').add(componentDefinitions());
  registerDocumentMiddleware(strapi);
};
