/** Shapes produced by the page parser (see parse-page.ts). No Strapi imports here. */

import type { BylineRole } from '../content-types/facts';
import type { MatchedBy } from './match';
export type { BylineRole };

export interface Byline {
  name: string;
  role: BylineRole;
}

export interface Origin {
  outlet: string;
  dateline: string | null;
}

export interface ParsedService {
  name: string;
  schedule: string | null;
  audience: string | null;
}

export interface ParsedPartnership {
  partner: string;
  focus: string | null;
}

export interface ParsedNeighbourhood {
  name: string;
  district: string | null;
  subdistrict: string | null;
  yearBuilt: number | null;
  kind: string | null;
  households: number | null;
  occupiedHouseholds: number | null;
  tenantShare: number | null;
  elderlyShare: number | null;
  partySecretary: string | null;
  services: ParsedService[];
  partnerships: ParsedPartnership[];
  /** Households were stated as approximate ('1200余户', 'about 1,680 households'). */
  householdsApproximate?: boolean;
  /** Every share stated, with its qualifier (约/近/超过/about/over) and the population it is about. */
  shares?: Array<{ value: number; qualifier: string | null; population: string }>;
  /** Head counts ('独居老人43人', '600余人'): counts, never shares. */
  headCounts?: Array<{ count: number; approximate: boolean; population: string }>;
  /** Recognised but not stored, or set aside, with the reason. */
  notStored?: NotStored[];
}

export interface NotStored {
  text: string;
  field: string;
  reason: string;
}

export interface RelatedNewsItem {
  headline: string;
  summary: string | null;
  outlet: string | null;
  dateline: string | null;
  reporters: string[];
}

export interface ParsedArticle {
  title: string;
  column: string | null;
  paragraphs: string[];
  imageNote: string | null;
  bylines: Byline[];
  exclusive: boolean;
  origin: Origin | null;
  keywords: string[];
  dateline: string | null;
}

export interface ReportEntry {
  line: number;
  text: string;
  field: string;
}

export interface DroppedLine {
  line: number;
  text: string;
  reason: string;
}

export interface ParsedPage {
  language: 'zh-Hans' | 'en';
  contentHash: string;
  article: ParsedArticle;
  neighbourhood: ParsedNeighbourhood | null;
  relatedNews: RelatedNewsItem[];
  report: ReportEntry[];
  dropped: DroppedLine[];
  /** Figures and facts recognised on the page but not stored (head counts, other shares, counts that are not the neighbourhood's), with reasons. */
  notStored: NotStored[];
}

export interface ParsePageOptions {
  /** Forces the language instead of detecting it: 'zh*' → 'zh-Hans', 'en*' → 'en'. */
  locale?: string;
  /** Where the text came from (file name, feed); only used in error messages. */
  sourceName?: string;
}

export type ImportParseErrorCode = 'empty' | 'binary' | 'html' | 'not-article' | 'truncated';

// What an import did (the importer service's answers; the CLI reports them).

export type DocAction = 'created' | 'updated' | 'linked';

export interface DocOutcome {
  documentId: string | null;
  action: DocAction | 'would-create' | 'would-update' | 'would-link';
  matchedBy: MatchedBy | null;
}

export interface ImportOutcome {
  article: { documentId: string; action: DocAction; matchedBy: MatchedBy | null };
  neighbourhood: { documentId: string; action: 'created' | 'linked'; matchedBy: MatchedBy | null } | null;
  newsItems: { created: number; updated: number; linked: number; items: Array<{ documentId: string; action: DocAction; matchedBy: MatchedBy | null }> };
}

export interface DryRunOutcome {
  article: DocOutcome;
  neighbourhood: DocOutcome | null;
  newsItems: DocOutcome[];
}

/** One page of a batch: written, or refused with what refused it. */
export type BatchResult = { ok: true; outcome: ImportOutcome } | { ok: false; error: unknown };
