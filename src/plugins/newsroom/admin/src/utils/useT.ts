import { useIntl } from 'react-intl';
import { getTrad } from '../pluginId';

/** A plugin message by its id (without the plugin prefix), with its English default and values. */
export type Translate = (id: string, defaultMessage: string, values?: Record<string, any>) => string;

export function useT(): Translate {
  const { formatMessage } = useIntl();
  return (id, defaultMessage, values) => formatMessage({ id: getTrad(id), defaultMessage }, values);
}
