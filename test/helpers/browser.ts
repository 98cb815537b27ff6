/**
 * A real browser for tests: Debian's chromium, headless, driven by puppeteer-core
 * (../shared/TESTING.md). Missing chromium skips the test with the reason outside CI and fails it
 * in CI. Screenshots are kept as test artifacts (TRANSLATOR_TEST_ARTIFACTS, default
 * .test-artifacts/ in the repository) and checked to show something: the PNG is decoded by the
 * browser itself (an <img> drawn on a canvas) and its pixels must vary.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from './cli.js';

const CHROMIUM = process.env.TRANSLATOR_TEST_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(t: TestContext): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    const reason = `no browser: ${CHROMIUM} is missing (apt-get install chromium)`;
    if (process.env.CI) throw new Error(reason);
    t.skip(reason);
    return undefined;
  }
  // --no-sandbox: the tests run as root, where chromium's sandbox refuses to start.
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'], defaultViewport: { width: 1280, height: 900 } });
  t.after(() => browser.close());
  return browser;
}

export function artifactsDir(name: string): string {
  const dir = join(process.env.TRANSLATOR_TEST_ARTIFACTS ?? join(REPO_ROOT, '.test-artifacts'), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface PixelStats {
  width: number;
  height: number;
  /** Variance of the pixels' luminance (0: one flat colour). */
  variance: number;
  /** Distinct colours among the sampled pixels. */
  colours: number;
}

/** Decodes a PNG in a blank page of the browser and measures how much its pixels vary. */
export async function pixelStats(browser: Browser, png: Uint8Array): Promise<PixelStats> {
  const page = await browser.newPage();
  try {
    const dataUrl = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    // Runs in the browser (this project compiles without the DOM types, hence a string).
    return (await page.evaluate(`(async (src) => {
      const img = new Image();
      await new Promise((resolve, reject) => {
        img.onload = resolve;
        img.onerror = () => reject(new Error('the screenshot is not a PNG the browser can decode'));
        img.src = src;
      });
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let sum = 0, squares = 0, n = 0;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 7) {
        const y = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
        sum += y; squares += y * y; n += 1;
        if (colours.size < 10000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      }
      const mean = sum / n;
      return { width: canvas.width, height: canvas.height, variance: squares / n - mean * mean, colours: colours.size };
    })(${JSON.stringify(dataUrl)})`)) as PixelStats;
  } finally {
    await page.close();
  }
}

/** Saves a full-page screenshot under `dir` and returns its bytes. */
export async function screenshot(page: Page, dir: string, name: string): Promise<Uint8Array> {
  const png = await page.screenshot({ fullPage: true, type: 'png' });
  writeFileSync(join(dir, `${name}.png`), png);
  return png;
}
