/** How the enforcement services read a document's rows (raw rows: every locale, draft and published). */
import { NewsroomKind, RULE_POPULATE, UIDS } from '../content-types/facts';
import { dbQuery } from '../boundary';
import type { Row, Strapi } from '../boundary';

/** What the rules read of a draft before a write: non-localized components, not the translated text. */
export const WRITE_POPULATE: Record<NewsroomKind, string[]> = { article: ['origin'], neighbourhood: [], 'news-item': [] };

export const rowsOf = (strapi: Strapi, kind: NewsroomKind, documentId: string, where: Row = {}, populate: string[] = RULE_POPULATE[kind]): Promise<Row[]> =>
  dbQuery(strapi, UIDS[kind]).findMany({ where: { documentId, ...where }, populate });
