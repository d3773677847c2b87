/**
 * Signed deliveries to partners: `X-Newsroom-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" with the partner's secret>`. The timestamp is inside the signed text, so a
 * partner refuses replays by checking it is recent (default tolerance 5 minutes).
 */
import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'X-Newsroom-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, rawBody: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/** What a partner runs on each POST: the raw body exactly as received, the header, its secret. */
export function verifySignature(
  secret: string,
  rawBody: string,
  header: string | null | undefined,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): VerifyResult {
  if (typeof header !== 'string' || header.length > 1000) return { ok: false, reason: 'malformed' };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(',')) {
    const i = piece.indexOf('=');
    if (i <= 0) return { ok: false, reason: 'malformed' };
    const key = piece.slice(0, i).trim();
    parts.set(key, [...(parts.get(key) ?? []), piece.slice(i + 1).trim()]);
  }
  const t = parts.get('t');
  if (!t || t.length !== 1 || !/^\d{1,12}$/.test(t[0])) return { ok: false, reason: 'malformed' };
  const candidates = (parts.get('v1') ?? []).filter((v) => /^[0-9a-f]{64}$/.test(v));
  if (!candidates.length) return { ok: false, reason: 'malformed' };
  const timestamp = Number(t[0]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex'), 'utf8');
  const match = candidates.some((v) => timingSafeEqual(Buffer.from(v, 'utf8'), expected));
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
