/**
 * Crash recovery in real Chromium against browser mode: the standalone routes the Electron shell
 * opens (`#/out-of-service` after repeated renderer crashes, `#/config-refused/<code>`), and the
 * "onboarding was interrupted" prompt after login resuming an open case at its identity step or
 * discarding it. The open cases are left by the same host through the IPC contract, as a renderer
 * that died mid-onboarding would leave them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers } from '../../src/main/handlers';
import { launchChromium, screenshot, startKiosk, watchConsole } from './browser';

const SUP = { id: 'SUP-RC', name: 'Recovery Supervisor', password: 'recovery-1' };

describe('crash recovery screens (real Chromium)', () => {
  let app: Awaited<ReturnType<typeof startKiosk>>;
  let browser: Browser;
  let ok: (channel: string, input?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    app = await startKiosk();
    browser = await launchChromium();
    const handlers = createHandlers(app.host);
    ok = async (channel, input) => {
      const r = await dispatch(handlers, channel as never, input, { transport: 'test', connectionId: 'interrupted-renderer' });
      if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
      return r.value;
    };
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const origin = () => new URL(app.server.url).origin;

  it('#/out-of-service and #/config-refused/<code> render alone, without the login screen', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin()}/#/out-of-service`);
    await page.getByTestId('out-of-service').waitFor();
    expect(await page.getByTestId('out-of-service-hi').textContent()).toContain('यह कियोस्क सेवा में नहीं है');
    expect(await page.getByTestId('out-of-service-ta').textContent()).toContain('இந்தக் கியோஸ்க் சேவையில் இல்லை');
    expect(await page.getByTestId('login-screen').count()).toBe(0);
    expect(await page.getByTestId('setup-screen').count()).toBe(0);
    await screenshot(page, 'out-of-service');
    await page.close();
    // A fresh page: going to another fragment of the same document would not load it again.
    const refused = await browser.newPage();
    await refused.goto(`${origin()}/#/config-refused/E_CONFIG_EXPIRED`);
    await refused.getByTestId('config-refused').waitFor();
    expect(await refused.getByTestId('config-refused-code').textContent()).toBe('E_CONFIG_EXPIRED');
    expect(await refused.getByTestId('login-screen').count()).toBe(0);
    await refused.close();
  });

  async function login(page: Page) {
    await page.goto(app.server.url);
    const setup = page.getByTestId('setup-screen');
    const loginScreen = page.getByTestId('login-screen');
    await expect.poll(async () => (await setup.count()) + (await loginScreen.count())).toBeGreaterThan(0);
    if (await setup.count()) {
      await page.getByLabel('Employee ID').fill(SUP.id);
      await page.getByLabel('Full name').fill(SUP.name);
      await page.getByLabel('Password', { exact: true }).fill(SUP.password);
      await page.getByRole('button', { name: 'Create supervisor' }).click();
    } else {
      await page.getByLabel('Employee ID').fill(SUP.id);
      await page.getByRole('textbox', { name: 'Password' }).fill(SUP.password);
      await page.getByRole('button', { name: 'Log in' }).click();
    }
    await page.getByTestId('who').waitFor();
  }

  /** An onboarding left after consent and method choice, as a renderer that died would leave it. */
  async function leaveOpenCase(method: string): Promise<string> {
    await ok('agents:login', { employeeId: SUP.id, kind: 'password', secret: SUP.password });
    const text = await ok('kyc:consent-text', { language: 'en' });
    const { caseId, reference } = await ok('kyc:start', { language: 'en' });
    await ok('kyc:consent', { caseId, language: 'en', version: text.version, channel: 'screen', items: text.items.map((i: { purpose: string; hash: string }) => ({ purpose: i.purpose, hash: i.hash, granted: true })) });
    await ok('kyc:method', { caseId, method });
    return reference as string;
  }

  it('after login, offers the interrupted onboarding; Resume lands on its identity step, Discard removes one', async () => {
    const first = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await login(first); // first run: creates the supervisor
    expect(await first.getByTestId('resume-prompt').count()).toBe(0);
    await first.close();

    const kept = await leaveOpenCase('secure-qr');
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchConsole(page);
    await login(page);
    await page.getByTestId('resume-prompt').waitFor();
    const item = page.getByTestId(`resume-case-${kept}`);
    expect(await item.textContent()).toContain('continues at the identity step');
    await screenshot(page, 'resume-prompt');
    await item.getByTestId('resume-case').click();
    await page.getByTestId('step-qr').waitFor();
    expect(await page.getByTestId('resume-prompt').count()).toBe(0);
    expect(app.host.store.audit.list({ limit: 500 }).map((e) => e.action)).toContain('kyc.resume');

    const dropped = await leaveOpenCase('otp');
    const again = await browser.newPage();
    await login(again);
    await again.getByTestId(`resume-case-${dropped}`).waitFor();
    // The case the first page is working on is still open too; discard only the new one.
    await again.getByTestId(`resume-case-${dropped}`).getByTestId('discard-case').click();
    await expect.poll(() => again.getByTestId(`resume-case-${dropped}`).count()).toBe(0);
    expect(app.host.store.drafts.list().map((d) => d.reference)).toEqual([kept]);
    expect(app.host.store.audit.verify().ok).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
    await again.close();
  });
});
