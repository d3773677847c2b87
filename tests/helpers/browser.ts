/**
 * Browser helpers for the e2e suite: Debian Chromium driven by playwright-core, admin login,
 * dismissing the guided tour and banners, screenshots, console-error collection.
 */
import fs from 'fs';
import path from 'path';
import { chromium, Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', 'e2e', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (own cookies / localStorage) with a desktop viewport, so side panels show. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: { width: 1600, height: 1000 }, locale: 'en-GB' });
}

export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  return file;
}

/** Console errors and uncaught exceptions of a page (what "no console errors" checks). */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/** Clicks away the guided tour ("Skip") and dismissible banners if they are showing. */
export async function dismissOverlays(page: Page) {
  for (let i = 0; i < 4; i += 1) {
    let clicked = false;
    for (const name of [/^skip$/i, /^skip the tour$/i, /^skip all$/i]) {
      const button = page.getByRole('button', { name }).first();
      if (await button.isVisible().catch(() => false)) {
        await button.click().catch(() => undefined);
        clicked = true;
      }
    }
    // "Introducing the new Media Library" and similar dismissible banners: their close button.
    const banner = page.getByText(/Introducing the new Media Library/i).first();
    if (await banner.isVisible().catch(() => false)) {
      const close = page.getByRole('button', { name: /^close the banner/i }).first();
      if (await close.isVisible().catch(() => false)) {
        await close.click().catch(() => undefined);
        clicked = true;
      }
    }
    if (!clicked) return;
    await page.waitForTimeout(200);
  }
}

/** Logs into the admin through its login form and waits for the home page. */
export async function adminLogin(page: Page, email: string, password: string) {
  await page.goto('/admin/auth/login');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 30_000 });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await dismissOverlays(page);
}

/**
 * A screenshot of the part of the page that holds all the given elements (e.g. a form field far
 * down the form and the side panel at the top). The admin scrolls inside a container, not the
 * window, so the window is made tall enough for everything to be laid out at once, then restored.
 */
export async function screenshotAround(page: Page, name: string, elements: Locator[], margin = 24) {
  const original = page.viewportSize() ?? { width: 1600, height: 1000 };
  await page.setViewportSize({ width: original.width, height: 4000 });
  try {
    await page.waitForTimeout(300);
    const boxes = [];
    for (const el of elements) {
      const b = await el.boundingBox();
      if (b) boxes.push(b);
    }
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    if (!boxes.length) {
      await page.screenshot({ path: file });
      return file;
    }
    const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
    const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
    const right = Math.min(original.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
    const bottom = Math.min(4000, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
    await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y } });
    return file;
  } finally {
    await page.setViewportSize(original);
  }
}

/**
 * Fills a field and waits until the admin keeps the value: the Content Manager re-renders inputs while the
 * document loads and may overwrite a fill made too early. `shown` maps what the input shows back to what
 * was typed (a number input's formatting).
 */
export async function fillStable(field: Locator, value: string, shown = (v: string) => v) {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await field.fill(value);
    await new Promise((r) => setTimeout(r, 400));
    if (shown(await field.inputValue()) === value) return;
  }
  throw new Error(`the field would not keep the value "${value}"`);
}
