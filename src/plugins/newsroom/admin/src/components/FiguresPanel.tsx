/**
 * Neighbourhood edit view side panel: the computed figures (occupancy rate, estimated tenant and
 * elderly households, vacant households) from the unsaved form values, with a small bar chart.
 * Same formula as the server (enforcement/figures), so the panel cannot disagree with the API.
 */
import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useForm } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { computeFigures, figureProblems, parseShare } from '../../../server/src/enforcement/figures';
import { UIDS } from '../pluginId';
import { useT } from '../utils/useT';

const share = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : parseShare(v as any));
const count = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

const COLORS = {
  households: '#8e8ea9',
  occupied: '#4945ff',
  vacant: '#d9822f',
  tenant: '#328048',
  elderly: '#ac73e6',
};

const FiguresPanelContent = () => {
  const { formatNumber } = useIntl();
  const t = useT();
  const values = useForm('NewsroomFiguresPanel', (s: any) => s.values) ?? {};
  const input = {
    households: count(values.households),
    occupiedHouseholds: count(values.occupiedHouseholds),
    tenantShare: share(values.tenantShare),
    elderlyShare: share(values.elderlyShare),
  };
  const figures = computeFigures(input);
  const problems = figureProblems({ ...input, yearBuilt: count(values.yearBuilt) });
  const dash = '—';
  const num = (n: number | null) => (n === null ? dash : formatNumber(n));
  const pct = (n: number | null) => (n === null ? dash : formatNumber(n, { style: 'percent', maximumFractionDigits: 1 }));

  const rows: Array<{ key: string; label: string; value: string; bar: number | null; color: string }> = [
    { key: 'occupancyRate', label: t('figures.occupancyRate', 'Occupancy rate'), value: pct(figures.occupancyRate), bar: null, color: COLORS.occupied },
    { key: 'households', label: t('figures.households', 'Households'), value: num(input.households), bar: input.households, color: COLORS.households },
    {
      key: 'occupiedHouseholds',
      label: t('figures.occupied', 'Moved in'),
      value: num(input.occupiedHouseholds),
      bar: input.occupiedHouseholds,
      color: COLORS.occupied,
    },
    {
      key: 'vacantHouseholds',
      label: t('figures.vacant', 'Vacant households'),
      value: num(figures.vacantHouseholds),
      bar: figures.vacantHouseholds,
      color: COLORS.vacant,
    },
    {
      key: 'estimatedTenantHouseholds',
      label: t('figures.tenant', 'Est. tenant households'),
      value: num(figures.estimatedTenantHouseholds),
      bar: figures.estimatedTenantHouseholds,
      color: COLORS.tenant,
    },
    {
      key: 'estimatedElderlyHouseholds',
      label: t('figures.elderly', 'Est. elderly households'),
      value: num(figures.estimatedElderlyHouseholds),
      bar: figures.estimatedElderlyHouseholds,
      color: COLORS.elderly,
    },
  ];
  const scale = Math.max(1, ...rows.map((r) => (r.bar !== null && r.bar > 0 ? r.bar : 0)));
  const chartRows = rows.filter((r) => r.key !== 'occupancyRate');

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="newsroom-figures-panel">
      <Flex tag="dl" direction="column" alignItems="stretch" gap={1}>
        {rows.map((r) => (
          <Flex key={r.key} justifyContent="space-between" gap={2}>
            <Typography tag="dt" variant="pi" textColor="neutral600">
              {r.label}
            </Typography>
            <Typography tag="dd" variant="omega" fontWeight="bold" data-testid={`newsroom-figure-${r.key}`}>
              {r.value}
            </Typography>
          </Flex>
        ))}
      </Flex>
      <svg
        role="img"
        aria-label={t('figures.chart', 'Households chart')}
        data-testid="newsroom-figures-chart"
        viewBox={`0 0 200 ${chartRows.length * 18}`}
        width="100%"
        style={{ display: 'block' }}
      >
        {chartRows.map((r, i) => {
          const w = r.bar !== null && r.bar > 0 ? (r.bar / scale) * 196 : 0;
          return (
            <g key={r.key} transform={`translate(0 ${i * 18})`}>
              <rect x="0" y="2" width="200" height="12" rx="2" fill="#f0f0ff" />
              <rect x="0" y="2" width={w.toFixed(1)} height="12" rx="2" fill={r.color} data-testid={`newsroom-bar-${r.key}`}>
                <title>{`${r.label}: ${r.value}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <Flex wrap="wrap" gap={2}>
        {chartRows.map((r) => (
          <Flex key={r.key} gap={1} alignItems="center">
            <span aria-hidden style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: r.color }} />
            <Typography variant="pi" textColor="neutral600">
              {r.label}
            </Typography>
          </Flex>
        ))}
      </Flex>
      {problems.length > 0 && (
        <Box background="danger100" padding={2} hasRadius role="alert" data-testid="newsroom-figures-problems">
          {problems.map((p) => (
            <Typography key={`${p.path.join('.')}:${p.message}`} variant="pi" textColor="danger700" tag="p">
              {p.path.join('.')}: {p.message}
            </Typography>
          ))}
        </Box>
      )}
      <Typography variant="pi" textColor="neutral600" tag="p">
        {t('figures.explanation', 'Computed from the figures in the form, never stored. Estimates are rounded to whole households.')}
      </Typography>
    </Flex>
  );
};

export const FiguresPanel = ({ model }: { model: string }) => {
  const t = useT();
  if (model !== UIDS.neighbourhood) return null;
  return {
    title: t('figures.title', 'Figures'),
    content: <FiguresPanelContent />,
  };
};
FiguresPanel.type = 'newsroom-figures';
