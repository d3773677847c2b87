/**
 * Signed preview tokens: what lets the reader page show one unpublished version of one document.
 * Pure (no Strapi): the preview service issues them to admins who may preview, the preview route
 * checks them.
 *
 * A token is `v1.<payload>.<signature>`: the payload is base64url JSON of the scope (kind,
 * documentId, locale, status), the expiry and the admin it was issued to; the signature is
 * base64url HMAC-SHA256 of `newsroom-preview.v1.<payload>` with a secret from the environment.
 * A token answers for exactly its scope: the route compares every field with what is asked for.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { KINDS } from '../content-types/facts';
import { PREVIEW_STATUSES } from './scope';
import type { PreviewBanner, PreviewScope, PreviewStatus } from './scope';

export { PREVIEW_STATUSES, PREVIEW_TOKEN_HEADER } from './scope';
export type { PreviewBanner, PreviewScope, PreviewStatus } from './scope';

export interface PreviewClaims extends PreviewScope {
  /** Expiry, Unix milliseconds. */
  expiresAt: number;
  /** The admin user it was issued to (for logs; access is decided when it is issued). */
  issuedTo: string;
}

/** The environment variable holding the signing secret (never a config option: config is logged and exported). */
export const PREVIEW_SECRET_VARIABLE = 'NEWSROOM_PREVIEW_SECRET';
/** Shorter secrets are refused: a guessable key would sign anything. */
export const MIN_SECRET_LENGTH = 32;
/** Longer input is not a token (nothing is parsed or hashed beyond this). */
export const MAX_TOKEN_LENGTH = 1024;
const VERSION = 'v1';
const CONTEXT = 'newsroom-preview';
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/i;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export type RefusalReason = 'no-secret' | 'missing' | 'malformed' | 'signature' | 'expired' | 'scope';
export type Verdict = { ok: true; claims: PreviewClaims } | { ok: false; reason: RefusalReason };

/** Is this secret fit to sign with? (Missing or short: every token is refused, none is issued.) */
export const usableSecret = (secret: string | undefined): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH;

const b64url = (buf: Buffer) => buf.toString('base64url');
const signatureOf = (payload: string, secret: string) => createHmac('sha256', secret).update(`${CONTEXT}.${VERSION}.${payload}`).digest();

/** Is this a scope a token may name (known kind and status, plain documentId and locale code)? */
export function isPreviewScope(value: unknown): value is PreviewScope {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    (KINDS as unknown[]).includes(v.kind) &&
    typeof v.documentId === 'string' &&
    DOCUMENT_ID.test(v.documentId) &&
    typeof v.locale === 'string' &&
    LOCALE.test(v.locale) &&
    (PREVIEW_STATUSES as readonly unknown[]).includes(v.status)
  );
}

/** Signs a token for this scope, valid `ttlSeconds` from `now` (ms). Throws without a usable secret. */
export function signPreviewToken(scope: PreviewScope, issuedTo: string, secret: string | undefined, now: number, ttlSeconds: number): string {
  if (!usableSecret(secret)) throw new Error(`preview secret missing or shorter than ${MIN_SECRET_LENGTH} characters`);
  if (!isPreviewScope(scope)) throw new Error('not a preview scope');
  const claims = { k: scope.kind, d: scope.documentId, l: scope.locale, s: scope.status, e: now + ttlSeconds * 1000, u: issuedTo };
  const payload = b64url(Buffer.from(JSON.stringify(claims), 'utf8'));
  return `${VERSION}.${payload}.${b64url(signatureOf(payload, secret))}`;
}

/**
 * Checks a token against the scope a request asks for, at `now` (ms). Refuses, in this order: no
 * usable secret, no token, a malformed one, a wrong signature (compared in constant time), an
 * expired one, one for another kind, document, locale or status.
 */
export function verifyPreviewToken(token: unknown, asked: PreviewScope, secret: string | undefined, now: number): Verdict {
  if (!usableSecret(secret)) return { ok: false, reason: 'no-secret' };
  if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]{43}$/.test(parts[2]))
    return { ok: false, reason: 'malformed' };
  const [, payload, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = raw && typeof raw === 'object' ? { kind: raw.k, documentId: raw.d, locale: raw.l, status: raw.s, expiresAt: raw.e, issuedTo: raw.u } : null;
  if (!claims || !isPreviewScope(claims) || typeof claims.expiresAt !== 'number' || typeof claims.issuedTo !== 'string')
    return { ok: false, reason: 'malformed' };
  if (!(now < claims.expiresAt)) return { ok: false, reason: 'expired' };
  if (claims.kind !== asked.kind || claims.documentId !== asked.documentId || claims.locale !== asked.locale || claims.status !== asked.status)
    return { ok: false, reason: 'scope' };
  return { ok: true, claims: claims as PreviewClaims };
}

/**
 * May this admin preview a version? Previews are for whoever works on that locale's text: the
 * admin must be able to read it and to edit it there. A translator reads every locale but edits
 * only their own, so they preview their own locale only.
 */
export const mayPreview = (can: { read: boolean; edit: boolean }): boolean => can.read && can.edit;

/** The reader page's address for a preview: the page URL (absolute, or a path on this server) with the scope and token. */
export function previewPageUrl(pageUrl: string, scope: PreviewScope, token: string): string {
  const query = new URLSearchParams({ kind: scope.kind, documentId: scope.documentId, locale: scope.locale, status: scope.status, token });
  return `${pageUrl}${pageUrl.includes('?') ? '&' : '?'}${query}`;
}

/**
 * What the reader's banner says about a version: a draft, or a story under embargo until an
 * instant (ISO); null when the version is published and free.
 */
export function previewBanner(status: PreviewStatus, embargoUntil: unknown, now: number): PreviewBanner | null {
  const until = typeof embargoUntil === 'string' && Date.parse(embargoUntil) > now ? new Date(Date.parse(embargoUntil)).toISOString() : null;
  if (until) return { state: 'embargoed', until };
  return status === 'draft' ? { state: 'draft', until: null } : null;
}
