/**
 * Strapi's Preview panel for the newsroom's content types, as an app's `config/admin.ts` takes it:
 *
 *   import { newsroomPreview } from 'strapi-plugin-newsroom/preview';
 *   export default ({ env }) => ({ …, preview: newsroomPreview() });
 *
 * Published as its own light entry (`strapi-plugin-newsroom/preview`, no imports at all): the admin
 * config is loaded before plugins and by `strapi build`, which must not pull in the plugin's server.
 * The handler runs inside the Content Manager's request, where the global `strapi` is set; the
 * plugin's preview service decides everything (who may preview, the signed token, the page URL).
 */

/** What the Content Manager hands a preview handler. */
export interface PreviewParams {
  documentId?: string;
  locale?: string | null;
  status?: string;
}

type PreviewService = { urlFor(uid: string, params: PreviewParams): Promise<string | undefined> };
type StrapiGlobal = { plugin(name: string): { service(name: string): PreviewService } | undefined };

/** The preview URL of a newsroom document for the admin asking (undefined: no preview, the panel says so). */
export async function previewHandler(uid: string, params: PreviewParams): Promise<string | undefined> {
  const strapi = (globalThis as { strapi?: StrapiGlobal }).strapi;
  const service = strapi?.plugin('newsroom')?.service('preview');
  return service ? service.urlFor(uid, params) : undefined;
}

export interface NewsroomPreviewOptions {
  /** false hides the Preview panel. */
  enabled?: boolean;
  /** Origins of a reader page on another host (Strapi adds them to the admin's CSP frame-src). */
  allowedOrigins?: string[];
}

/** The `preview` entry of config/admin.ts. */
export function newsroomPreview(options: NewsroomPreviewOptions = {}) {
  const origins = options.allowedOrigins?.filter(Boolean) ?? [];
  return {
    enabled: options.enabled ?? true,
    // Only when there are any: an empty list would replace the admin's frame-src.
    config: { ...(origins.length ? { allowedOrigins: origins } : {}), handler: previewHandler },
  };
}
