export const PLUGIN_ID = 'newsroom';

export const UIDS = {
  article: 'plugin::newsroom.article',
  neighbourhood: 'plugin::newsroom.neighbourhood',
  newsItem: 'plugin::newsroom.news-item',
} as const;

/** The custom field for shares (tenantShare, elderlyShare): `plugin::newsroom.share`, stored as a float. */
export const SHARE_FIELD = { name: 'share', uid: 'plugin::newsroom.share' } as const;

export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;
