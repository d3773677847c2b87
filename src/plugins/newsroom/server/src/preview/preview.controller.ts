/**
 * GET /api/newsroom/preview/:kind/:documentId?locale=…&status=draft|published with the token in
 * `X-Newsroom-Preview`: what the by-slug route returns for that version (populated, figures
 * computed, sanitized as the public API sanitizes), plus the JSON-LD it will carry and the banner.
 * Never cached anywhere: `private, no-store`, also on refusals; the read path never stores it.
 */
import { KINDS, UIDS } from '../content-types/facts';
import type { NewsroomKind } from '../content-types/facts';
import { withFigures } from '../enforcement/figures';
import { jsonLdScript } from '../syndication/jsonld';
import { PREVIEW_TOKEN_HEADER } from './token';
import { getService } from '../boundary';
import type { Context, CoreController, Strapi } from '../boundary';

/** Why a refusal happened is for the server log, not for whoever holds the token. */
const REFUSAL = 'This preview link is not valid for this version (it may have expired): open the preview again from the admin';

export default ({ strapi }: { strapi: Strapi }) => ({
  async open(ctx: Context) {
    ctx.set({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' });
    const kind = ctx.params.kind as NewsroomKind;
    const asked = { kind, documentId: ctx.params.documentId, locale: ctx.query.locale, status: ctx.query.status };
    const opened = await getService(strapi, 'preview').open(asked as never, ctx.get(PREVIEW_TOKEN_HEADER) || undefined);
    if (!opened.ok) {
      strapi.log.debug(`[newsroom] preview refused (${opened.reason}) for ${String(kind)} ${String(asked.documentId)}`);
      return ctx.forbidden(REFUSAL);
    }
    if (!KINDS.includes(kind)) return ctx.forbidden(REFUSAL); // unreachable: the token named a known kind
    const core = strapi.controller(UIDS[kind]) as unknown as CoreController;
    const sanitized = await core.sanitizeOutput(opened.document, ctx);
    const { data } = (await core.transformResponse(withFigures(kind, sanitized))) as { data: unknown };
    ctx.body = {
      data,
      meta: {
        preview: {
          kind,
          documentId: asked.documentId,
          locale: asked.locale,
          status: asked.status,
          expiresAt: new Date(opened.expiresAt).toISOString(),
          banner: opened.banner,
        },
        alternates: opened.alternates,
        // As /jsonld serialises it: safe to inline in <script type="application/ld+json">.
        jsonLd: opened.jsonLd ? jsonLdScript(opened.jsonLd) : null,
      },
    };
  },
});
