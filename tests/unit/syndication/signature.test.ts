import { createHmac } from 'crypto';
import { signPayload, verifySignature } from '../../../src/plugins/newsroom/server/src/syndication/signature';
import { deliveryBody, localeEvent, partnerWants, resolvePartners, retryDelayMs } from '../../../src/plugins/newsroom/server/src/syndication/partners';

const secret = 'partner-secret-0123456789abcdef';
const body = JSON.stringify({ event: 'publish', documentId: 'abc', locale: 'zh-Hans', item: { headlines: [{ value: '标题' }] } });

describe('X-Newsroom-Signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">', () => {
    const header = signPayload(secret, body, 1_764_300_000);
    const mac = createHmac('sha256', secret).update(`1764300000.${body}`).digest('hex');
    expect(header).toBe(`t=1764300000,v1=${mac}`);
    expect(verifySignature(secret, body, header, 1_764_300_100)).toEqual({ ok: true, timestamp: 1_764_300_000 });
  });

  it('refuses a wrong secret, a changed body, a replay outside the tolerance and malformed headers', () => {
    const header = signPayload(secret, body, 1_764_300_000);
    expect(verifySignature('other-secret-0123456789abcdef', body, header, 1_764_300_000)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, body + ' ', header, 1_764_300_000)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySignature(secret, body, header, 1_764_300_000 + 301)).toEqual({ ok: false, reason: 'stale' });
    for (const bad of [
      undefined,
      '',
      'v1=abc',
      't=1764300000',
      't=abc,v1=' + 'a'.repeat(64),
      't=1,t=2,v1=' + 'a'.repeat(64),
      'garbage',
      'x'.repeat(2000),
      't=1764300000,v1=' + 'A'.repeat(64),
    ]) {
      expect(verifySignature(secret, body, bad as any, 1_764_300_000).ok).toBe(false);
    }
  });

  it('accepts any matching v1 among several (secret rotation)', () => {
    const good = signPayload(secret, body, 1_764_300_000).split(',')[1];
    expect(verifySignature(secret, body, `t=1764300000,v1=${'0'.repeat(64)},${good}`, 1_764_300_000).ok).toBe(true);
  });

  it('survives generated random headers without throwing', () => {
    const alphabet = 't=v1,0123456789abcdef ';
    for (let i = 0; i < 500; i++) {
      const h = Array.from({ length: (i * 7) % 90 }, (_, j) => alphabet[(i * 31 + j * 17) % alphabet.length]).join('');
      expect(() => verifySignature(secret, body, h, 1_764_300_000)).not.toThrow();
    }
  });
});

describe('partners', () => {
  it('resolves valid partners and explains the invalid ones without their secrets', () => {
    const { partners, problems } = resolvePartners([
      { url: 'https://partner.example/hook', secret: 's'.repeat(16), locales: ['en'], exclusivesOnly: true },
      { url: 'ftp://x', secret: 's'.repeat(16) },
      { url: 'https://x.example', secret: 'short' },
      { url: 'https://y.example', secret: 's'.repeat(20), locales: 'en' },
      null,
    ]);
    expect(partners).toEqual([{ name: 'partner.example', url: 'https://partner.example/hook', secret: 's'.repeat(16), locales: ['en'], exclusivesOnly: true }]);
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).not.toContain('short');
    expect(resolvePartners('[{"url":"http://127.0.0.1:9/h","secret":"0123456789abcdef"}]').partners).toHaveLength(1);
    expect(resolvePartners('not json').problems).toHaveLength(1);
    expect(resolvePartners(undefined)).toEqual({ partners: [], problems: [] });
  });

  it('filters by locale and exclusivity', () => {
    const p = { name: 'p', url: 'http://x', secret: 's', locales: ['en'], exclusivesOnly: true };
    expect(partnerWants(p, { locale: 'en', exclusive: true })).toBe(true);
    expect(partnerWants(p, { locale: 'zh-Hans', exclusive: true })).toBe(false);
    expect(partnerWants(p, { locale: 'en', exclusive: false })).toBe(false);
    expect(partnerWants({ ...p, locales: null, exclusivesOnly: false }, { locale: 'zh-Hans', exclusive: false })).toBe(true);
  });

  it('backs off exponentially, capped at an hour', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 2000))).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelayMs(40, 2000)).toBe(3600_000);
  });

  it('names the event of a locale from its published rows', () => {
    expect(localeEvent(undefined, { id: 2 })).toBe('publish');
    expect(localeEvent({ id: 1 }, { id: 2 })).toBe('publish');
    expect(localeEvent({ id: 1, corrections: [] }, { id: 2, corrections: [{}] })).toBe('correct');
    expect(localeEvent({ id: 1 }, undefined)).toBe('unpublish');
    expect(localeEvent({ id: 1 }, { id: 1 })).toBeNull();
    expect(localeEvent(undefined, undefined)).toBeNull();
  });

  it('puts the event, the story and its ninjs in the body', () => {
    const at = new Date('2026-11-28T00:00:00Z');
    expect(JSON.parse(deliveryBody('unpublish', { documentId: 'd', locale: 'en' }, { x: 1 }, at))).toEqual({
      event: 'unpublish',
      documentId: 'd',
      locale: 'en',
      sentAt: at.toISOString(),
      item: null,
    });
    expect(JSON.parse(deliveryBody('publish', { documentId: 'd', locale: 'en' }, { x: 1 }, at)).item).toEqual({ x: 1 });
  });
});
