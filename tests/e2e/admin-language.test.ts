/**
 * The admin in the editors' own language, one clock whatever the browser's time zone, the Publish
 * action's reason under an embargo, and refused saves that keep what the editor typed.
 *
 * The e2e admin is React's development bundle (tests/helpers/build-admin.js), as `npm run develop`
 * serves it: only that bundle reports MISSING_TRANSLATION and React's key/prop warnings, which this
 * file counts on every list, edit and create view of the three newsroom types, in zh-Hans and en.
 * Screenshots: tests/e2e/screenshots/admin-<language>-<kind>-<view>.png.
 */
import fs from 'fs';
import path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { DEV_ADMIN, e2eSession } from '../helpers/e2e';
import { adminLogin, dismissOverlays, fillStable, screenshot } from '../helpers/browser';
import { bearer, cmDocument, json } from '../helpers/remote';
import { ADMIN_LANGUAGES, FIELD_WORDS, INTERNAL_FIELDS, TYPE_NAMES, type AdminLanguage } from '../../src/plugins/newsroom/server/src/content-types/labels';
import { KINDS, UIDS, type NewsroomKind } from '../../src/plugins/newsroom/server/src/content-types/facts';
import { editorTime, minuteInputValue, wallClock } from '../../src/plugins/newsroom/server/src/syndication/dates';

jest.setTimeout(240_000);

const OFFSET = '+08:00'; // the app's configured newsroom offset (config/plugins.ts utcOffset, default)
/** Fields the edit form does not offer: internal bookkeeping, and previousSlugs (the rights panel lists it). */
const OFF_THE_FORM = new Set<string>(['previousSlugs', ...INTERNAL_FIELDS]);

/** Our admin's React components, by name (a React warning naming one of them is ours). */
const ADMIN_DIR = path.resolve(__dirname, '../../src/plugins/newsroom/admin/src');
const OUR_COMPONENTS = [
  ...fs.readdirSync(path.join(ADMIN_DIR, 'components')).map((f) => f.replace(/\.tsx?$/, '')),
  ...fs
    .readdirSync(path.join(ADMIN_DIR, 'hooks'))
    .flatMap((f) => [...fs.readFileSync(path.join(ADMIN_DIR, 'hooks', f), 'utf8').matchAll(/export const ([A-Z]\w+)/g)].map((m) => m[1])),
  'NewsroomPublishAction',
];

let base = '';
let token = '';
let storageState: Awaited<ReturnType<BrowserContext['storageState']>>;

const cm = (uid: string, p: string, init: RequestInit = {}) =>
  json(`${base}/content-manager/collection-types/${uid}${p}`, {
    ...init,
    headers: { ...bearer(token), 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });

const s = e2eSession(async (started) => {
  base = started.base;
  token = started.token;
  // One login (the admin's login is rate limited); every context below reuses its session.
  await adminLogin(started.page, DEV_ADMIN.email, DEV_ADMIN.password);
  storageState = await started.context.storageState();
});

interface Console {
  /** Requests of the page that failed (4xx/5xx), as "status url". */
  failed: string[];
  all: string[];
  missing: string[];
  ours: string[];
}

/** A browser context with the admin in `language` and the browser's clock in `timezoneId`. */
async function adminPage(language: AdminLanguage, timezoneId = 'Asia/Shanghai'): Promise<{ page: Page; console: Console; close: () => Promise<void> }> {
  const context = await s.browser.newContext({
    baseURL: base,
    viewport: { width: 1600, height: 1000 },
    locale: language === 'zh-Hans' ? 'zh-CN' : 'en-GB',
    timezoneId,
    storageState,
  });
  await context.addInitScript((lang) => localStorage.setItem('strapi-admin-language', lang), language);
  const page = await context.newPage();
  const seen: Console = { failed: [], all: [], missing: [], ours: [] };
  page.on('response', (res) => {
    if (res.status() >= 400) seen.failed.push(`${res.status()} ${res.url().replace(base, '')}`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    const text = msg.text();
    seen.all.push(text);
    if (text.includes('MISSING_TRANSLATION')) seen.missing.push(text.split('\n')[0]);
    // React's development warnings name the component they come from ("Check the render method of X").
    if (/Warning:|unique "key"|unknown prop|React does not recognize/.test(text) && OUR_COMPONENTS.some((name) => text.includes(name))) {
      seen.ours.push(text.split('\n')[0]);
    }
  });
  page.on('pageerror', (err) => seen.ours.push(`pageerror: ${err.message}`));
  return { page, console: seen, close: () => context.close() };
}

const digits = (text: string | null) => (text ?? '').replace(/[^\d-]/g, '');

async function quiet(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await dismissOverlays(page);
  await page.waitForTimeout(500);
}

const editUrl = (kind: NewsroomKind, documentId: string, locale = 'zh-Hans') =>
  `/admin/content-manager/collection-types/${UIDS[kind]}/${documentId}?plugins[i18n][locale]=${locale}`;

async function firstDocument(kind: NewsroomKind): Promise<string> {
  const list = await cm(UIDS[kind], '?page=1&pageSize=1&locale=zh-Hans&sort=id:asc');
  expect(list.status).toBe(200);
  expect(list.body.results.length).toBe(1);
  return list.body.results[0].documentId;
}

const failedRequests: Record<string, string[]> = {};
const consoleCounts: Record<string, { errorsAndWarnings: number; missingTranslation: number; ours: number }> = {};

describe.each(ADMIN_LANGUAGES.map((l) => [l]))('the admin in %s', (language) => {
  let view: Awaited<ReturnType<typeof adminPage>>;
  beforeAll(async () => {
    view = await adminPage(language);
  });
  afterAll(async () => {
    consoleCounts[language] = { errorsAndWarnings: view.console.all.length, missingTranslation: view.console.missing.length, ours: view.console.ours.length };
    failedRequests[language] = [...new Set(view.console.failed)];
    await view.close();
  });

  test.each(KINDS.map((k) => [k]))('%s: list, edit and create views speak the language, hide internal fields, and log no missing translation', async (kind) => {
    const { page } = view;
    const documentId = await firstDocument(kind);
    const labels = Object.entries(FIELD_WORDS[kind])
      .filter(([field]) => !OFF_THE_FORM.has(field))
      .map(([field, words]) => [field, words[language].label] as const);

    // List view: the type's name is the heading.
    await page.goto(`/admin/content-manager/collection-types/${UIDS[kind]}?page=1&pageSize=10&plugins[i18n][locale]=zh-Hans`);
    await page.getByRole('heading', { name: TYPE_NAMES[kind][language], exact: true }).waitFor({ timeout: 30_000 });
    await quiet(page);
    await screenshot(page, `admin-${language}-${kind}-list`);

    // Edit view of a stored document, then the create view (an empty form).
    for (const [viewName, url] of [
      ['edit', editUrl(kind, documentId)],
      ['create', `/admin/content-manager/collection-types/${UIDS[kind]}/create?plugins[i18n][locale]=zh-Hans`],
    ] as const) {
      await page.goto(url);
      await page.locator('form').first().waitFor({ timeout: 30_000 });
      await quiet(page);
      await screenshot(page, `admin-${language}-${kind}-${viewName}`, { fullPage: true });
      // Every piece of text on the page, trimmed (a required field's "*" and the field's icons are
      // separate nodes).
      const shown = new Set(
        await page.evaluate(() => {
          const texts: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            // A relation's label carries its count: "Related news (3)".
            texts.push((node.textContent ?? '').trim().replace(/\s*\(\d+\)$/, ''));
          }
          return texts;
        }),
      );
      const missing = labels.filter(([, label]) => !shown.has(label));
      expect(missing).toEqual([]);
      for (const field of INTERNAL_FIELDS) {
        expect(await page.locator(`[name="${field}"]`).count()).toBe(0);
        expect(await page.getByText(FIELD_WORDS[kind][field]?.[language].label ?? field, { exact: true }).count()).toBe(0);
      }
      // No raw field name stands where a label should be.
      for (const [field] of labels) {
        if (field.length > 3 && /[A-Z]/.test(field)) expect(await page.getByText(field, { exact: true }).count()).toBe(0);
      }
      // A new form shows empty inputs, never the word "null"; years have no digit grouping.
      const values = await page.locator('input, textarea').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      expect(values).not.toContain('null');
      if (kind === 'neighbourhood' && viewName === 'edit') {
        expect(await page.locator('input[name="yearBuilt"]').inputValue()).toMatch(/^\d{4}$/);
      }
    }
    expect(view.console.missing).toEqual([]);
    expect(view.console.ours).toEqual([]);
    // Our endpoints and the Content Manager's for our types answer every request the admin makes.
    // (Strapi's own AI-localization probe 404s on every type without that feature: not ours.)
    expect(view.console.failed.filter((f) => /^\d+ \/(api\/)?newsroom\/|\/content-manager\/.*plugin::newsroom/.test(f))).toEqual([]);
  });
});

describe('one clock and the Publish action under an embargo', () => {
  // A fixed instant on a minute, far enough ahead to stay embargoed: 10:30 in Shanghai.
  const until = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 2, 4, 2, 30)).toISOString();
  let documentId = '';
  beforeAll(async () => {
    const created = await cm(UIDS.article, '?locale=zh-Hans', {
      method: 'POST',
      body: JSON.stringify({ title: `禁发时钟 ${Date.now()}`, embargoUntil: until }),
    });
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
  });

  test.each([['UTC'], ['Asia/Shanghai'], ['America/New_York']])(
    'a browser in %s shows the same newsroom time in the input, the panel, the history and the Publish action',
    async (timezoneId) => {
      const view = await adminPage('zh-Hans', timezoneId);
      try {
        const { page } = view;
        await page.goto(editUrl('article', documentId));
        await page.getByTestId('newsroom-rights-panel').waitFor({ timeout: 30_000 });
        await quiet(page);
        const input = page.getByTestId('newsroom-time-embargoUntil');
        // To the minute, on the newsroom's clock, labelled with its offset.
        expect(await input.inputValue()).toBe(minuteInputValue(until, OFFSET));
        expect(await page.getByTestId('newsroom-time-offset-embargoUntil').textContent()).toBe(`UTC${OFFSET}`);
        const panel = page.getByTestId('newsroom-embargo');
        const panelShows = async (instant: string | Date) => {
          const text = (await panel.textContent()) ?? '';
          return text.includes(wallClock(instant, OFFSET)) && text.includes(`UTC${OFFSET}`);
        };
        expect(await panelShows(until)).toBe(true);
        const history = page.locator('[data-testid="newsroom-history-entry"][data-change="embargoUntil"]');
        await history.first().waitFor({ timeout: 15_000 });
        expect(await history.first().textContent()).toContain(wallClock(until, OFFSET));
        expect(await history.first().textContent()).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);

        // Publish says why it would be refused, before any click.
        const publish = page.getByRole('button', { name: `禁发至 ${editorTime(until, OFFSET)}` });
        await publish.waitFor({ timeout: 15_000 });
        expect(await publish.isDisabled()).toBe(true);
        await screenshot(page, `admin-zh-Hans-embargo-${timezoneId.replace('/', '-')}`);

        // Typing a time in the input sets that newsroom time (the browser's zone plays no part).
        const later = new Date(Date.parse(until) + 26 * 3600_000 + 15 * 60_000);
        await input.fill(minuteInputValue(later, OFFSET));
        await page.waitForTimeout(300);
        expect(await panelShows(later)).toBe(true);
        await page.getByRole('button', { name: `禁发至 ${editorTime(later, OFFSET)}` }).waitFor({ timeout: 10_000 });
        expect(view.console.missing).toEqual([]);
        expect(view.console.ours).toEqual([]);
      } finally {
        await view.close();
      }
    },
  );
});

describe('a refused save keeps the form as the editor left it', () => {
  let view: Awaited<ReturnType<typeof adminPage>>;
  beforeAll(async () => {
    view = await adminPage('en');
  });
  afterAll(async () => view?.close());

  const save = async (page: Page) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/content-manager/collection-types/')),
      page.getByRole('button', { name: /^save$/i }).click(),
    ]);
    // Long enough for the Content Manager's refetch and cache rollback to reach the form.
    await page.waitForTimeout(2500);
    return response;
  };

  test('rights: an exclusive given an origin outlet is refused; the title, the origin component and the panel keep the edit', async () => {
    const { page } = view;
    const created = await cm(UIDS.article, '?locale=zh-Hans', { method: 'POST', body: JSON.stringify({ title: `拒绝保存 ${Date.now()}`, exclusive: true }) });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    await page.goto(editUrl('article', id));
    await page.getByTestId('newsroom-rights-panel').waitFor({ timeout: 30_000 });
    await quiet(page);
    const title = page.locator('input[name="title"]');
    const newTitle = `${created.body.data.title} 改`;
    await fillStable(title, newTitle);
    const originField = page.getByText(FIELD_WORDS.article.origin.en.label, { exact: true }).locator('xpath=ancestor::*[.//button][1]');
    await originField.getByRole('button', { name: /no entry yet/i }).click();
    await fillStable(page.locator('input[name="origin.outlet"]'), '新华社');
    await fillStable(page.locator('input[name="origin.url"]'), 'https://example.org/xinhua/1');

    const response = await save(page);
    expect(response.status()).toBe(400);
    expect(await title.inputValue()).toBe(newTitle);
    expect(await page.locator('input[name="origin.outlet"]').inputValue()).toBe('新华社');
    expect(await page.locator('input[name="origin.url"]').inputValue()).toBe('https://example.org/xinhua/1');
    // The panel follows the form: it still explains the refusal and shows the credit the reprint would carry.
    const panel = page.getByTestId('newsroom-rights-panel');
    expect(await panel.getByTestId('newsroom-rights-warning').textContent()).toMatch(/exclusive cannot be a reprint/i);
    expect(await panel.getByTestId('newsroom-credit').textContent()).toBe('来源:新华社');
    await screenshot(page, 'admin-refused-save-keeps-origin');

    // Nothing was stored; fixing the one field and saving again stores everything else the editor typed.
    const stored = await cmDocument(base, token, UIDS.article, id, 'zh-Hans');
    expect(stored.data.title).toBe(created.body.data.title);
    expect(stored.data.origin).toBeNull();
    await page.getByRole('checkbox', { name: FIELD_WORDS.article.exclusive.en.label }).click();
    const second = await save(page);
    expect(second.status()).toBe(200);
    const after = await cmDocument(base, token, UIDS.article, id, 'zh-Hans');
    expect(after.data.title).toBe(newTitle);
    expect(after.data.origin.outlet).toBe('新华社');
    expect(after.data.exclusive).toBe(false);
  });

  test('figures: more households moved in than exist is refused; the counts and the figures panel keep the edit', async () => {
    const { page } = view;
    const id = await firstDocument('neighbourhood');
    const before = await cmDocument(base, token, UIDS.neighbourhood, id, 'zh-Hans');
    const households = Number(before.data.households);
    await page.goto(editUrl('neighbourhood', id));
    await page.getByTestId('newsroom-figures-panel').waitFor({ timeout: 30_000 });
    await quiet(page);
    const occupied = page.locator('input[name="occupiedHouseholds"]');
    await fillStable(occupied, String(households + 50), digits);
    const vacant = page.getByTestId('newsroom-figure-vacantHouseholds');
    const response = await save(page);
    expect(response.status()).toBe(400);
    expect(digits(await occupied.inputValue())).toBe(String(households + 50));
    // The panel shows what the form holds (the refused figures), not the stored row.
    expect(digits(await vacant.textContent())).toBe(String(-50));
    await screenshot(page, 'admin-refused-save-keeps-figures');
    const after = await cmDocument(base, token, UIDS.neighbourhood, id, 'zh-Hans');
    expect(after.data.occupiedHouseholds).toBe(before.data.occupiedHouseholds);
    expect(after.data.updatedAt).toBe(before.data.updatedAt);
  });
});

afterAll(() => {
  // The figure the closing note reports: console errors and warnings per admin language, over the views above.
  console.log(`admin console (errors+warnings / MISSING_TRANSLATION / ours): ${JSON.stringify(consoleCounts)}`);
  console.log(`requests that failed (Strapi's own): ${JSON.stringify(failedRequests)}`);
});
