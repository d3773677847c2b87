import {
  MAX_TOKEN_LENGTH,
  PreviewScope,
  mayPreview,
  previewBanner,
  previewPageUrl,
  signPreviewToken,
  verifyPreviewToken,
} from '../../../src/plugins/newsroom/server/src/preview/token';
import { newsroomPreview, previewHandler } from '../../../src/plugins/newsroom/server/src/preview/admin-config';

const SECRET = 'unit-preview-secret-0123456789abcdef';
const NOW = Date.parse('2026-12-02T06:00:00Z');
const scope: PreviewScope = { kind: 'article', documentId: 'abc123def456', locale: 'zh-Hans', status: 'draft' };
const sign = (over: Partial<PreviewScope> = {}, secret = SECRET, now = NOW, ttl = 600) => signPreviewToken({ ...scope, ...over }, '7', secret, now, ttl);

/** Re-encodes a token's payload with changed claims, keeping its signature (what a forger can do). */
const withClaims = (token: string, change: (c: Record<string, unknown>) => void) => {
  const [v, payload, sig] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  change(claims);
  return `${v}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${sig}`;
};

describe('preview tokens', () => {
  it('open exactly the version they were issued for, until they expire', () => {
    const token = sign();
    const verdict = verifyPreviewToken(token, scope, SECRET, NOW + 1000);
    expect(verdict).toEqual({ ok: true, claims: { ...scope, expiresAt: NOW + 600_000, issuedTo: '7' } });
    expect(verifyPreviewToken(token, scope, SECRET, NOW + 599_999).ok).toBe(true);
    expect(verifyPreviewToken(token, scope, SECRET, NOW + 600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it.each<[string, Partial<PreviewScope>]>([
    ['another document', { documentId: 'zzz999' }],
    ['another locale', { locale: 'en' }],
    ['another status', { status: 'published' }],
    ['another kind', { kind: 'neighbourhood' }],
  ])('refuse a request for %s', (_what, other) => {
    expect(verifyPreviewToken(sign(), { ...scope, ...other }, SECRET, NOW)).toEqual({ ok: false, reason: 'scope' });
  });

  it.each<[string, (c: Record<string, unknown>) => void]>([
    ['documentId', (c) => (c.d = 'zzz999')],
    ['locale', (c) => (c.l = 'en')],
    ['status', (c) => (c.s = 'published')],
    ['kind', (c) => (c.k = 'news-item')],
    ['expiry', (c) => (c.e = (c.e as number) + 3600_000)],
    ['issuedTo', (c) => (c.u = '1')],
  ])('refuse a token whose %s was altered', (_field, change) => {
    expect(verifyPreviewToken(withClaims(sign(), change), scope, SECRET, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuse tokens signed with another secret, and every token without a usable secret', () => {
    expect(verifyPreviewToken(sign({}, 'another-secret-that-is-long-enough-0000'), scope, SECRET, NOW)).toEqual({ ok: false, reason: 'signature' });
    for (const secret of [undefined, '', 'short-secret']) {
      expect(verifyPreviewToken(sign(), scope, secret, NOW)).toEqual({ ok: false, reason: 'no-secret' });
      expect(() => signPreviewToken(scope, '7', secret, NOW, 600)).toThrow(/secret/);
    }
  });

  it.each<[string, unknown]>([
    ['nothing', undefined],
    ['an empty string', ''],
    ['a number', 42],
    ['a list', ['v1', 'a', 'b']],
    ['two parts', 'v1.abc'],
    ['another version', `v2.${sign().slice(3)}`],
    ['a short signature', `${sign().slice(0, -2)}`],
    ['a signature with padding', `${sign()}=`],
    ['an oversized token', `v1.${'a'.repeat(MAX_TOKEN_LENGTH)}.${'b'.repeat(43)}`],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl'],
  ])('refuse %s as a token', (_what, token) => {
    const verdict = verifyPreviewToken(token, scope, SECRET, NOW);
    expect(verdict.ok).toBe(false);
  });

  it('refuse a correctly signed payload that names no valid scope', () => {
    // Signed with the real secret (as a bug elsewhere might), but the scope is not one a token may carry.
    const forged = signPreviewToken(scope, '7', SECRET, NOW, 600);
    const [, payload] = forged.split('.');
    const bad = Buffer.from(JSON.stringify({ k: 'article', d: '../etc', l: 'zh-Hans', s: 'draft', e: NOW + 1e6, u: '7' })).toString('base64url');
    const { createHmac } = jest.requireActual('crypto') as typeof import('crypto');
    const sig = createHmac('sha256', SECRET).update(`newsroom-preview.v1.${bad}`).digest('base64url');
    expect(payload).not.toBe(bad);
    expect(verifyPreviewToken(`v1.${bad}.${sig}`, { ...scope, documentId: '../etc' }, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuse to sign a scope a token may not name', () => {
    expect(() => signPreviewToken({ ...scope, status: 'Draft' as never }, '7', SECRET, NOW, 600)).toThrow(/scope/);
    expect(() => signPreviewToken({ ...scope, documentId: 'a b' }, '7', SECRET, NOW, 600)).toThrow(/scope/);
  });
});

describe('who may preview', () => {
  it('needs read and edit rights on the version (a translator edits only their own locale)', () => {
    expect(mayPreview({ read: true, edit: true })).toBe(true);
    expect(mayPreview({ read: true, edit: false })).toBe(false);
    expect(mayPreview({ read: false, edit: true })).toBe(false);
  });
});

describe('the reader page URL and banner', () => {
  it('puts the scope and the token in the page URL', () => {
    const url = new URL(previewPageUrl('/preview/', scope, 'v1.x.y'), 'http://localhost');
    expect(url.pathname).toBe('/preview/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ ...scope, token: 'v1.x.y' });
    expect(previewPageUrl('https://news.example/p?x=1', scope, 't')).toMatch(/^https:\/\/news\.example\/p\?x=1&kind=article&/);
  });

  it('says draft, or embargoed until the instant, and nothing for a published free version', () => {
    expect(previewBanner('draft', null, NOW)).toEqual({ state: 'draft', until: null });
    expect(previewBanner('draft', '2026-12-03T02:00:00.000Z', NOW)).toEqual({ state: 'embargoed', until: '2026-12-03T02:00:00.000Z' });
    expect(previewBanner('draft', '2026-12-01T02:00:00.000Z', NOW)).toEqual({ state: 'draft', until: null });
    expect(previewBanner('published', null, NOW)).toBeNull();
  });
});

describe('the exported Preview config', () => {
  it('is enabled with the handler, and adds allowed origins only when given', () => {
    expect(newsroomPreview()).toEqual({ enabled: true, config: { handler: previewHandler } });
    expect(newsroomPreview({ allowedOrigins: ['https://news.example', ''] }).config).toEqual({
      allowedOrigins: ['https://news.example'],
      handler: previewHandler,
    });
    expect(newsroomPreview({ enabled: false }).enabled).toBe(false);
  });

  it('issues nothing outside a running Strapi', async () => {
    await expect(previewHandler('plugin::newsroom.article', { documentId: 'x' })).resolves.toBeUndefined();
  });
});
