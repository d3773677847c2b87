/**
 * Which partners receive what, and when a failed delivery is tried again. Pure.
 * A partner: `{ url, secret, locales?, exclusivesOnly?, name? }` from `syndication.partners` in
 * config/plugins.ts or, for simple setups, the NEWSROOM_PARTNERS environment variable (JSON array).
 */
import type { PartnerConfig } from '../config/schema';

export type DeliveryEvent = 'publish' | 'correct' | 'unpublish';

export interface Partner {
  name: string;
  url: string;
  secret: string;
  locales: string[] | null;
  exclusivesOnly: boolean;
}

/** Valid partners and, for the log, why the others were left out (never their secrets). */
export function resolvePartners(list: unknown): { partners: Partner[]; problems: string[] } {
  const partners: Partner[] = [];
  const problems: string[] = [];
  const items = typeof list === 'string' ? safeParse(list) : list;
  if (items === undefined || items === null) return { partners, problems };
  if (!Array.isArray(items)) return { partners, problems: ['syndication.partners must be a list of { url, secret, locales, exclusivesOnly }'] };
  items.forEach((raw: Partial<PartnerConfig> | null, i: number) => {
    const at = `syndication.partners[${i}]`;
    if (!raw || typeof raw !== 'object') return void problems.push(`${at} must be an object`);
    let url: URL | null = null;
    try {
      url = new URL(String(raw.url));
    } catch {
      url = null;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) return void problems.push(`${at}.url must be an http(s) URL`);
    if (typeof raw.secret !== 'string' || raw.secret.length < 16) return void problems.push(`${at}.secret must be a string of at least 16 characters`);
    if (raw.locales !== undefined && raw.locales !== null && (!Array.isArray(raw.locales) || raw.locales.some((l) => typeof l !== 'string'))) {
      return void problems.push(`${at}.locales must be a list of locale codes`);
    }
    if (raw.exclusivesOnly !== undefined && typeof raw.exclusivesOnly !== 'boolean') return void problems.push(`${at}.exclusivesOnly must be true or false`);
    partners.push({
      name: typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim().slice(0, 100) : url.host,
      url: url.href,
      secret: raw.secret,
      locales: raw.locales && raw.locales.length ? [...raw.locales] : null,
      exclusivesOnly: raw.exclusivesOnly === true,
    });
  });
  return { partners, problems };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return 'not json';
  }
}

/** Whether a partner may carry this story in this locale. */
export const partnerWants = (p: Partner, story: { locale: string; exclusive: boolean }): boolean =>
  (!p.locales || p.locales.includes(story.locale)) && (!p.exclusivesOnly || story.exclusive);

/** Exponential backoff: base, 2×base, 4×base … capped at an hour. `attempt` counts from 1. */
export const retryDelayMs = (attempt: number, baseMs: number): number => Math.min(3600_000, baseMs * 2 ** Math.max(0, attempt - 1));

/** The POST body: the event, the story's identity, and (except on unpublish) its ninjs document. */
export function deliveryBody(event: DeliveryEvent, story: { documentId: string; locale: string }, ninjs: unknown, at: Date): string {
  return JSON.stringify({ event, documentId: story.documentId, locale: story.locale, sentAt: at.toISOString(), item: event === 'unpublish' ? null : ninjs });
}

/** The events a write makes for one locale, from its published rows before and after. */
export function localeEvent(
  before: { id: number; corrections?: unknown[] | null } | undefined,
  after: { id: number; corrections?: unknown[] | null } | undefined,
): DeliveryEvent | null {
  if (before && !after) return 'unpublish';
  if (!after || (before && before.id === after.id)) return null;
  if (before && (after.corrections?.length ?? 0) > (before.corrections?.length ?? 0)) return 'correct';
  return 'publish';
}
