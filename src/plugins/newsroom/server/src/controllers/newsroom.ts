/** Plugin-level endpoints: the editor's settings view, translation status. */
import { kindOf, KINDS, NewsroomKind } from '../domain/kinds';
import { newsroomConfig, getService } from '../utils';

const kindParam = (ctx: any): NewsroomKind | null => {
  const k = ctx.params.kind;
  return (KINDS as string[]).includes(k) ? (k as NewsroomKind) : kindOf(k);
};

export default ({ strapi }: { strapi: any }) => ({
  /** The resolved rules an admin panel previews with (texts, formats, outlet names). */
  settings(ctx: any) {
    const c = newsroomConfig(strapi);
    ctx.body = {
      data: {
        defaultLocale: c.defaultLocale,
        locales: c.locales,
        publisher: c.publisher,
        reprintNotice: Object.fromEntries(c.locales.map((l) => [l, c.reprintNotice[l] ?? c.reprintNotice[c.defaultLocale]])),
        creditFormat: Object.fromEntries(c.locales.map((l) => [l, c.creditFormat[l] ?? c.creditFormat[c.defaultLocale]])),
        outlets: c.outlets,
      },
    };
  },

  async documentTranslations(ctx: any) {
    const kind = kindParam(ctx);
    if (!kind) return ctx.badRequest('Unknown newsroom content type');
    ctx.body = { data: await getService(strapi, 'translations').forDocument(kind, ctx.params.documentId) };
  },

  async translationSummary(ctx: any) {
    ctx.body = { data: await getService(strapi, 'translations').summary() };
  },
});
