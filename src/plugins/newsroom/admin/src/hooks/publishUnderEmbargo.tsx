/**
 * Content-manager document actions (`addDocumentAction`): while the article's embargo is ahead, the
 * Publish action is disabled and says why — "Embargoed until 2026-12-02 18:00:00 (UTC+08:00)" — before
 * the click. The server still refuses the publication on every path (workflow/embargo.ts); this
 * only tells the editor first. Strapi's own action runs unchanged underneath (its hooks, its dialog).
 */
import * as React from 'react';
import { useForm } from '@strapi/strapi/admin';
import { isEmbargoed, parseInstant } from '../../../server/src/workflow/embargo';
import { editorTime } from '../../../server/src/syndication/dates';
import { UIDS } from '../pluginId';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';
import { useT } from '../utils/useT';

type ActionProps = { model: string; [k: string]: unknown };
type Description = { label?: React.ReactNode; disabled?: boolean; [k: string]: unknown } | null;
type DocumentAction = ((props: ActionProps) => Description) & { type?: string };

/** Re-renders when `untilMs` passes, so the action comes back on its own when the embargo lifts. */
function useWakeAt(untilMs: number | null) {
  const [, setTick] = React.useState(0);
  React.useEffect(() => {
    if (untilMs === null) return undefined;
    const wait = untilMs - Date.now();
    if (wait <= 0) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(wait + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [untilMs]);
}

function embargoAware(Original: DocumentAction): DocumentAction {
  const NewsroomPublishAction: DocumentAction = (props) => {
    const description = Original(props);
    const t = useT();
    const { utcOffset } = useNewsroomConfig().config;
    const embargoUntil = useForm('NewsroomPublishAction', (s: any) => s.values?.embargoUntil);
    const until = parseInstant(embargoUntil) ?? null;
    useWakeAt(until ? until.getTime() : null);
    if (!description || props.model !== UIDS.article || !until || !isEmbargoed(until, new Date())) return description;
    return {
      ...description,
      disabled: true,
      label: t('publish.embargoed', 'Embargoed until {when}', { when: editorTime(until, utcOffset) }),
    };
  };
  NewsroomPublishAction.type = Original.type;
  return NewsroomPublishAction;
}

export const withEmbargoReason = (actions: DocumentAction[]): DocumentAction[] =>
  actions.map((action) => (action.type === 'publish' ? embargoAware(action) : action));
