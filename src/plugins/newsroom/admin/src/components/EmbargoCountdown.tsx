/**
 * Rights panel: the article's embargo as the form holds it, with a live countdown to the time and
 * whether the plugin will publish it then (autoPublish) or an editor must.
 */
import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useForm } from '@strapi/strapi/admin';
import { countdown, parseInstant } from '../../../server/src/workflow/embargo';
import { wallClock } from '../../../server/src/syndication/dates';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';
import { useT } from '../utils/useT';

const pad = (n: number) => String(n).padStart(2, '0');

export const EmbargoCountdown = () => {
  const t = useT();
  const { utcOffset } = useNewsroomConfig().config;
  const embargoUntil = useForm('NewsroomEmbargo', (s: any) => s.values?.embargoUntil);
  const autoPublish = useForm('NewsroomEmbargo', (s: any) => s.values?.autoPublish);
  const [now, setNow] = React.useState(() => new Date());
  const until = parseInstant(embargoUntil);
  const untilMs = until ? until.getTime() : null;
  // Tick only while there is a future embargo to count down to: no re-render every second otherwise.
  React.useEffect(() => {
    if (untilMs === null || untilMs <= Date.now()) return undefined;
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [untilMs]);
  if (!until) {
    return (
      <Typography variant="pi" textColor="neutral600" tag="p" data-testid="newsroom-embargo-none">
        {t('embargo.none', 'No embargo: any locale may be published.')}
      </Typography>
    );
  }
  const left = countdown(until, now);
  const when = wallClock(until, utcOffset);
  return (
    <Box background={left ? 'warning100' : 'success100'} padding={2} hasRadius data-testid="newsroom-embargo" data-embargo-until={until.toISOString()}>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="pi" fontWeight="bold">
          {left
            ? t('embargo.until', 'Embargoed until {when} (UTC{offset})', { when, offset: utcOffset })
            : t('embargo.lifted', 'Embargo lifted at {when} (UTC{offset})', { when, offset: utcOffset })}
        </Typography>
        {left && (
          <Typography variant="omega" data-testid="newsroom-embargo-countdown" data-seconds={left.totalSeconds}>
            {left.days > 0 ? `${left.days} d ` : ''}
            {pad(left.hours)}:{pad(left.minutes)}:{pad(left.seconds)}
          </Typography>
        )}
        {left && (
          <Typography variant="pi" textColor="neutral700" data-testid="newsroom-embargo-mode">
            {autoPublish
              ? t('embargo.auto', 'Every ready locale is published automatically at that time.')
              : t('embargo.manual', 'Publishing is refused until then; an editor publishes afterwards.')}
          </Typography>
        )}
      </Flex>
    </Box>
  );
};
