import { chromiumPath } from '@sce/test-stack';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where the test run writes a screenshot of each page (committed, shown in the README). */
export const SCREENSHOTS = join(__dirname, '../../docs/screenshots');

/** Debian's Chromium, headless, with a fresh temporary profile (playwright-core downloads no browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A page in its own context (its own sessionStorage). The browser's zone is Tokyo on purpose: the
 * shops are in Los Angeles, and no figure may depend on where the browser is.
 */
export async function openPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1280, height: 860 },
  });
  return context.newPage();
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's violations on the page as it is now (evaluated over CDP, so the page's CSP stays on). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  // A string, evaluated in the page: this file is compiled without the DOM's types.
  return page.evaluate<Violation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The text of every element matching `selector`, trimmed. */
export const texts = (page: Page, selector: string): Promise<string[]> =>
  page.locator(selector).evaluateAll((elements) => elements.map((e) => (e.textContent ?? '').trim()));
