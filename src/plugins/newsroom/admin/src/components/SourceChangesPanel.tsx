/**
 * Edit view side panel "Changed in the source", on a stale translation: per field, the source paragraphs
 * added, removed and changed since the translation was made, with character-level highlights (Chinese has
 * no spaces to diff words by). The server computes the difference (translations/source-text.ts, jsdiff)
 * from the source text the translation recorded; the panel only lays it out.
 */
import * as React from 'react';
import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { KINDS, UIDS as KIND_UIDS } from '../../../server/src/content-types/facts';
import type { FieldChanges, ParagraphChange } from '../../../server/src/translations/source-text';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';
import { useEditedLocale } from '../utils/locale';
import { useT, type Translate } from '../utils/useT';

interface SourceChanges {
  status: string | null;
  recorded: boolean;
  fields: FieldChanges[];
}

const kindOfModel = (model: string) => KINDS.find((kind) => KIND_UIDS[kind] === model) ?? null;

function useSourceChanges(model: string, documentId: string | undefined, locale: string, active: boolean, refreshKey: unknown) {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data: SourceChanges | null; error: boolean }>({ data: null, error: false });
  const kind = kindOfModel(model);
  React.useEffect(() => {
    if (!active || !kind || !documentId) {
      setState({ data: null, error: false });
      return;
    }
    let live = true;
    get(`/newsroom/source-changes/${kind}/${documentId}?locale=${encodeURIComponent(locale)}`)
      .then((res: any) => live && setState({ data: res?.data?.data ?? null, error: false }))
      .catch(() => live && setState({ data: null, error: true }));
    return () => {
      live = false;
    };
  }, [get, kind, documentId, locale, active, refreshKey]);
  return state;
}

const VARIANT = { added: 'success', removed: 'danger', changed: 'warning' } as const;

function Change({ change, t, sourceLocale }: { change: ParagraphChange; t: Translate; sourceLocale: string }) {
  const label = t(`sourceChanges.${change.status}`, { added: 'Added', removed: 'Removed', changed: 'Changed' }[change.status]);
  return (
    <Flex tag="li" direction="column" alignItems="stretch" gap={1} data-testid="newsroom-source-change" data-status={change.status}>
      <Box>
        <Badge variant={VARIANT[change.status]}>{label}</Badge>
      </Box>
      <Box background="neutral100" padding={2} hasRadius>
        <Typography variant="omega" lang={sourceLocale} style={{ whiteSpace: 'pre-wrap' }}>
          {change.status === 'changed' &&
            (change.parts ?? []).map((part, i) =>
              part.added ? (
                <ins key={i} data-testid="newsroom-diff-added" style={{ background: '#c6f0c2', textDecoration: 'none' }}>
                  {part.text}
                </ins>
              ) : part.removed ? (
                <del key={i} data-testid="newsroom-diff-removed" style={{ background: '#fcd2d2' }}>
                  {part.text}
                </del>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          {change.status === 'added' && <ins style={{ background: '#c6f0c2', textDecoration: 'none' }}>{change.after}</ins>}
          {change.status === 'removed' && <del style={{ background: '#fcd2d2' }}>{change.before}</del>}
        </Typography>
      </Box>
    </Flex>
  );
}

const SourceChangesContent = ({ data, t, sourceLocale }: { data: SourceChanges; t: Translate; sourceLocale: string }) => (
  <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="newsroom-source-changes">
    <Typography variant="pi" textColor="neutral600" tag="p">
      {t('sourceChanges.intro', 'The {locale} source changed since this translation was made:', { locale: sourceLocale })}
    </Typography>
    {!data.recorded && (
      <Typography variant="pi" textColor="neutral600" tag="p">
        {t('sourceChanges.notRecorded', 'This translation was made before source texts were kept: the whole source shows as added.')}
      </Typography>
    )}
    {data.fields.map((field) => (
      <Box key={field.field} data-testid={`newsroom-source-changes-${field.field}`}>
        <Typography variant="sigma" tag="p">
          {field.field}
        </Typography>
        <Flex tag="ul" direction="column" alignItems="stretch" gap={2} marginTop={1}>
          {field.changes.map((change, i) => (
            <Change key={i} change={change} t={t} sourceLocale={sourceLocale} />
          ))}
        </Flex>
      </Box>
    ))}
  </Flex>
);

/** The side-panel description (content-manager `addEditViewSidePanel`): only on a stale translation. */
export const SourceChangesPanel = ({ model, documentId, document }: { model: string; documentId?: string; document?: { updatedAt?: string } | null }) => {
  const t = useT();
  const { config } = useNewsroomConfig();
  const locale = useEditedLocale(config.defaultLocale);
  const translation = !!kindOfModel(model) && locale !== config.defaultLocale;
  const { data } = useSourceChanges(model, documentId, locale, translation, document?.updatedAt);
  if (!translation || !data || data.status !== 'stale' || !data.fields.length) return null;
  return {
    title: t('sourceChanges.title', 'Changed in the source'),
    content: <SourceChangesContent data={data} t={t} sourceLocale={config.defaultLocale} />,
  };
};
SourceChangesPanel.type = 'newsroom-source-changes';
