/** Rights panel: the article's rights history (GET /newsroom/history/:documentId), newest first. */
import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { editorTime } from '../../../server/src/syndication/dates';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';
import { useT } from '../utils/useT';
import { PanelSection } from './PanelSection';
import type { Actor, HistoryChange } from '../../../server/src/workflow/history';

/** An entry as the history endpoint answers it (workflow/history.service.ts `list`). */
interface Entry {
  at: string;
  change: HistoryChange;
  locale: string | null;
  before: unknown;
  after: unknown;
  actor: Actor;
}

/** English labels of the server's change kinds (a new kind is a type error here). */
const CHANGE_LABELS: Record<HistoryChange, string> = {
  exclusive: 'Exclusive',
  origin: 'Origin',
  embargoUntil: 'Embargo',
  autoPublish: 'Auto-publish',
  slug: 'Slug',
  publish: 'Published',
  unpublish: 'Unpublished',
  correction: 'Correction',
};

/** A before/after value as the editor reads it; times on the newsroom's clock, like every other time. */
const show = (v: unknown, change: HistoryChange, offset: string): string => {
  if (v === null || v === undefined) return '—';
  if (change === 'embargoUntil' && typeof v === 'string' && !Number.isNaN(new Date(v).getTime())) return editorTime(v, offset);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && (v as any).text) return String((v as any).text);
  if (typeof v === 'object' && (v as any).outlet !== undefined) return String((v as any).outlet ?? '—');
  return JSON.stringify(v);
};

export const HistoryTimeline = ({ documentId, refreshKey }: { documentId?: string; refreshKey?: string }) => {
  const t = useT();
  const { utcOffset } = useNewsroomConfig().config;
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data: Entry[] | null; error: boolean }>({ data: null, error: false });
  React.useEffect(() => {
    if (!documentId) return;
    let live = true;
    get(`/newsroom/history/${documentId}`)
      .then((res: any) => live && setState({ data: res?.data?.data ?? [], error: false }))
      .catch(() => live && setState({ data: null, error: true }));
    return () => {
      live = false;
    };
  }, [get, documentId, refreshKey]);
  const label = (change: HistoryChange) => t(`history.change.${change}`, CHANGE_LABELS[change] ?? change);

  return (
    <PanelSection
      title={t('history.title', 'Rights history')}
      unsaved={!documentId && t('history.unsaved', 'Save the article to start its history.')}
      error={state.error && t('history.error', 'Could not load the history.')}
    >
      {state.data && state.data.length === 0 && (
        <Typography variant="pi" textColor="neutral600" tag="p" data-testid="newsroom-history-empty">
          {t('history.empty', 'No changes recorded yet.')}
        </Typography>
      )}
      {state.data && state.data.length > 0 && (
        <Flex tag="ol" direction="column" alignItems="stretch" gap={2} marginTop={1} data-testid="newsroom-history">
          {[...state.data].reverse().map((e, i) => (
            <Box
              tag="li"
              key={`${e.at}-${i}`}
              paddingLeft={2}
              borderColor="neutral200"
              style={{ borderLeftWidth: 2, borderLeftStyle: 'solid' }}
              data-testid="newsroom-history-entry"
              data-change={e.change}
              data-locale={e.locale ?? ''}
            >
              <Typography variant="pi" textColor="neutral600" tag="p">
                <time dateTime={e.at}>{editorTime(e.at, utcOffset)}</time>
                {e.locale ? ` · ${e.locale}` : ''}
              </Typography>
              <Typography variant="omega" fontWeight="bold" tag="p">
                {label(e.change)}
                {e.change === 'publish' || e.change === 'unpublish' ? '' : `: ${show(e.before, e.change, utcOffset)} → ${show(e.after, e.change, utcOffset)}`}
              </Typography>
              <Typography variant="pi" tag="p" data-testid="newsroom-history-actor">
                {e.actor.name}
              </Typography>
            </Box>
          ))}
        </Flex>
      )}
    </PanelSection>
  );
};
