/**
 * Signed draft previews against a hostile client: the Content Manager's preview URL is issued only
 * to admins who may preview that version; the preview route opens exactly the version its token
 * names and refuses (403) everything else — tampered fields, flipped signature bits, swapped ids,
 * other locales, statuses and kinds, expired tokens, a missing or rotated secret, a token replayed
 * after the document is deleted. No preview answer is ever stored: the read cache's statistics do
 * not move, and a following anonymous request gets nothing of the draft.
 */
import { strapiInstance } from '../helpers/strapi';
import { UID, adminLogin, apiToken, createVia, http, rest, useStrapi } from '../helpers/http';
import { signPreviewToken, PREVIEW_SECRET_VARIABLE, PREVIEW_TOKEN_HEADER } from '../../src/plugins/newsroom/server/src/preview/token';
import type { PreviewScope } from '../../src/plugins/newsroom/server/src/preview/token';

/** Every draft-only text contains this; no refused or anonymous answer may. */
const SECRET = 'PREVIEWSECRET';
const EMBARGO = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();

let editor: string;
let translator: string;
let draft: { id: string; slug: string };
let published: { id: string };
let hoodId: string;

useStrapi();

const previewUrl = (jwt: string, uid: string, documentId: string, locale: string, status = 'draft') =>
  http().get(`/content-manager/preview/url/${uid}`).query({ documentId, locale, status }).set('Authorization', `Bearer ${jwt}`);

/** The token and scope of an issued preview URL. */
const issued = (url: string) => {
  const u = new URL(url, 'http://reader.local');
  const p = Object.fromEntries(u.searchParams);
  return { scope: { kind: p.kind, documentId: p.documentId, locale: p.locale, status: p.status } as PreviewScope, token: p.token, path: u.pathname };
};

const routeOf = (s: PreviewScope) => `/api/newsroom/preview/${s.kind}/${s.documentId}?locale=${encodeURIComponent(s.locale)}&status=${s.status}`;
const open = (path: string, token?: string) => {
  const req = http().get(path);
  return token === undefined ? req : req.set(PREVIEW_TOKEN_HEADER, token);
};

const cache = () => strapiInstance().plugin('newsroom').service('read-cache') as { stats: { hits: number; misses: number }; store: { size: number } };

async function editorToken(documentId = draft.id, locale = 'zh-Hans') {
  const res = await previewUrl(editor, UID.article, documentId, locale);
  expect(res.status).toBe(200);
  return issued(res.body.data.url);
}

beforeAll(async () => {
  const token = await apiToken();
  const hood = await createVia('/api/newsroom/neighbourhoods?locale=zh-Hans', {
    name: '预览测试小区',
    district: '普陀区',
    households: 1644,
    occupiedHouseholds: 1200,
    tenantShare: 0.3,
  });
  hoodId = hood.documentId;
  const doc = await createVia('/api/newsroom/articles?locale=zh-Hans&status=draft', {
    title: `${SECRET} 禁发独家预览`,
    exclusive: true,
    embargoUntil: EMBARGO,
    neighbourhood: hood.documentId,
    standfirst: `${SECRET} 导语`,
  });
  const en = await rest('put', `/api/newsroom/articles/${doc.documentId}?locale=en&status=draft`, {
    token,
    body: { data: { title: `${SECRET} English draft` } },
  });
  if (en.status !== 200) throw new Error(`en draft: ${en.status} ${JSON.stringify(en.body)}`);
  draft = { id: doc.documentId, slug: doc.slug };
  published = { id: (await createVia('/api/newsroom/articles?locale=zh-Hans', { title: '已发布的预览对照文章' })).documentId };
  editor = await adminLogin('newsroom-editor');
  translator = await adminLogin('newsroom-translator-en');
}, 240_000);

describe('the Preview panel issues tokens only to admins who may preview the version', () => {
  it('gives an editor the reader page for the embargoed zh-Hans draft, and the route shows it populated, with JSON-LD and the banner', async () => {
    const res = await previewUrl(editor, UID.article, draft.id, 'zh-Hans');
    expect(res.status).toBe(200);
    const { scope, token, path } = issued(res.body.data.url);
    expect(path).toBe('/preview/');
    expect(scope).toEqual({ kind: 'article', documentId: draft.id, locale: 'zh-Hans', status: 'draft' });
    const answer = await open(routeOf(scope), token);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('private, no-store');
    expect(answer.headers['x-robots-tag']).toBe('noindex');
    expect(answer.headers['x-newsroom-cache']).toBeUndefined();
    const { data, meta } = answer.body;
    expect(data.title).toBe(`${SECRET} 禁发独家预览`);
    expect(data.reprintNotice).toBe('文汇独家稿件,转载请注明出处。');
    expect(data.neighbourhood.figures.occupancyRate).toBeCloseTo(1200 / 1644, 2); // the server rounds rates
    expect(data.translatedFromHash).toBeUndefined(); // sanitized as the public API sanitizes
    expect(meta.preview.banner).toEqual({ state: 'embargoed', until: EMBARGO });
    expect(meta.alternates).toEqual({ 'zh-Hans': draft.slug, en: expect.any(String) });
    const jsonLd = JSON.parse(meta.jsonLd);
    expect(jsonLd['@type']).toBe('NewsArticle');
    expect(jsonLd.copyrightNotice).toBe('文汇独家稿件,转载请注明出处。');
    expect(new Date(meta.preview.expiresAt).getTime() - Date.now()).toBeGreaterThan(590_000);
    expect(new Date(meta.preview.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('gives a translator their en draft but no zh-Hans preview', async () => {
    const en = await previewUrl(translator, UID.article, draft.id, 'en');
    expect(en.status).toBe(200);
    const { scope, token } = issued(en.body.data.url);
    const answer = await open(routeOf(scope), token);
    expect(answer.status).toBe(200);
    expect(answer.body.data.title).toBe(`${SECRET} English draft`);
    const zh = await previewUrl(translator, UID.article, draft.id, 'zh-Hans');
    expect(zh.status).toBe(204);
    expect(zh.text).not.toContain('token');
  });

  it('issues nothing without an admin session, for a version that does not exist, or for another type', async () => {
    expect((await http().get(`/content-manager/preview/url/${UID.article}`).query({ documentId: draft.id, locale: 'zh-Hans' })).status).toBe(401);
    expect((await previewUrl(editor, UID.article, draft.id, 'zh-Hans', 'published')).status).toBe(204);
    expect((await previewUrl(editor, UID.article, 'nosuchdocument0000000000', 'zh-Hans')).status).toBe(204);
    expect((await previewUrl(editor, UID.article, draft.id, 'fr')).status).toBe(204);
    expect((await previewUrl(editor, 'admin::user', '1', 'zh-Hans')).status).toBeGreaterThanOrEqual(204);
  });
});

describe('the preview route refuses every token but the right one (403)', () => {
  /** Every refusal: 403, nothing of the draft, never cacheable. */
  const refused = async (label: string, path: string, token?: string, extra: Record<string, string> = {}, status = 403) => {
    const res = await open(path, token).set(extra);
    expect({ label, status: res.status }).toEqual({ label, status });
    expect({ label, leaked: res.text.includes(SECRET) }).toEqual({ label, leaked: false });
    expect({ label, cc: res.headers['cache-control'] }).toEqual({ label, cc: 'private, no-store' });
  };

  it('refuses generated variants: tampered claims, flipped signature bits, truncation, swapped ids, locales, statuses, kinds', async () => {
    const { scope, token } = await editorToken();
    const [v, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const reencode = (c: Record<string, unknown>) => `${v}.${Buffer.from(JSON.stringify(c)).toString('base64url')}.${sig}`;
    const variants: Array<[string, string, string | undefined]> = [];
    // Tampered claims, each asking for what the claim now says.
    const asks: Record<string, (x: string) => PreviewScope> = {
      d: (x) => ({ ...scope, documentId: x }),
      l: (x) => ({ ...scope, locale: x }),
      s: (x) => ({ ...scope, status: x as PreviewScope['status'] }),
      k: (x) => ({ ...scope, kind: x as PreviewScope['kind'] }),
    };
    const alternatives: Record<string, string[]> = { d: [published.id, hoodId], l: ['en'], s: ['published'], k: ['neighbourhood', 'news-item'] };
    for (const [claim, values] of Object.entries(alternatives))
      for (const value of values) variants.push([`claim ${claim}=${value}`, routeOf(asks[claim](value)), reencode({ ...claims, [claim]: value })]);
    variants.push(['expiry pushed out', routeOf(scope), reencode({ ...claims, e: claims.e + 86_400_000 })]);
    variants.push(['issued to another admin', routeOf(scope), reencode({ ...claims, u: `${claims.u}0` })]);
    // Flipped signature characters, at 12 positions.
    for (let i = 0; i < 12; i++) {
      const at = Math.floor((i * sig.length) / 12);
      const flipped = sig.slice(0, at) + (sig[at] === 'A' ? 'B' : 'A') + sig.slice(at + 1);
      variants.push([`signature char ${at}`, routeOf(scope), `${v}.${payload}.${flipped}`]);
    }
    variants.push(['truncated', routeOf(scope), token.slice(0, -1)]);
    variants.push(['no signature', routeOf(scope), `${v}.${payload}.`]);
    variants.push(['v2', routeOf(scope), `v2.${payload}.${sig}`]);
    variants.push(['payload of another token', routeOf(scope), `${v}.${payload.slice(0, -2)}.${sig}`]);
    // The genuine token, asked for another version.
    variants.push(['another document', routeOf({ ...scope, documentId: published.id }), token]);
    variants.push(['a nonexistent document', routeOf({ ...scope, documentId: 'zzzzzzzzzzzzzzzzzzzzzzzz' }), token]);
    variants.push(['the en locale', routeOf({ ...scope, locale: 'en' }), token]);
    variants.push(['the published status', routeOf({ ...scope, status: 'published' }), token]);
    variants.push(['status DRAFT', routeOf(scope).replace('status=draft', 'status=DRAFT'), token]);
    variants.push(['no status', routeOf(scope).replace('&status=draft', ''), token]);
    variants.push(['no locale', routeOf(scope).replace(/locale=[^&]+&/, ''), token]);
    variants.push(['two locales', `${routeOf(scope)}&locale=en`, token]);
    variants.push(['the neighbourhood kind', routeOf({ ...scope, kind: 'neighbourhood' }), token]);
    variants.push(['the news-item kind', routeOf({ ...scope, kind: 'news-item' }), token]);
    // No token, or a token where the route does not read one.
    variants.push(['no token', routeOf(scope), undefined]);
    variants.push(['empty token', routeOf(scope), '']);
    for (const [label, path, t] of variants) await refused(label, path, t);
    await refused('token in the query', `${routeOf(scope)}&token=${encodeURIComponent(token)}`);
    // Strapi's own authentication refuses it as a credential first (401).
    await refused('token as a bearer', routeOf(scope), undefined, { Authorization: `Bearer ${token}` }, 401);
    await refused('an API token', routeOf(scope), undefined, { Authorization: `Bearer ${await apiToken()}` });
    // The genuine token still works: each refusal was about the variant.
    expect((await open(routeOf(scope), token)).status).toBe(200);
    expect(variants.length).toBeGreaterThanOrEqual(35);
  });

  it('refuses an expired token, and one signed with another secret', async () => {
    const scope: PreviewScope = { kind: 'article', documentId: draft.id, locale: 'zh-Hans', status: 'draft' };
    const secret = process.env[PREVIEW_SECRET_VARIABLE];
    await refused('expired a second ago', routeOf(scope), signPreviewToken(scope, '1', secret, Date.now() - 601_000, 600));
    await refused('another secret', routeOf(scope), signPreviewToken(scope, '1', 'an-entirely-different-secret-0123456789', Date.now(), 600));
    expect((await open(routeOf(scope), signPreviewToken(scope, '1', secret, Date.now(), 600))).status).toBe(200);
  });

  it('fails closed without a usable secret: nothing is issued, nothing is opened', async () => {
    const { scope, token } = await editorToken();
    const secret = process.env[PREVIEW_SECRET_VARIABLE];
    try {
      for (const value of [undefined, '', 'too-short-secret']) {
        if (value === undefined) delete process.env[PREVIEW_SECRET_VARIABLE];
        else process.env[PREVIEW_SECRET_VARIABLE] = value;
        await refused(`secret ${JSON.stringify(value)}`, routeOf(scope), token);
        expect((await previewUrl(editor, UID.article, draft.id, 'zh-Hans')).status).toBe(204);
      }
      process.env[PREVIEW_SECRET_VARIABLE] = `${secret}-rotated`;
      await refused('rotated secret', routeOf(scope), token);
    } finally {
      process.env[PREVIEW_SECRET_VARIABLE] = secret;
    }
    expect((await open(routeOf(scope), token)).status).toBe(200);
  });

  it('refuses a token replayed after its document is deleted', async () => {
    const doomed = await rest('post', '/api/newsroom/articles?locale=zh-Hans&status=draft', {
      token: await apiToken(),
      body: { data: { title: `${SECRET} 将被删除` } },
    });
    const { scope, token } = await editorToken(doomed.body.data.documentId);
    expect((await open(routeOf(scope), token)).status).toBe(200);
    const del = await rest('delete', `/api/newsroom/articles/${scope.documentId}?locale=*`, { token: await apiToken() });
    expect(del.status).toBeLessThan(300);
    await refused('replayed after delete', routeOf(scope), token);
  });
});

describe('no preview answer is ever stored', () => {
  it('leaves the read cache untouched, and a following anonymous request sees nothing of the draft', async () => {
    const { scope, token } = await editorToken();
    const before = { ...cache().stats, size: cache().store.size };
    const paths = [
      routeOf(scope),
      routeOf(scope).replace('/preview/', '/Preview/'),
      routeOf(scope).replace('/api/newsroom/preview/', '/api/newsroom/PREVIEW/'),
    ];
    for (const path of paths) {
      for (const headers of [{}, { 'Accept-Encoding': 'br, gzip' }, { 'If-None-Match': '*' }, { Origin: 'http://reader.local' }]) {
        const res = await open(path, token).set(headers);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(res.headers['cache-control']).toBe('private, no-store');
        expect(res.headers['x-newsroom-cache']).toBeUndefined();
        expect(res.headers.etag).toBeUndefined();
      }
    }
    const after = { ...cache().stats, size: cache().store.size };
    expect(after.misses).toBe(before.misses);
    expect(after.size).toBe(before.size);
    expect(after.hits).toBe(before.hits);
    for (const path of paths) {
      const anonymous = await open(path);
      expect(anonymous.status).toBe(403);
      expect(anonymous.text).not.toContain(SECRET);
      expect(anonymous.headers['x-newsroom-cache']).toBeUndefined();
    }
    // The public routes still refuse the draft: as strict as before.
    expect((await http().get(`/api/newsroom/articles/by-slug/${draft.slug}?locale=zh-Hans`)).status).toBe(404);
    expect((await http().get(`/api/newsroom/articles/${draft.id}?locale=zh-Hans&status=draft`)).status).toBe(403);
    expect((await http().get(`/api/newsroom/articles/${draft.id}?locale=zh-Hans&status=draft`).set(PREVIEW_TOKEN_HEADER, token)).status).toBe(403);
  });
});
