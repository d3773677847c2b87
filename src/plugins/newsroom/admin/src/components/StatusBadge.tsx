import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTrad } from '../pluginId';
import type { LocaleStatus } from '../../../server/src/content-types/facts';

const VARIANT: Record<LocaleStatus, 'success' | 'warning' | 'danger' | 'secondary' | 'neutral'> = {
  source: 'secondary',
  current: 'success',
  stale: 'warning',
  missing: 'neutral',
};

/** A translation status (source / current / stale / missing) as a coloured badge. */
export const StatusBadge = ({ status }: { status: string | null | undefined }) => {
  const { formatMessage } = useIntl();
  if (!status) return <span data-testid="newsroom-status-badge">-</span>;
  return (
    <Badge variant={VARIANT[status as LocaleStatus] ?? 'neutral'} data-testid="newsroom-status-badge" data-status={status}>
      {formatMessage({ id: getTrad(`status.${status}`), defaultMessage: status })}
    </Badge>
  );
};
