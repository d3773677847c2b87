import { PLUGIN_ID, UIDS as KIND_UIDS } from '../../server/src/content-types/facts';

export { PLUGIN_ID };

/** The content-type UIDs (from the server's facts), keyed as the admin code spells them. */
export const UIDS = {
  article: KIND_UIDS.article,
  neighbourhood: KIND_UIDS.neighbourhood,
  newsItem: KIND_UIDS['news-item'],
} as const;

/** The custom field for shares (tenantShare, elderlyShare): `plugin::newsroom.share`, stored as a float. */
export const SHARE_FIELD = { name: 'share', uid: 'plugin::newsroom.share' } as const;

export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;
