/**
 * Strapi's Preview panel on newsroom drafts, in a real browser: an editor opens the panel on an
 * embargoed zh-Hans exclusive and sees the reader page under its banner (embargoed until the time at
 * the newsroom's offset), with the notice and the neighbourhood figures; the page follows a save.
 * A translator previews their en draft but gets no zh-Hans preview; an anonymous reader with the
 * same URL and no token sees nothing of the draft. Real Strapi (tests/helpers/e2e.ts), real Chromium.
 */
import type { Frame, Page } from 'playwright-core';
import { DEV_ADMIN, e2eSession } from '../helpers/e2e';
import { adminLogin, newContext, screenshot } from '../helpers/browser';
import { adminToken, bearer, createAdminUser, findRole, json, rest } from '../helpers/remote';
import { wallClock } from '../../src/plugins/newsroom/server/src/syndication/dates';

jest.setTimeout(240_000);

const ARTICLE = 'plugin::newsroom.article';
const HOOD_SLUG = 'hua-he-min-xiang-yuan';
const TITLE = `禁发独家预览 ${Date.now()}`;
const EN_TITLE = `Embargoed exclusive, English draft ${Date.now()}`;
const TRANSLATOR = { email: 'translator-preview@e2e.local', password: 'Translator-2026', firstname: 'Tom', lastname: 'Preview' };

let base = '';
let page: Page;
let token = '';
let documentId = '';
let until = '';
const session = e2eSession(async (s) => {
  ({ base, page, token } = s);
  until = new Date(Date.now() + 26 * 3600_000).toISOString();
  const hood = await rest(base, `/api/newsroom/neighbourhoods/by-slug/${HOOD_SLUG}?locale=zh-Hans`);
  expect(hood.status).toBe(200);
  const created = await json(`${base}/content-manager/collection-types/${ARTICLE}?locale=zh-Hans`, {
    method: 'POST',
    headers: bearer(token),
    body: JSON.stringify({
      title: TITLE,
      standfirst: '禁发前由编辑在后台预览。',
      exclusive: true,
      embargoUntil: until,
      neighbourhood: { connect: [{ documentId: hood.body.data.documentId, locale: 'zh-Hans' }] },
    }),
  });
  expect(created.status).toBe(201);
  documentId = created.body.data.documentId;
  const en = await json(`${base}/content-manager/collection-types/${ARTICLE}/${documentId}?locale=en`, {
    method: 'PUT',
    headers: bearer(token),
    body: JSON.stringify({ title: EN_TITLE }),
  });
  expect(en.status).toBe(200);
  const role = await findRole(base, token, 'newsroom-translator-en');
  if (!role) throw new Error('admin role newsroom-translator-en does not exist');
  await createAdminUser(base, token, { ...TRANSLATOR, roleId: role.id });
});

/** The Preview page of the edit view, reached through the side panel's "Open preview" link; returns the reader page's frame. */
async function openPreviewPanel(p: Page, locale: string): Promise<Frame> {
  await p.goto(`/admin/content-manager/collection-types/${ARTICLE}/${documentId}?plugins[i18n][locale]=${locale}`);
  const open = p.getByRole('link', { name: /open preview|打开预览/i });
  await open.waitFor({ timeout: 60_000 });
  await open.click();
  const iframe = p.getByTestId('preview-iframe');
  await iframe.waitFor({ timeout: 30_000 });
  const frame = await (await iframe.elementHandle())!.contentFrame();
  if (!frame) throw new Error('the Preview panel has no frame');
  await frame.waitForSelector('body[data-ready]', { timeout: 30_000 });
  return frame;
}

let previewUrl = '';

test('1. an editor opens the Preview panel on the embargoed zh-Hans draft: banner, notice and figures', async () => {
  await adminLogin(page, DEV_ADMIN.email, DEV_ADMIN.password);
  const frame = await openPreviewPanel(page, 'zh-Hans');
  expect(await frame.getAttribute('body', 'data-ready')).toBe('true');
  previewUrl = frame.url();
  expect(new URL(previewUrl).searchParams.get('token')).toMatch(/^v1\./);
  const banner = frame.getByTestId('preview-banner');
  expect(await banner.getAttribute('class')).toContain('preview-embargoed');
  // The embargo's end at the newsroom's offset (+08:00), whatever the browser's time zone.
  const [day, time] = wallClock(until, '+08:00').split(' ');
  const bannerText = (await banner.textContent()) ?? '';
  expect(bannerText).toContain('UTC+08:00');
  expect(bannerText).toContain(time.slice(0, 5));
  expect(bannerText).toMatch(new RegExp(`${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`));
  expect(await frame.getByTestId('headline').textContent()).toBe(TITLE);
  expect(await frame.getByTestId('notice').textContent()).toBe('文汇独家稿件,转载请注明出处。');
  const figures = frame.getByTestId('figures');
  await figures.waitFor();
  expect(await figures.textContent()).toMatch(/1,?644/);
  expect(await frame.getByTestId('figures-chart').count()).toBe(1);
  // Both locales in the switch, laid out as published.
  expect(await frame.locator('#lang-switch [data-locale]').count()).toBe(2);
  expect(await frame.locator('script#jsonld').count()).toBe(1);
  await screenshot(page, 'preview-01-editor-panel-embargoed-zh-draft');
});

test('2. the preview follows a save', async () => {
  const saved = await json(`${base}/content-manager/collection-types/${ARTICLE}/${documentId}?locale=zh-Hans`, {
    method: 'PUT',
    headers: bearer(token),
    body: JSON.stringify({ standfirst: '保存后预览随之更新。' }),
  });
  expect(saved.status).toBe(200);
  // What the Content Manager does after a save: post `strapiUpdate` to the panel's frame.
  await page.getByTestId('preview-iframe').evaluate((iframe: HTMLIFrameElement) => iframe.contentWindow!.postMessage({ type: 'strapiUpdate' }, '*'));
  const frame = (await (await page.getByTestId('preview-iframe').elementHandle())!.contentFrame())!;
  await frame.waitForFunction(() => document.querySelector('[data-testid="standfirst"]')?.textContent === '保存后预览随之更新。', undefined, {
    timeout: 15_000,
  });
});

test('3. a translator previews their en draft but cannot get a zh-Hans preview', async () => {
  const context = await newContext(session.browser, base);
  const translator = await context.newPage();
  try {
    await adminLogin(translator, TRANSLATOR.email, TRANSLATOR.password);
    const frame = await openPreviewPanel(translator, 'en');
    expect(await frame.getByTestId('headline').textContent()).toBe(EN_TITLE);
    expect(await frame.getByTestId('preview-banner').getAttribute('class')).toContain('preview-embargoed');
    await screenshot(translator, 'preview-02-translator-en-draft');
    const jwt = await adminToken(base, TRANSLATOR.email, TRANSLATOR.password);
    const url = (locale: string) =>
      json(`${base}/content-manager/preview/url/${ARTICLE}?documentId=${documentId}&locale=${locale}&status=draft`, { headers: bearer(jwt) });
    expect((await url('en')).status).toBe(200);
    const zh = await url('zh-Hans');
    expect(zh.status).toBe(204);
    // The edit view offers no preview of the zh-Hans draft.
    await translator.goto(`/admin/content-manager/collection-types/${ARTICLE}/${documentId}?plugins[i18n][locale]=zh-Hans`);
    await translator.getByTestId('newsroom-rights-panel').waitFor({ timeout: 60_000 });
    expect(await translator.getByRole('link', { name: /open preview|打开预览/i }).count()).toBe(0);
  } finally {
    await context.close();
  }
});

test('4. an anonymous reader with the same URL and no token sees nothing of the draft', async () => {
  const context = await newContext(session.browser, base);
  const reader = await context.newPage();
  try {
    const url = new URL(previewUrl);
    url.searchParams.delete('token');
    await reader.goto(url.pathname + url.search);
    await reader.waitForSelector('body[data-ready]', { timeout: 30_000 });
    expect(await reader.locator('body').textContent()).not.toContain(TITLE);
    expect(await reader.getByTestId('preview-banner').count()).toBe(0);
    // The same URL with the token replaced by a forged one: refused, nothing shown.
    url.searchParams.set('token', `${new URL(previewUrl).searchParams.get('token')!.slice(0, -2)}AA`);
    await reader.goto(url.pathname + url.search);
    await reader.waitForSelector('body[data-ready]', { timeout: 30_000 });
    expect(await reader.getAttribute('body', 'data-ready')).toBe('refused');
    expect(await reader.locator('body').textContent()).not.toContain(TITLE);
    await screenshot(reader, 'preview-03-anonymous-refused');
  } finally {
    await context.close();
  }
});
