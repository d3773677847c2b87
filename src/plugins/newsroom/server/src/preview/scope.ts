/**
 * What a preview is about, shared by the server and the reader page (public/preview, which type-checks
 * against this file in the browser: no Node imports here).
 */
import type { NewsroomKind } from '../content-types/facts';

/** Statuses a preview can show (the Content Manager's two tabs). */
export const PREVIEW_STATUSES = ['draft', 'published'] as const;
export type PreviewStatus = (typeof PREVIEW_STATUSES)[number];

/** What a token gives access to. */
export interface PreviewScope {
  kind: NewsroomKind;
  documentId: string;
  locale: string;
  status: PreviewStatus;
}

/** The request header that carries a token to the preview route (a header, not the API URL: access logs record URLs). */
export const PREVIEW_TOKEN_HEADER = 'X-Newsroom-Preview';

/** The reader page's banner over a preview: a draft, or embargoed until an instant (ISO). */
export interface PreviewBanner {
  state: 'draft' | 'embargoed';
  until: string | null;
}
