/**
 * Test helpers: the kiosk in browser mode on 127.0.0.1 and Debian's Chromium
 * driven by playwright-core. Nothing is mocked: real server, real WebSocket, real browser.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserMode } from '../../src/main/web/start';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Browser mode on a fresh data folder. Demo peers (RD simulators, the embedded central API) are off
 * unless `demoPeers`; `host` passes extra host options (in-process simulators, a file logger, RD ports).
 */
export async function startKiosk(env: Record<string, string> = {}, options: { demoPeers?: boolean; dataDir?: string; host?: Parameters<typeof startBrowserMode>[0] extends infer O ? O extends { host?: infer H } ? H : never : never } = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'vdex-e2e-'));
  Object.assign(process.env, { VDEX_DATA_DIR: dataDir, VDEX_DEMO_PEERS: options.demoPeers ? '1' : '0', ...env });
  const app = await startBrowserMode({ rendererDir: path.join(ROOT, 'out/renderer'), ...(options.host ? { host: options.host } : {}) });
  return Object.assign(app, { dataDir });
}

/** Collects console errors and page errors so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
