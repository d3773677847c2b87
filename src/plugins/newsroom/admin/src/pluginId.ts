import { PLUGIN_ID, SHARE_CUSTOM_FIELD, UIDS as KIND_UIDS } from '../../server/src/content-types/facts';

export { PLUGIN_ID };

/** The content-type UIDs (from the server's facts), keyed as the admin code spells them. */
export const UIDS = {
  article: KIND_UIDS.article,
  neighbourhood: KIND_UIDS.neighbourhood,
  newsItem: KIND_UIDS['news-item'],
} as const;

/** The custom field for shares (tenantShare, elderlyShare): `plugin::newsroom.share`, stored as a float (server facts). */
export const SHARE_FIELD = SHARE_CUSTOM_FIELD;

export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;
