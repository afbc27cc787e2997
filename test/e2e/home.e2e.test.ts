import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, startKiosk, watchConsole } from './browser';

/** The home screen sits behind the agent login: the first visit creates the supervisor, later ones log in. */
async function enterHome(page: Page) {
  const setup = page.getByTestId('setup-screen');
  const login = page.getByTestId('login-screen');
  await expect.poll(async () => (await setup.count()) + (await login.count())).toBeGreaterThan(0);
  if (await setup.count()) {
    await page.getByLabel('Employee ID').fill('SUP-HOME');
    await page.getByLabel('Full name').fill('Home Test');
    await page.getByLabel('Password', { exact: true }).fill('home-test-1');
    await page.getByRole('button', { name: 'Create supervisor' }).click();
  } else {
    await page.getByLabel('Employee ID').fill('SUP-HOME');
    await page.getByRole('textbox', { name: 'Password' }).fill('home-test-1');
    await page.getByRole('button', { name: 'Log in' }).click();
  }
  await page.getByTestId('who').waitFor();
}

describe('home screen in browser mode (real Chromium)', () => {
  let app: Awaited<ReturnType<typeof startKiosk>>;
  let browser: Browser;

  beforeAll(async () => {
    app = await startKiosk();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('renders app:info and app:health with a CSP header and no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchConsole(page);
    const response = await page.goto(app.server.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    await enterHome(page);

    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(app.host.info().version);
    expect(await page.getByTestId('app-mode').textContent()).toBe('Demo');
    await expect.poll(() => page.getByTestId('health-services').locator('li').count()).toBeGreaterThan(0);
    // The token was taken out of the address bar.
    expect(page.url()).not.toContain('token=');
    const file = await screenshot(page, 'home');
    expect(existsSync(file)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches the interface to Hindi', async () => {
    const page = await browser.newPage();
    await page.goto(app.server.url);
    await enterHome(page);
    await page.getByRole('combobox').selectOption('hi');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe('कियोस्क की स्थिति');
    await screenshot(page, 'home-hi');
    await page.close();
  });

  it('warns on home while no watchlists are installed; settings shows the lists\' version and age', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(app.server.url);
    await enterHome(page);
    // No demo peers here, so no central API has published lists: screening cannot run.
    await expect.poll(() => page.getByTestId('lists-warning').getAttribute('data-warning')).toBe('missing');
    expect(await page.getByTestId('lists-warning').textContent()).toContain('No watchlists are installed');
    await screenshot(page, 'home-lists-missing');
    await page.getByTestId('nav-settings').click();
    expect(await page.getByTestId('lists-version').textContent()).toBe('None installed');
    // Lists arrive (loaded straight into the host's AML service, as a bundle install would): the warning goes.
    app.host.aml.loadEntities([{ id: 'UN:QDi.135', list: 'UN', ref: 'QDi.135', kind: 'person', names: [{ name: 'DAWOOD IBRAHIM KASKAR', kind: 'primary' }], dob: [], countries: [], programs: [], sourceVersion: 't' }], 'UN@2026-02-27');
    await page.getByTestId('nav-home').click();
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('lists-version').textContent()).toBe('UN@2026-02-27');
    expect(await page.getByTestId('lists-age').textContent()).toBe('0 hours');
    expect(await page.getByTestId('lists-info').getAttribute('data-warning')).toBe('none');
    await screenshot(page, 'settings-lists');
    await page.getByTestId('nav-home').click();
    await page.getByTestId('today-counts').waitFor();
    expect(await page.getByTestId('lists-warning').count()).toBe(0);
    await page.close();
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    const page = await browser.newPage();
    await page.goto(app.server.url);
    const port = app.server.port;
    const outcome = await page.evaluate(async (p) => {
      const tryOpen = (url: string) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        });
      return { noToken: await tryOpen(`ws://127.0.0.1:${p}/ipc`), badToken: await tryOpen(`ws://127.0.0.1:${p}/ipc?token=nope`) };
    }, port);
    expect(outcome).toEqual({ noToken: 'refused', badToken: 'refused' });
    await page.close();
  });
});
