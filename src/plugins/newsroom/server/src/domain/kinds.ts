/** The newsroom content types and the facts the rules need about each. */
export type NewsroomKind = 'article' | 'neighbourhood' | 'news-item';

export const PLUGIN_ID = 'newsroom';

export const UIDS = {
  article: 'plugin::newsroom.article',
  neighbourhood: 'plugin::newsroom.neighbourhood',
  'news-item': 'plugin::newsroom.news-item',
} as const satisfies Record<NewsroomKind, string>;

export const KINDS = Object.keys(UIDS) as NewsroomKind[];

export function kindOf(uid: string | undefined): NewsroomKind | null {
  if (!uid || !uid.startsWith('plugin::newsroom.')) return null;
  const kind = uid.slice('plugin::newsroom.'.length) as NewsroomKind;
  return kind in UIDS ? kind : null;
}

/** The field a slug is made from, and the one that must never be empty. */
export const TITLE_FIELD: Record<NewsroomKind, string> = {
  article: 'title',
  neighbourhood: 'name',
  'news-item': 'headline',
};

/** Localized text a translator translates: a change here makes other locales stale. */
export const TRANSLATED_FIELDS: Record<NewsroomKind, string[]> = {
  article: ['title', 'column', 'standfirst', 'body', 'bylines', 'keywords', 'imageNote', 'dateline'],
  neighbourhood: ['name', 'district', 'subdistrict', 'kind', 'partySecretary', 'services', 'partnerships', 'description'],
  'news-item': ['headline', 'summary', 'dateline', 'reporters'],
};

/** Components to populate when a row is judged by the rules. */
export const RULE_POPULATE: Record<NewsroomKind, string[]> = {
  article: ['origin', 'bylines'],
  neighbourhood: ['services', 'partnerships'],
  'news-item': [],
};

/** Fields the system manages: whatever a client sends here is replaced. */
export const SYSTEM_FIELDS = ['reprintNotice', 'creditLine', 'translationStatus', 'translatedFromHash', 'previousSlugs'] as const;
