import article from './article';
import neighbourhood from './neighbourhood';
import newsItem from './news-item';
import historyEntry from './history-entry';
import delivery from './delivery';

/** Keys equal each schema's singularName: the UIDs are plugin::newsroom.<key>. */
export default {
  article,
  neighbourhood,
  'news-item': newsItem,
  'history-entry': historyEntry,
  delivery,
};
