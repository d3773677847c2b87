/**
 * What a parsed page becomes in the newsroom: the documents to create or update, keyed so a
 * re-import updates what the first import created. Pure; the importer service writes the plan.
 */
import { createHash } from 'crypto';
import { paragraphsToBlocks } from '../enforcement/blocks';
import { ParsedPage } from './types';

/** Outlet recorded for a headline whose page does not name one: explicit rather than missing. */
export const UNSTATED_OUTLET = '未注明';

const key = (prefix: string, ...parts: string[]) =>
  `${prefix}:${createHash('sha256')
    .update(parts.map((p) => p.normalize('NFKC').replace(/\s+/g, ' ').trim()).join('\n'))
    .digest('hex')
    .slice(0, 40)}`;

export interface ImportPlan {
  locale: string;
  article: { key: string; data: Record<string, unknown> };
  neighbourhood: { name: string; data: Record<string, unknown> } | null;
  newsItems: Array<{ key: string; data: Record<string, unknown> }>;
}

export function planImport(page: ParsedPage, locale: string = page.language): ImportPlan {
  const a = page.article;
  const n = page.neighbourhood;
  return {
    locale,
    // Keyed by locale and title: editing the body and re-importing updates the same article.
    article: {
      key: key('article', locale, a.title),
      data: {
        title: a.title,
        column: a.column,
        body: paragraphsToBlocks(a.paragraphs),
        imageNote: a.imageNote,
        bylines: a.bylines.map((b) => ({ name: b.name, role: b.role })),
        exclusive: a.exclusive,
        origin: a.origin ? { outlet: a.origin.outlet, originalDateline: a.origin.dateline } : null,
        keywords: a.keywords.length ? a.keywords : null,
        dateline: a.dateline,
      },
    },
    neighbourhood: n
      ? {
          name: n.name,
          data: {
            name: n.name,
            district: n.district,
            subdistrict: n.subdistrict,
            yearBuilt: n.yearBuilt,
            kind: n.kind,
            households: n.households,
            occupiedHouseholds: n.occupiedHouseholds,
            tenantShare: n.tenantShare,
            elderlyShare: n.elderlyShare,
            partySecretary: n.partySecretary,
            services: n.services.map((s) => ({ name: s.name, schedule: s.schedule, audience: s.audience })),
            partnerships: n.partnerships.map((p) => ({ partner: p.partner, focus: p.focus })),
          },
        }
      : null,
    newsItems: page.relatedNews.map((item) => ({
      key: key('news', locale, item.outlet ?? UNSTATED_OUTLET, item.headline),
      data: {
        headline: item.headline,
        summary: item.summary,
        outlet: item.outlet ?? UNSTATED_OUTLET,
        dateline: item.dateline,
        reporters: item.reporters.length ? item.reporters : null,
      },
    })),
  };
}
