/**
 * The newsroom workflow in a real browser: the embargo countdown and the rights-history timeline in
 * the admin's rights panel, the "Embargoed" badge in the list, and corrections under the story on
 * the reader preview, and the preview following a renamed slug. Real Strapi (tests/helpers/e2e.ts), real Chromium.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { DEV_ADMIN, e2eSession } from '../helpers/e2e';
import { adminLogin, dismissOverlays, screenshot, collectConsoleErrors } from '../helpers/browser';
import { bearer, json } from '../helpers/remote';
import { wallClock } from '../../src/plugins/newsroom/server/src/syndication/dates';

jest.setTimeout(180_000);

const ARTICLE = 'plugin::newsroom.article';
const SEED_SLUG = 'yong-qing-rong-ru-ji-ceng-zhi-li-pu-tuo-zhe-li-rang-ju-min-pin-chu-wen-nuan-lao';
const CORRECTION = '本文此前将已入住户数误作四百余户,应为400户。';

let base = '';
let context: BrowserContext;
let page: Page;
let token = '';
let documentId = '';
let until = '';

const cm = (path: string, init: RequestInit = {}) =>
  json(`${base}/content-manager/collection-types/${ARTICLE}${path}`, { ...init, headers: { ...bearer(token), ...(init.headers ?? {}) } });

e2eSession(async (session) => {
  ({ base, context, page, token } = session);
  // An embargoed exclusive-to-be, two hours out, to be published automatically.
  until = new Date(Date.now() + 2 * 3600_000 + 5 * 60_000).toISOString();
  const created = await cm('?locale=zh-Hans', {
    method: 'POST',
    body: JSON.stringify({ title: `禁发稿件 ${Date.now()}`, embargoUntil: until, autoPublish: true }),
  });
  expect(created.status).toBe(201);
  documentId = created.body.data.documentId;
  const flipped = await cm(`/${documentId}?locale=zh-Hans`, { method: 'PUT', body: JSON.stringify({ exclusive: true }) });
  expect(flipped.status).toBe(200);
});

test('1. the rights panel counts down to the embargo and says the story will publish itself', async () => {
  // The admin itself logs unrelated failures (telemetry, marketplace): judge our own endpoints only.
  const failures: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 500 || (res.url().includes('/newsroom/') && res.status() >= 400)) failures.push(`${res.status()} ${res.url()}`);
  });
  await adminLogin(page, DEV_ADMIN.email, DEV_ADMIN.password);
  await page.goto(`/admin/content-manager/collection-types/${ARTICLE}/${documentId}?plugins[i18n][locale]=zh-Hans`);
  await page.getByTestId('newsroom-rights-panel').waitFor({ timeout: 30_000 });
  await dismissOverlays(page);
  const countdown = page.getByTestId('newsroom-embargo-countdown');
  await countdown.waitFor({ timeout: 15_000 });
  const first = Number(await countdown.getAttribute('data-seconds'));
  expect(first).toBeGreaterThan(2 * 3600);
  expect(first).toBeLessThanOrEqual(2 * 3600 + 5 * 60);
  expect(await countdown.textContent()).toMatch(/^0?2:0[0-5]:\d\d$/);
  await page.waitForTimeout(2200);
  const second = Number(await countdown.getAttribute('data-seconds'));
  expect(second).toBeLessThan(first);
  expect(await page.getByTestId('newsroom-embargo-mode').textContent()).toMatch(/自动发布|automatically/);
  // The instant reads at the newsroom's offset (config utcOffset), not the browser's time zone.
  expect(await page.getByTestId('newsroom-embargo').textContent()).toContain(`${wallClock(until, '+08:00')}`);
  expect(await page.getByTestId('newsroom-embargo').textContent()).toContain('UTC+08:00');
  await screenshot(page, 'workflow-01-embargo-countdown');
  expect(failures.filter((f) => f.includes('/newsroom/'))).toEqual([]);
  if (failures.length) console.warn(`admin requests that failed (not the newsroom's): ${failures.join(', ')}`);
});

test('2. the rights panel shows the history timeline: who flipped exclusive and set the embargo', async () => {
  const timeline = page.getByTestId('newsroom-history');
  await timeline.waitFor({ timeout: 15_000 });
  const exclusive = timeline.locator('[data-testid="newsroom-history-entry"][data-change="exclusive"]');
  await exclusive.waitFor({ timeout: 10_000 });
  expect(await exclusive.getByTestId('newsroom-history-actor').textContent()).toContain(DEV_ADMIN.email);
  expect(await exclusive.textContent()).toMatch(/no → yes|否 → 是|→ yes/);
  expect(await timeline.locator('[data-change="embargoUntil"]').count()).toBe(1);
  await screenshot(page, 'workflow-02-history-timeline');
});

test('3. the article list marks the embargoed story', async () => {
  await page.goto(`/admin/content-manager/collection-types/${ARTICLE}?page=1&pageSize=50&sort=title:ASC&plugins[i18n][locale]=zh-Hans`);
  await page.getByTestId('newsroom-embargo-badge').first().waitFor({ timeout: 30_000 });
  await dismissOverlays(page);
  expect(await page.getByTestId('newsroom-embargo-badge').count()).toBe(1);
  await screenshot(page, 'workflow-03-list-embargo-badge');
});

test('4. a published correction appears under the story on the reader preview', async () => {
  const seed = await json(`${base}/api/newsroom/articles/by-slug/${SEED_SLUG}?locale=zh-Hans`);
  expect(seed.status).toBe(200);
  const id = seed.body.data.documentId;
  const corrected = await cm(`/${id}?locale=zh-Hans`, { method: 'PUT', body: JSON.stringify({ corrections: [{ text: CORRECTION, kind: 'correction' }] }) });
  expect(corrected.status).toBe(200);
  expect((await cm(`/${id}/actions/publish?locale=zh-Hans`, { method: 'POST', body: '{}' })).status).toBe(200);

  const reader = await context.newPage();
  const errors = collectConsoleErrors(reader);
  await reader.goto(`/preview/?slug=${SEED_SLUG}&locale=zh-Hans`);
  const corrections = reader.getByTestId('corrections');
  await corrections.waitFor({ timeout: 15_000 });
  const item = corrections.getByTestId('correction');
  expect(await item.count()).toBe(1);
  expect(await item.textContent()).toContain(CORRECTION);
  expect(await item.textContent()).toContain('更正');
  expect(await item.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
  // Under the story: after the body and the rights footer.
  const order = await reader.evaluate(() => {
    const article = document.querySelector('article.article')!;
    const kids = Array.from(article.children).map((c) => c.getAttribute('data-testid') || c.className);
    return kids;
  });
  expect(order.indexOf('corrections')).toBe(order.length - 1);
  expect(order.indexOf('body')).toBeLessThan(order.indexOf('corrections'));
  await screenshot(reader, 'workflow-04-preview-correction', { fullPage: true });
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  await reader.close();
});

test('5. the reader preview follows a renamed slug to the story and shows its current address', async () => {
  const seed = await json(`${base}/api/newsroom/articles/by-slug/${SEED_SLUG}?locale=zh-Hans`);
  expect(seed.status).toBe(200);
  const id = seed.body.data.documentId;
  const renamed = 'putuo-huahe-minxiang-garden'; // slugs are capped at 80 characters: a short new one
  const put = await cm(`/${id}?locale=zh-Hans`, { method: 'PUT', body: JSON.stringify({ slug: renamed }) });
  expect(put.status).toBe(200);
  expect(put.body.data.slug).toBe(renamed);
  expect((await cm(`/${id}/actions/publish?locale=zh-Hans`, { method: 'POST', body: '{}' })).status).toBe(200);

  const reader = await context.newPage();
  const errors = collectConsoleErrors(reader);
  await reader.goto(`/preview/?slug=${SEED_SLUG}&locale=zh-Hans`);
  await reader.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  expect(await reader.getByTestId('headline').textContent()).toBe(seed.body.data.title);
  expect(new URL(reader.url()).searchParams.get('slug')).toBe(renamed);
  expect(await reader.locator('.lang-switch a[data-locale="en"]').count()).toBe(1);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  await reader.close();
});
