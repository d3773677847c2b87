/**
 * "Changed in the source" in a real browser: a stale English translation shows, per field, the Chinese
 * paragraphs changed and added since it was made, with the changed characters highlighted; the source
 * locale shows no such panel. The translator of that locale is the one looking. Real Strapi (tests/helpers/e2e.ts), real Chromium.
 */
import type { Page } from 'playwright-core';
import { e2eSession } from '../helpers/e2e';
import { adminLogin, dismissOverlays, screenshot } from '../helpers/browser';
import { bearer, createAdminUser, findRole, json } from '../helpers/remote';

jest.setTimeout(180_000);

const ARTICLE = 'plugin::newsroom.article';
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

let base = '';
let page: Page;
let token = '';
let documentId = '';

const cm = (path: string, body: unknown, method = 'PUT') =>
  json(`${base}/content-manager/collection-types/${ARTICLE}${path}`, { method, body: JSON.stringify(body), headers: bearer(token) });

const TRANSLATOR = { email: 'translator-en@newsroom.local', password: 'Translator-2026', firstname: 'Lin', lastname: 'Translator' };

e2eSession(async (session) => {
  ({ base, page, token } = session);
  const role = await findRole(base, token, 'newsroom-translator-en');
  expect(role).not.toBeNull();
  await createAdminUser(base, token, { ...TRANSLATOR, roleId: role!.id });
  const created = await cm(
    '?locale=zh-Hans',
    { title: `原文改动 ${Date.now()}`, body: [paragraph('社区食堂今天开业,居民排队品尝。'), paragraph('老人每天都来吃午饭。')] },
    'POST',
  );
  expect(created.status).toBe(201);
  documentId = created.body.data.documentId;
  const en = await cm(`/${documentId}?locale=en`, {
    title: 'Source changes, translated',
    body: [paragraph('The community canteen opened today; residents queued to taste it.'), paragraph('Elderly residents come for lunch every day.')],
  });
  expect(en.status).toBe(200);
  const edited = await cm(`/${documentId}?locale=zh-Hans`, {
    body: [paragraph('社区食堂今天正式开业,居民排队品尝。'), paragraph('老人每天都来吃午饭。'), paragraph('食堂每周一休息。')],
  });
  expect(edited.status).toBe(200);
});

const open = async (locale: string) => {
  await page.goto(`/admin/content-manager/collection-types/${ARTICLE}/${documentId}?plugins[i18n][locale]=${locale}`);
  await page.getByTestId('newsroom-rights-panel').waitFor({ timeout: 30_000 });
  await dismissOverlays(page);
};

test('a translator sees, on their stale translation, the source paragraphs changed and added, changed characters highlighted', async () => {
  await adminLogin(page, TRANSLATOR.email, TRANSLATOR.password);
  await open('en');
  const panel = page.getByTestId('newsroom-source-changes');
  await panel.waitFor({ timeout: 30_000 });
  await expect(page.getByText('Changed in the source').first().isVisible()).resolves.toBe(true);
  const changes = panel.getByTestId('newsroom-source-change');
  expect(await changes.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['changed', 'added']);
  expect(await panel.getByTestId('newsroom-diff-added').allTextContents()).toEqual(['正式']);
  expect(await changes.nth(1).textContent()).toContain('食堂每周一休息。');
  await panel.scrollIntoViewIfNeeded();
  const file = await screenshot(page, 'source-changes-panel');
  expect(file).toMatch(/tests\/e2e\/screenshots\/source-changes-panel\.png$/);
});

test('the source locale has no such panel', async () => {
  await open('zh-Hans');
  await page.waitForTimeout(1500);
  expect(await page.getByTestId('newsroom-source-changes').count()).toBe(0);
});
