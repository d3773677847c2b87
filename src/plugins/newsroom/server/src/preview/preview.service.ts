/**
 * Signed previews, the Strapi side: issues tokens to admins in the Content Manager (through the
 * Preview panel's handler, preview/admin-config.ts) and opens the version a token names for the
 * preview route. Every decision is in preview/token.ts; this file reads the request, the
 * permissions, the environment and the database.
 */
import { kindOf, RULE_POPULATE, UIDS } from '../content-types/facts';
import type { NewsroomKind } from '../content-types/facts';
import { ARTICLE_POPULATE } from '../syndication/syndication.service';
import type { ArticleDoc } from '../syndication/article';
import {
  PREVIEW_SECRET_VARIABLE,
  isPreviewScope,
  mayPreview,
  previewBanner,
  previewPageUrl,
  signPreviewToken,
  usableSecret,
  verifyPreviewToken,
} from './token';
import type { PreviewScope, RefusalReason } from './token';
import type { PreviewParams } from './admin-config';
import { dbQuery, getService } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Row, Strapi } from '../boundary';

/** What a preview shows of each kind: what the reader page lays out (the by-slug route's populate). */
const PREVIEW_POPULATE: Record<NewsroomKind, Record<string, boolean> | string[]> = {
  article: ARTICLE_POPULATE,
  neighbourhood: RULE_POPULATE.neighbourhood,
  'news-item': RULE_POPULATE['news-item'],
};

/** The Content Manager's permission checker, as far as previews use it. */
type PermissionChecker = { can: { read(entity: Row): boolean; update(entity: Row): boolean } };
type PermissionCheckers = { create(options: { userAbility: unknown; model: string }): PermissionChecker };

/** A stored row of this version, or null (`published` rows have publishedAt set, drafts do not). */
const versionRow = (strapi: Strapi, scope: PreviewScope) =>
  dbQuery(strapi, UIDS[scope.kind]).findOne({
    where: { documentId: scope.documentId, locale: scope.locale, publishedAt: scope.status === 'published' ? { $notNull: true } : { $null: true } },
  });

export type PreviewOpening =
  | { ok: true; document: Row; jsonLd: unknown; banner: ReturnType<typeof previewBanner>; alternates: Record<string, string | null>; expiresAt: number }
  | { ok: false; reason: RefusalReason | 'gone' };

export default ({ strapi }: { strapi: Strapi }) => {
  const secret = () => process.env[PREVIEW_SECRET_VARIABLE];
  let warned = false;

  return {
    /**
     * The reader page's preview URL with a fresh token, for the admin of the current request, or
     * undefined: not a newsroom type, no such version, no usable secret, or an admin who may not
     * preview it (the Content Manager then shows no preview).
     */
    async urlFor(uid: string, params: PreviewParams): Promise<string | undefined> {
      const kind = kindOf(uid);
      if (!kind) return undefined;
      const ctx = strapi.requestContext.get();
      const user = ctx?.state?.user as { id?: unknown } | undefined;
      const ability = ctx?.state?.userAbility;
      // Set by Strapi's admin authentication strategy (the Content Manager's route requires it).
      if (ctx?.state?.auth?.strategy?.name !== 'admin' || !user?.id || !ability) return undefined;
      const config = newsroomConfig(strapi);
      const scope = { kind, documentId: params.documentId, locale: params.locale ?? config.defaultLocale, status: params.status ?? 'draft' };
      if (!isPreviewScope(scope) || !config.locales.includes(scope.locale)) return undefined;
      if (!usableSecret(secret())) {
        if (!warned) strapi.log.warn(`[newsroom] preview: ${PREVIEW_SECRET_VARIABLE} is missing or too short: no preview tokens are issued or accepted`);
        warned = true;
        return undefined;
      }
      const row = await versionRow(strapi, scope);
      if (!row) return undefined;
      const checkers = strapi.plugin('content-manager').service('permission-checker') as unknown as PermissionCheckers;
      const checker = checkers.create({ userAbility: ability, model: UIDS[kind] });
      const subject = { ...row, locale: scope.locale };
      if (!mayPreview({ read: checker.can.read(subject), edit: checker.can.update(subject) })) return undefined;
      const token = signPreviewToken(scope, String(user.id), secret(), Date.now(), config.preview.tokenTtlSeconds);
      return previewPageUrl(config.preview.pageUrl, scope, token);
    },

    /** The version a request asks for, when its token opens exactly that version, populated, with its JSON-LD. */
    async open(asked: PreviewScope, token: unknown): Promise<PreviewOpening> {
      const verdict = verifyPreviewToken(token, asked, secret(), Date.now());
      if (!verdict.ok) return verdict;
      const { kind, documentId, locale, status } = asked;
      const document = (await strapi.documents(UIDS[kind]).findOne({ documentId, locale, status, populate: PREVIEW_POPULATE[kind] } as never)) as Row | null;
      if (!document) return { ok: false, reason: 'gone' };
      const jsonLd = kind === 'article' ? await getService(strapi, 'syndication').jsonLdOf(document as unknown as ArticleDoc) : null;
      const siblings = await dbQuery<{ locale: string; slug: string | null }>(strapi, UIDS[kind]).findMany({
        select: ['locale', 'slug'],
        where: { documentId, publishedAt: status === 'published' ? { $notNull: true } : { $null: true } },
      });
      const alternates = Object.fromEntries(newsroomConfig(strapi).locales.map((l) => [l, siblings.find((r) => r.locale === l)?.slug ?? null]));
      return { ok: true, document, jsonLd, banner: previewBanner(status, document.embargoUntil, Date.now()), alternates, expiresAt: verdict.claims.expiresAt };
    },
  };
};
