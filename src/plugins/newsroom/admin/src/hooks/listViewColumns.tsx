/**
 * Content-manager hook `Admin/CM/pages/ListView/inject-column-in-table`: "Exclusive" (articles) and
 * "Translation" status (every newsroom type) as badge columns. Both fields are also in the list
 * view's standard filters (boolean and enumeration attributes are filterable by default).
 */
import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTrad, UIDS } from '../pluginId';
import { StatusBadge } from '../components/StatusBadge';
import { TRANSLATION_STATUSES } from '../../../server/src/content-types/facts';
import { editorTime } from '../../../server/src/syndication/dates';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';

const NEWSROOM = Object.values(UIDS) as string[];

/** The list view's model, from the URL (…/collection-types/<uid>). */
export const currentListModel = (): string | null => {
  if (typeof window === 'undefined') return null;
  const m = decodeURIComponent(window.location.pathname).match(/\/collection-types\/([^/?]+)/);
  return m ? m[1] : null;
};

const ExclusiveCell = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  return value ? (
    <Badge variant="primary" data-testid="newsroom-exclusive-badge">
      {formatMessage({ id: getTrad('list.exclusive.yes'), defaultMessage: 'Exclusive' })}
    </Badge>
  ) : (
    <span data-testid="newsroom-exclusive-none">-</span>
  );
};

/** "Embargoed" while the embargo holds (the time on the newsroom's clock in the tooltip), nothing after. */
const EmbargoCell = ({ value }: { value: unknown }) => {
  const { formatMessage } = useIntl();
  const { utcOffset } = useNewsroomConfig().config;
  const until = typeof value === 'string' ? new Date(value) : null;
  if (!until || Number.isNaN(until.getTime()) || until.getTime() <= Date.now()) return <span data-testid="newsroom-embargo-none">-</span>;
  return (
    <Badge variant="warning" data-testid="newsroom-embargo-badge" title={editorTime(until, utcOffset)}>
      {formatMessage({ id: getTrad('list.embargoed'), defaultMessage: 'Embargoed' })}
    </Badge>
  );
};

export const addListViewColumns = ({ displayedHeaders, layout }: { displayedHeaders: any[]; layout: any }) => {
  const model = currentListModel();
  if (!model || !NEWSROOM.includes(model)) return { displayedHeaders, layout };
  const columns: any[] = [];
  if (model === UIDS.article) {
    columns.push({
      attribute: { type: 'boolean' },
      label: { id: getTrad('list.exclusive'), defaultMessage: 'Exclusive' },
      name: 'exclusive',
      searchable: false,
      sortable: true,
      cellFormatter: (row: any) => <ExclusiveCell value={row.exclusive} />,
    });
    columns.push({
      attribute: { type: 'datetime' },
      label: { id: getTrad('list.embargo'), defaultMessage: 'Embargo' },
      name: 'embargoUntil',
      searchable: false,
      sortable: true,
      cellFormatter: (row: any) => <EmbargoCell value={row.embargoUntil} />,
    });
  }
  columns.push({
    attribute: { type: 'enumeration', enum: [...TRANSLATION_STATUSES] },
    label: { id: getTrad('list.translationStatus'), defaultMessage: 'Translation' },
    name: 'translationStatus',
    searchable: false,
    sortable: true,
    cellFormatter: (row: any) => <StatusBadge status={row.translationStatus} />,
  });
  const names = new Set(columns.map((c) => c.name));
  const rest = displayedHeaders.filter((h) => !names.has(h.name));
  // Right after the title column, so the badges stay in view on narrow screens.
  const titleIndex = rest.findIndex((h) => ['title', 'name', 'headline'].includes(String(h.name).split('.')[0]));
  const at = titleIndex >= 0 ? titleIndex + 1 : rest.length;
  return { displayedHeaders: [...rest.slice(0, at), ...columns, ...rest.slice(at)], layout };
};
