/**
 * Admin endpoints for translators: XLIFF export and import, and what changed in the source of a stale
 * translation. Reading needs Content Manager read access to the type; an import keeps the role's scope.
 */
import { KINDS, NewsroomKind, UIDS, kindOf } from '../content-types/facts';
import { getService, validationError } from '../boundary';
import type { Context, Strapi } from '../boundary';
import { problem } from '../enforcement/problems';
import { XLIFF_VERSIONS, XliffVersion } from './xliff';
import { XliffForbidden } from './xliff.service';
import { mayRead } from '../roles/roles';

const kindOrNull = (value: unknown): NewsroomKind | null =>
  typeof value === 'string' ? ((KINDS as string[]).includes(value) ? (value as NewsroomKind) : kindOf(value)) : null;

function versionOf(ctx: Context): XliffVersion {
  const v = ctx.query.version ?? '2.1';
  if (!(XLIFF_VERSIONS as readonly unknown[]).includes(v)) throw validationError([problem('version', `must be one of ${XLIFF_VERSIONS.join(', ')}`)]);
  return v as XliffVersion;
}

const localeOf = (ctx: Context): string => {
  const locale = ctx.query.locale;
  if (typeof locale !== 'string' || !locale) throw validationError([problem('locale', 'is required: the target locale')]);
  return locale;
};

const sendXliff = (ctx: Context, xml: string, filename: string) => {
  ctx.type = 'application/xliff+xml; charset=utf-8';
  ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
  ctx.body = xml;
};

export default ({ strapi }: { strapi: Strapi }) => ({
  /** GET /newsroom/xliff/:kind/:documentId?locale=en[&version=1.2] — one document. */
  async exportDocument(ctx: Context) {
    const kind = kindOrNull(ctx.params.kind);
    if (!kind) return ctx.badRequest('Unknown newsroom content type');
    if (!mayRead(ctx.state, UIDS[kind])) return ctx.forbidden(`Exporting needs read access to ${kind}`);
    const documentId = String(ctx.params.documentId ?? '');
    if (!/^[A-Za-z0-9]{1,64}$/.test(documentId)) throw validationError([problem('documentId', 'must be a document id')]);
    const locale = localeOf(ctx);
    const xml = await getService(strapi, 'xliff').exportDocument(kind, documentId, locale, versionOf(ctx));
    if (!xml) return ctx.notFound(`No ${kind} ${documentId} in the source locale`);
    sendXliff(ctx, xml, `${kind}.${documentId}.${locale}.xlf`);
  },

  /** GET /newsroom/xliff?locale=en[&stale=true][&version=1.2] — every document to translate, in one file. */
  async exportAll(ctx: Context) {
    if (KINDS.some((kind) => !mayRead(ctx.state, UIDS[kind]))) return ctx.forbidden('Exporting needs read access to the newsroom types');
    const locale = localeOf(ctx);
    const stale = ctx.query.stale === 'true' || ctx.query.stale === '1';
    const service = getService(strapi, 'xliff');
    const bundles = await service.exportAll(locale, { stale });
    const merged = { sourceLocale: bundles[0]?.sourceLocale ?? '', targetLocale: locale, documents: bundles.flatMap((b) => b.documents) };
    if (!merged.documents.length) return ctx.notFound(`Nothing to translate into ${locale}`);
    sendXliff(ctx, service.write(merged, versionOf(ctx)), `newsroom.${locale}${stale ? '.stale' : ''}.xlf`);
  },

  /** POST /newsroom/xliff/import  { files: [{ name, base64 }] } — bytes as sent (base64 keeps them exact). */
  async importFiles(ctx: Context) {
    const files = (ctx.request.body as { files?: unknown })?.files;
    if (!Array.isArray(files) || !files.length || files.length > 50) throw validationError([problem('files', 'must list 1 to 50 files as { name, base64 }')]);
    const decoded = files.map((f, i) => {
      const name = typeof f?.name === 'string' && f.name ? f.name.slice(0, 200) : `file ${i + 1}`;
      if (typeof f?.base64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(f.base64))
        throw validationError([problem(['files', String(i)], 'base64 must be the file in base64')]);
      return { name, bytes: Buffer.from(f.base64, 'base64') };
    });
    try {
      ctx.body = { data: await getService(strapi, 'xliff').importFiles(decoded, ctx.state?.userAbility) };
    } catch (err) {
      if (err instanceof XliffForbidden) return ctx.forbidden(err.message);
      throw err;
    }
  },

  /** GET /newsroom/source-changes/:kind/:documentId?locale=en — the diff panel's data. */
  async sourceChanges(ctx: Context) {
    const kind = kindOrNull(ctx.params.kind);
    if (!kind) return ctx.badRequest('Unknown newsroom content type');
    if (!mayRead(ctx.state, UIDS[kind])) return ctx.forbidden(`Reading needs read access to ${kind}`);
    const documentId = String(ctx.params.documentId ?? '');
    if (!/^[A-Za-z0-9]{1,64}$/.test(documentId)) throw validationError([problem('documentId', 'must be a document id')]);
    const data = await getService(strapi, 'xliff').sourceChanges(kind, documentId, localeOf(ctx));
    if (!data) return ctx.notFound('No translation of this document in that locale');
    ctx.body = { data };
  },
});
