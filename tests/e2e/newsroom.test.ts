/**
 * Editors and readers in a real browser: the admin panels of the newsroom plugin and the reader
 * preview, against a real Strapi (tests/helpers/e2e.ts: admin built once, NODE_ENV=development
 * so the dev admin and the seed content exist, fresh SQLite database).
 *
 * Steps run in order and share the article they create. Each step saves screenshots under
 * tests/e2e/screenshots/. E2E_BASE_URL=http://… reuses a server you started yourself (debugging).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEV_ADMIN, e2eSession } from '../helpers/e2e';
import { newContext, adminLogin, dismissOverlays, fillStable, screenshot, screenshotAround, collectConsoleErrors } from '../helpers/browser';
import { cmDocument, createAdminUser, findRole, json, rest } from '../helpers/remote';
import { ENUM_WORDS, FIELD_WORDS } from '../../src/plugins/newsroom/server/src/content-types/labels';

// The project's testTimeout is not applied per project by jest 30: set it here.
jest.setTimeout(180_000);

const ARTICLE = 'plugin::newsroom.article';
const NEIGHBOURHOOD = 'plugin::newsroom.neighbourhood';
const NOTICE_ZH = '文汇独家稿件,转载请注明出处。';
const NOTICE_EN = 'Wenhui exclusive. Credit the source when republishing.';
const TRANSLATOR = { email: 'translator-en@e2e.local', password: 'Translator-2026', firstname: 'Tina', lastname: 'Translator' };

const editUrl = (uid: string, documentId: string, locale: string) =>
  `/admin/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${locale}`;
const listUrl = (uid: string, locale: string, extra = '') =>
  `/admin/content-manager/collection-types/${uid}?page=1&pageSize=10&sort=title:ASC&plugins[i18n][locale]=${locale}${extra}`;

let base = '';
let browser: Browser;
let editorContext: BrowserContext;
let editor: Page;
let superToken = '';
const state: { documentId?: string; title?: string } = {};

/** Waits until the content manager has loaded the edit view (form and our side panel). */
async function openEditView(page: Page, uid: string, documentId: string, locale: string, panelTestId: string) {
  await page.goto(editUrl(uid, documentId, locale));
  await page.getByTestId(panelTestId).waitFor({ timeout: 30_000 });
  // The side panels load their own data; the form can be re-initialised until the page is quiet.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await dismissOverlays(page);
}

/** The side panel around our panel content (with its title). */
const aside = (content: Locator) => content.locator('xpath=ancestor::aside[1]');

/** Polls until the element's text is exactly `text` (the panels update as the form changes). */
async function waitForText(loc: Locator, text: string, timeout = 10_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const current = await loc.textContent().catch(() => null);
    if (current === text) return;
    if (Date.now() > end) throw new Error(`expected text "${text}", still "${current}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectNotification(page: Page, text: RegExp) {
  await page.getByText(text).first().waitFor({ timeout: 15_000 });
}

e2eSession(async (session) => {
  ({ base, browser, context: editorContext, page: editor, token: superToken } = session);
});

test('1. a new zh-Hans article: flipping exclusive shows the Chinese notice before saving; saved and published, the API returns it', async () => {
  await adminLogin(editor, DEV_ADMIN.email, DEV_ADMIN.password);
  await editor.goto(`/admin/content-manager/collection-types/${ARTICLE}/create?plugins[i18n][locale]=zh-Hans`);
  const panel = editor.getByTestId('newsroom-rights-panel');
  await panel.waitFor({ timeout: 30_000 });
  await dismissOverlays(editor);

  state.title = `浏览器测试:独家稿件 ${Date.now()}`;
  await fillStable(editor.locator('input[name="title"]'), state.title);
  await fillStable(editor.locator('textarea[name="standfirst"]'), '一篇由浏览器测试创建的独家稿件。');
  await panel.getByTestId('newsroom-notice-none').waitFor();
  expect(await panel.getByTestId('newsroom-notice').count()).toBe(0);

  // Flip "exclusive": the panel shows the notice this locale will carry, before any save.
  await editor.locator('input[name="exclusive"]').click({ force: true });
  await panel.getByTestId('newsroom-notice').waitFor();
  expect(await panel.getByTestId('newsroom-notice').textContent()).toBe(NOTICE_ZH);
  // Nothing saved yet: still the create page.
  expect(editor.url()).toContain('/create');
  // previousSlugs is not a JSON editor on the form: the panel lists it, read-only.
  expect(await editor.locator('[name="previousSlugs"]').count()).toBe(0);
  expect(await editor.getByText('previousSlugs', { exact: true }).count()).toBe(0);
  await panel.getByTestId('newsroom-previous-slugs-none').waitFor();
  await screenshotAround(editor, '01a-exclusive-on-panel-shows-notice-before-save', [
    aside(panel),
    editor.locator('input[name="title"]'),
    editor.locator('input[name="exclusive"]'),
  ]);

  await editor.getByRole('button', { name: /^save$/i }).click();
  await editor.waitForURL((u) => /\/plugin::newsroom\.article\/[a-z0-9]{20,}/.test(decodeURIComponent(u.pathname)), { timeout: 30_000 });
  state.documentId = decodeURIComponent(new URL(editor.url()).pathname).split('/').pop()!;
  await expectNotification(editor, /^saved document$/i);

  await editor.getByRole('button', { name: /^publish$/i }).click();
  await expectNotification(editor, /^published document$/i);
  // The stored notice, read-only in the form, with its explanation.
  const noticeField = editor.locator('input[name="reprintNotice"]');
  await expect(noticeField.inputValue()).resolves.toBe(NOTICE_ZH);
  expect(await noticeField.isDisabled()).toBe(true);
  await editor.getByTestId('newsroom-system-hint-reprintNotice').first().waitFor();
  await noticeField.scrollIntoViewIfNeeded();
  await screenshotAround(editor, '01b-published-notice-stored-read-only', [
    noticeField,
    editor.getByTestId('newsroom-system-hint-reprintNotice').first(),
    editor.locator('input[name="exclusive"]'),
  ]);

  const res = await rest(base, `/api/newsroom/articles/${state.documentId}?locale=zh-Hans`);
  expect(res.status).toBe(200);
  expect(res.body.data.exclusive).toBe(true);
  expect(res.body.data.reprintNotice).toBe(NOTICE_ZH);
});

test('2. the translator adds the en locale and sees the English notice; the editor changes the Chinese body; en turns stale in the panel and the list', async () => {
  expect(state.documentId).toBeTruthy();
  // The roles come from the plugin's bootstrap (services/roles.ensureRoles): a missing role is
  // exactly the failure this step exists to catch, so it fails here instead of skipping.
  const role = await findRole(base, superToken, 'newsroom-translator-en');
  if (!role) throw new Error('admin role newsroom-translator-en does not exist: the plugin did not create its roles at boot');
  await createAdminUser(base, superToken, { ...TRANSLATOR, roleId: role.id });

  const translatorContext = await newContext(browser, base);
  const translator = await translatorContext.newPage();
  try {
    await adminLogin(translator, TRANSLATOR.email, TRANSLATOR.password);
    await openEditView(translator, ARTICLE, state.documentId!, 'en', 'newsroom-rights-panel');
    const panel = translator.getByTestId('newsroom-rights-panel');
    expect(await panel.getAttribute('data-locale')).toBe('en');
    // A new locale version: the panel already shows what en will carry (exclusive is shared by all locales).
    await panel.getByTestId('newsroom-notice').waitFor();
    expect(await panel.getByTestId('newsroom-notice').textContent()).toBe(NOTICE_EN);
    expect(await panel.getByTestId('newsroom-translation-en').getAttribute('data-status')).toBe('missing');
    await screenshotAround(translator, '02a-translator-new-en-locale-notice-before-save', [aside(panel), translator.locator('input[name="title"]')]);

    await fillStable(translator.locator('input[name="title"]'), 'Browser test: an exclusive story');
    await fillStable(translator.locator('textarea[name="standfirst"]'), 'An exclusive created by the browser tests.');
    await translator.getByRole('button', { name: /^save$/i }).click();
    await expectNotification(translator, /^saved document$/i);
    await panel.getByTestId('newsroom-translation-en').and(translator.locator('[data-status="current"]')).waitFor();
    await screenshotAround(translator, '02b-translator-en-saved-current', [aside(panel), translator.locator('input[name="title"]')]);
  } finally {
    await translatorContext.close();
  }
  const en = await cmDocument(base, superToken, ARTICLE, state.documentId!, 'en');
  expect(en.data.reprintNotice).toBe(NOTICE_EN);
  expect(en.data.translationStatus).toBe('current');

  // The editor changes the Chinese body: the English version is now behind.
  await openEditView(editor, ARTICLE, state.documentId!, 'zh-Hans', 'newsroom-rights-panel');
  const panel = editor.getByTestId('newsroom-rights-panel');
  await panel.getByTestId('newsroom-translation-en').and(editor.locator('[data-status="current"]')).waitFor();
  const body = editor.locator('[data-slate-editor="true"]').first();
  await body.click();
  await editor.keyboard.type('编辑修改了中文正文。');
  await editor.getByRole('button', { name: /^save$/i }).click();
  await expectNotification(editor, /^saved document$/i);
  await panel.getByTestId('newsroom-translation-en').and(editor.locator('[data-status="stale"]')).waitFor({ timeout: 15_000 });
  await screenshotAround(editor, '02c-editor-changed-zh-body-en-stale-in-panel', [aside(panel), body]);

  // The panel's link opens the English version.
  await panel.getByTestId('newsroom-open-en').click();
  await editor.waitForURL((u) => new URL(u).searchParams.get('plugins[i18n][locale]') === 'en');
  await waitForText(panel.getByTestId('newsroom-notice'), NOTICE_EN);
  expect(await editor.locator('input[name="title"]').inputValue()).toBe('Browser test: an exclusive story');

  // The list view (en): the article's row carries the stale badge; the standard filter finds it.
  await editor.goto(listUrl(ARTICLE, 'en'));
  const row = editor.getByRole('row').filter({ hasText: 'Browser test: an exclusive story' });
  await row.waitFor({ timeout: 30_000 });
  await dismissOverlays(editor);
  expect(await row.getByTestId('newsroom-status-badge').getAttribute('data-status')).toBe('stale');
  expect(await row.getByTestId('newsroom-exclusive-badge').count()).toBe(1);
  await screenshot(editor, '02d-list-en-stale-and-exclusive-badges');

  // Filter through the list view's own Filters menu: translationStatus is stale.
  await editor.getByRole('button', { name: /^filters$/i }).click();
  await editor.getByRole('combobox', { name: 'Select field' }).click();
  const statusLabel = FIELD_WORDS.article.translationStatus.en.label;
  await editor.getByRole('option', { name: statusLabel }).click();
  await editor.getByRole('combobox', { name: statusLabel }).click();
  await editor.getByRole('option', { name: ENUM_WORDS.stale.en }).click();
  await editor.getByRole('button', { name: /^add filter$/i }).click();
  await editor.waitForURL((u) => decodeURIComponent(u.search).includes('[translationStatus][$eq]=stale'));
  await editor.getByRole('row').filter({ hasText: 'Browser test: an exclusive story' }).waitFor({ timeout: 30_000 });
  await editor.waitForLoadState('networkidle').catch(() => undefined);
  const rows = await editor.getByTestId('newsroom-status-badge').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((s) => s === 'stale')).toBe(true);
  await screenshot(editor, '02e-list-filtered-by-translation-stale');
});

test("3. exclusive + an origin outlet: the panel warns, the save shows Strapi's error, nothing is stored", async () => {
  await openEditView(editor, ARTICLE, state.documentId!, 'zh-Hans', 'newsroom-rights-panel');
  const panel = editor.getByTestId('newsroom-rights-panel');
  const before = await cmDocument(base, superToken, ARTICLE, state.documentId!, 'zh-Hans');
  expect(before.data.exclusive).toBe(true);
  expect(before.data.origin).toBeNull();

  const originField = editor.getByText(FIELD_WORDS.article.origin.en.label, { exact: true }).locator('xpath=ancestor::*[.//button][1]');
  await originField.getByRole('button', { name: /no entry yet/i }).click();
  const outlet = editor.locator('input[name="origin.outlet"]');
  await outlet.waitFor();
  await outlet.fill('新华社');
  const warning = panel.getByTestId('newsroom-rights-warning');
  await warning.waitFor();
  expect(await warning.textContent()).toMatch(/exclusive cannot be a reprint/i);
  // The credit the reprint would carry is shown too, and the notice is still there.
  expect(await panel.getByTestId('newsroom-credit').textContent()).toBe('来源:新华社');
  await screenshotAround(editor, '03a-exclusive-plus-origin-panel-warns', [aside(panel), outlet]);

  const [response] = await Promise.all([
    editor.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/content-manager/collection-types/${ARTICLE}/`)),
    editor.getByRole('button', { name: /^save$/i }).click(),
  ]);
  expect(response.status()).toBe(400);
  await editor.waitForTimeout(800);
  await screenshot(editor, '03b-save-refused-strapi-error');

  const after = await cmDocument(base, superToken, ARTICLE, state.documentId!, 'zh-Hans');
  expect(after.data.origin).toBeNull();
  expect(after.data.exclusive).toBe(true);
  expect(after.data.updatedAt).toBe(before.data.updatedAt);
});

test('4. neighbourhood: "1/3" as tenant share shows the estimate in the figures panel; "150%" is refused inline', async () => {
  const list = await rest(base, '/api/newsroom/neighbourhoods?locale=zh-Hans');
  const neighbourhood = list.body.data[0];
  expect(neighbourhood).toBeTruthy();
  await openEditView(editor, NEIGHBOURHOOD, neighbourhood.documentId, 'zh-Hans', 'newsroom-figures-panel');
  const panel = editor.getByTestId('newsroom-figures-panel');
  const share = editor.getByTestId('newsroom-share-tenantShare');
  const tenants = panel.getByTestId('newsroom-figure-estimatedTenantHouseholds');
  const occupied = Number(neighbourhood.occupiedHouseholds);

  await share.fill('1/2');
  await waitForText(tenants, String(Math.round(occupied / 2)));
  await share.fill('1/3');
  await waitForText(tenants, String(Math.round(occupied / 3)));
  const field = share.locator('xpath=ancestor::*[.//label][1]');
  expect(await field.textContent()).toMatch(/33\.33\s*%.*stored as 0\.333333/);
  const households = editor.locator('input[name="households"]');
  const occupiedInput = editor.locator('input[name="occupiedHouseholds"]');
  await screenshotAround(editor, '04a-share-1-3-figures-panel-estimate', [aside(panel), field, households]);

  // The panel follows the counts too: more households moved in, more estimated tenants.
  await occupiedInput.fill(String(occupied + 200));
  await waitForText(tenants, String(Math.round((occupied + 200) / 3)));
  await waitForText(panel.getByTestId('newsroom-figure-vacantHouseholds'), (Number(neighbourhood.households) - occupied - 200).toLocaleString('en'));
  await screenshotAround(editor, '04b-occupied-changed-figures-follow', [aside(panel), field, households]);
  await occupiedInput.fill(String(occupied));
  await waitForText(tenants, String(Math.round(occupied / 3)));

  await share.fill('150%');
  await field.getByText(/"150%" is not a share between 0 and 1/).waitFor();
  expect(await tenants.textContent()).toBe('—');
  expect(await share.getAttribute('aria-invalid')).toBe('true');
  await screenshotAround(editor, '04c-share-150-percent-refused-inline', [aside(panel), field]);

  // Saving is blocked by the form's validation: the stored share does not change.
  let puts = 0;
  const countPuts = (r: any) => r.method() === 'PUT' && r.url().includes('/content-manager/') && (puts += 1);
  editor.on('request', countPuts);
  await editor.getByRole('button', { name: /^save$/i }).click();
  await editor.waitForTimeout(1500);
  editor.off('request', countPuts);
  expect(puts).toBe(0);
  await screenshot(editor, '04d-save-blocked-by-form-validation');
  const stored = await cmDocument(base, superToken, NEIGHBOURHOOD, neighbourhood.documentId, 'zh-Hans');
  expect(Number(stored.data.tenantShare)).toBeCloseTo(Number(neighbourhood.tenantShare), 6);
});

test('5. the reader preview of the seed article in both locales: notice, bylines, related news, figures; no console errors', async () => {
  const seed = await rest(base, '/api/newsroom/articles?locale=zh-Hans&filters[exclusive][$eq]=true&sort=createdAt:asc&pagination[pageSize]=1');
  const article = seed.body.data[0];
  expect(article).toBeTruthy();
  // The preview embeds the article's JSON-LD: the endpoint must answer a valid NewsArticle.
  const jsonld = await json(`${base}/api/newsroom/articles/${article.documentId}/jsonld?locale=zh-Hans`);
  expect(jsonld.status).toBe(200);
  const ldBody = typeof jsonld.body === 'string' ? JSON.parse(jsonld.body) : jsonld.body;
  expect(ldBody['@context']).toMatch(/schema\.org/);
  expect(ldBody['@type']).toMatch(/NewsArticle/);
  expect(ldBody.headline).toBe(article.title);

  // From the editor: the "Reader preview" link of the article edit view opens it.
  await openEditView(editor, ARTICLE, article.documentId, 'zh-Hans', 'newsroom-rights-panel');
  const link = editor.getByTestId('newsroom-preview-link');
  expect(await link.getAttribute('href')).toBe(`/preview/?slug=${article.slug}&locale=zh-Hans`);
  const [popup] = await Promise.all([editorContext.waitForEvent('page'), link.click()]);
  const errors = collectConsoleErrors(popup);

  const check = async (page: Page, locale: 'zh-Hans' | 'en', shot: string) => {
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    expect(await page.getAttribute('html', 'lang')).toBe(locale);
    expect((await page.getByTestId('headline').textContent())?.length).toBeGreaterThan(5);
    expect(await page.getByTestId('notice').textContent()).toBe(locale === 'en' ? NOTICE_EN : NOTICE_ZH);
    expect(await page.locator('.byline').count()).toBeGreaterThan(1);
    expect(await page.getByTestId('related-item').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('related-outlet').first().textContent()).toMatch(locale === 'en' ? /China News Service/ : /中新网/);
    expect(await page.getByTestId('related-dateline').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-figure="estimatedTenantHouseholds"] dd').textContent()).toBe('133');
    expect(await page.locator('[data-testid="figures-chart"] rect').count()).toBeGreaterThan(4);
    const ld = await page.locator('script[type="application/ld+json"]').textContent();
    expect(ld).not.toContain('<');
    const parsed = JSON.parse(ld!);
    expect(parsed['@type']).toMatch(/NewsArticle/);
    expect(parsed.inLanguage).toBe(locale);
    await screenshot(page, `${shot}-top`);
    await page.getByTestId('rights').scrollIntoViewIfNeeded();
    await screenshot(page, `${shot}-foot`);
  };

  await check(popup, 'zh-Hans', '05a-preview-zh-Hans');
  // The language switch leads to the English version (its own slug).
  await popup.locator('.lang-switch a[data-locale="en"]').click();
  await popup.waitForURL(/locale=en/);
  await check(popup, 'en', '05b-preview-en');
  expect(errors).toEqual([]);
  await popup.close();
});
