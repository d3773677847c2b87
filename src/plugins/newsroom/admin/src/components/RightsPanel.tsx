/**
 * Article edit view side panel "Rights & credit": the notice or credit line the article will carry
 * in the locale being edited (live, from the unsaved form values, through the same domain rules the
 * server applies), a warning when the save will be refused, and each locale's translation status.
 */
import * as React from 'react';
import { Box, Flex, Typography, Link } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useForm } from '@strapi/strapi/admin';
import { NavLink } from 'react-router-dom';
import { articleRights, articleProblems, isReprint } from '../../../server/src/enforcement/rights';
import { UIDS } from '../pluginId';
import { useNewsroomConfig } from '../utils/useNewsroomConfig';
import { useTranslationStatus } from '../utils/useTranslationStatus';
import { useT, type Translate } from '../utils/useT';
import { editViewPath, useEditedLocale } from '../utils/locale';
import { StatusBadge } from './StatusBadge';
import { EmbargoCountdown } from './EmbargoCountdown';
import { HistoryTimeline } from './HistoryTimeline';
import { PanelSection } from './PanelSection';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { updatedAt?: string; locale?: string } | null;
  meta?: unknown;
  activeTab?: string;
  collectionType?: string;
}

const RightsPanelContent = ({ documentId, refreshKey }: { documentId?: string; refreshKey?: string }) => {
  const t = useT();
  const { config } = useNewsroomConfig();
  const locale = useEditedLocale(config.defaultLocale);
  const exclusive = useForm('NewsroomRightsPanel', (s: any) => s.values?.exclusive);
  const origin = useForm('NewsroomRightsPanel', (s: any) => s.values?.origin);
  const previousSlugs = useForm('NewsroomRightsPanel', (s: any) => s.values?.previousSlugs);
  const input = { exclusive: !!exclusive, origin: origin ?? null };
  const rights = articleRights(config, input, locale);
  const problems = articleProblems(config, input);
  const refused = !!exclusive && isReprint(config, origin);
  const { data: statuses, error } = useTranslationStatus('article', documentId, refreshKey);

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="newsroom-rights-panel" data-locale={locale}>
      <RightsLine
        label={t('rights.notice.label', 'Reprint notice ({locale})', { locale })}
        value={rights.reprintNotice}
        none={t('rights.notice.none', 'None: the article is not exclusive.')}
        background="primary100"
        testId="newsroom-notice"
        locale={locale}
      />
      <RightsLine
        label={t('rights.credit.label', 'Credit line ({locale})', { locale })}
        value={rights.creditLine}
        none={t('rights.credit.none', 'None: no origin outlet other than us.')}
        background="neutral100"
        testId="newsroom-credit"
        locale={locale}
      />
      {problems.length > 0 && (
        <Box background="danger100" borderColor="danger200" padding={2} hasRadius data-testid="newsroom-rights-warning" role="alert">
          <Flex gap={2} alignItems="flex-start">
            <WarningCircle fill="danger600" aria-hidden />
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Typography variant="pi" fontWeight="bold" textColor="danger700">
                {refused
                  ? t('rights.warning.exclusiveReprint', 'An exclusive cannot be a reprint: saving will be refused.')
                  : t('rights.warning.generic', 'Saving will be refused:')}
              </Typography>
              {[...new Set(problems.map((p) => p.message))].map((message) => (
                <Typography key={message} variant="pi" textColor="danger700">
                  {message}
                </Typography>
              ))}
            </Flex>
          </Flex>
        </Box>
      )}
      <EmbargoCountdown />
      <Typography variant="pi" textColor="neutral600" tag="p">
        {t('rights.explanation', 'The server writes these on every save, in each locale; the form fields are read-only.')}
      </Typography>
      <PreviousSlugs slugs={previousSlugs} t={t} />
      <PanelSection
        title={t('translations.title', 'Translations')}
        unsaved={!documentId && t('translations.unsaved', 'Save the article to see its translations.')}
        error={error && t('translations.error', 'Could not load the translation status.')}
      >
        {statuses && (
          <Flex tag="ul" direction="column" alignItems="stretch" gap={1} marginTop={1} data-testid="newsroom-translations">
            {statuses.map((s) => (
              <Flex tag="li" key={s.locale} justifyContent="space-between" gap={2} data-testid={`newsroom-translation-${s.locale}`} data-status={s.status}>
                {s.locale === locale ? (
                  <Typography variant="omega" fontWeight="bold">
                    {s.locale} {t('translations.editing', '(editing)')}
                  </Typography>
                ) : (
                  <Link tag={NavLink} to={editViewPath(UIDS.article, documentId!, s.locale)} data-testid={`newsroom-open-${s.locale}`}>
                    {s.status === 'missing'
                      ? t('translations.create', 'Add {locale}', { locale: s.locale })
                      : t('translations.open', 'Open {locale}', { locale: s.locale })}
                  </Link>
                )}
                <StatusBadge status={s.status} />
              </Flex>
            ))}
          </Flex>
        )}
      </PanelSection>
      <HistoryTimeline documentId={documentId} refreshKey={refreshKey} />
    </Flex>
  );
};

/** The side-panel description (content-manager `addEditViewSidePanel`). */
export const RightsPanel = ({ model, documentId, document }: PanelProps) => {
  const t = useT();
  if (model !== UIDS.article) return null;
  return {
    title: t('rights.title', 'Rights & credit'),
    content: <RightsPanelContent documentId={documentId} refreshKey={document?.updatedAt} />,
  };
};
RightsPanel.type = 'newsroom-rights';

/** One rights value (notice or credit) as the article will carry it, or why there is none. */
function RightsLine(props: { label: string; value: string | null; none: string; background: string; testId: string; locale: string }) {
  return (
    <Box>
      <Typography variant="pi" fontWeight="bold" tag="p">
        {props.label}
      </Typography>
      {props.value ? (
        <Box background={props.background} padding={2} hasRadius marginTop={1}>
          <Typography variant="omega" data-testid={props.testId} lang={props.locale}>
            {props.value}
          </Typography>
        </Box>
      ) : (
        <Typography variant="pi" textColor="neutral600" tag="p" data-testid={`${props.testId}-none`}>
          {props.none}
        </Typography>
      )}
    </Box>
  );
}

/** Earlier slugs of this locale (kept by the server, still redirecting): a compact read-only list. */
function PreviousSlugs({ slugs, t }: { slugs: unknown; t: Translate }) {
  const list = Array.isArray(slugs) ? slugs.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  return (
    <Box data-testid="newsroom-previous-slugs">
      <Typography variant="pi" fontWeight="bold" tag="p">
        {t('previousSlugs.title', 'Earlier URLs (still redirect)')}
      </Typography>
      {list.length === 0 ? (
        <Typography variant="pi" textColor="neutral600" tag="p" data-testid="newsroom-previous-slugs-none">
          {t('previousSlugs.none', 'None: the slug was never changed.')}
        </Typography>
      ) : (
        <Flex tag="ul" direction="column" alignItems="flex-start" gap={1} marginTop={1}>
          {list.map((slug) => (
            <Typography key={slug} tag="li" variant="pi" data-testid="newsroom-previous-slug">
              <code>{slug}</code>
            </Typography>
          ))}
        </Flex>
      )}
    </Box>
  );
}
