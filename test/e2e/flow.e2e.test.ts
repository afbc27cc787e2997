import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchChromium, screenshot, startKiosk, watchConsole } from './browser';

// The agent-facing flow in real Chromium against browser mode (real host, real WebSocket).
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function axe(page: Page, name: string) {
  // Injected through the DevTools protocol: the page's CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${name}: ${JSON.stringify(serious)}`).toEqual([]);
  await screenshot(page, `flow-${name}`);
}

describe('agent flow in browser mode (real Chromium)', () => {
  let app: Awaited<ReturnType<typeof startKiosk>>;
  let browser: Browser;

  beforeAll(async () => {
    app = await startKiosk({ VDEX_IDLE_LOCK_SECONDS: '4' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    delete process.env.VDEX_IDLE_LOCK_SECONDS;
  });

  it('first run, login, alternate-ID onboarding referred, auto-lock mid-flow keeps the case, supervisor screens', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchConsole(page);
    await page.goto(app.server.url);
    await page.getByTestId('setup-screen').waitFor();
    await axe(page, 'setup');
    await page.getByLabel('Employee ID').fill('SUP-1');
    await page.getByLabel('Full name').fill('Asha Supervisor');
    await page.getByLabel('Password', { exact: true }).fill('supervisor-1');
    await page.getByLabel('PIN (optional)').fill('1357');
    await page.getByRole('button', { name: 'Create supervisor' }).click();
    await page.getByTestId('who').waitFor();
    await page.getByTestId('device-panel').waitFor();
    await axe(page, 'home');

    // Log out and in again by PIN, with one wrong attempt shown.
    await page.getByTestId('nav-logout').click();
    await page.getByTestId('login-screen').waitFor();
    await axe(page, 'login');
    await page.getByLabel('Employee ID').fill('sup-1');
    await page.getByLabel('PIN').check();
    await page.getByLabel('PIN', { exact: true }).last().fill('0000');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('attempt(s) left');
    await page.getByLabel('PIN', { exact: true }).last().fill('1357');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('who').waitFor();

    await page.getByTestId('start-onboarding').click();
    await page.getByTestId('step-language').waitFor();
    await axe(page, 'language');
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await page.getByTestId('step-consent').waitFor();
    await page.getByTestId('consent-pan-check').check();
    await page.getByTestId('consent-aml-screening').check();
    await page.getByTestId('consent-photo').check();
    await axe(page, 'consent-hi');
    // Decline Aadhaar: the alternate-ID path is always there.
    await page.getByRole('button', { name: 'आधार नहीं: दूसरा पहचान पत्र' }).click();
    await page.getByTestId('step-alternate').waitFor();
    await page.getByRole('combobox', { name: 'भाषा' }).selectOption('en');
    await axe(page, 'alternate');

    // Idle: the kiosk locks, the step's data is gone from the page, unlocking returns to the same step.
    await page.getByLabel('Name as on the document').fill('Kiran Test');
    await page.getByTestId('lock-screen').waitFor({ timeout: 10_000 });
    expect(await page.content()).not.toContain('Kiran Test');
    await axe(page, 'locked');
    await page.getByRole('textbox', { name: 'PIN' }).fill('1357');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('step-alternate').waitFor();

    await page.getByLabel('Last 4 characters of the document number').fill('7788');
    await page.getByLabel('Name as on the document').fill('Kiran Test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('step-review').waitFor();
    expect(await page.getByTestId('review-masked-id').textContent()).toContain('7788');
    await axe(page, 'review');
    await page.getByTestId('face-yes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('step-pan').waitFor();
    await page.getByTestId('pan-input').fill('abcde12');
    await page.getByRole('button', { name: 'Check PAN' }).click();
    await page.getByText('A PAN has 5 letters').waitFor();
    await axe(page, 'pan');
    await page.getByRole('button', { name: 'No PAN: take Form 60' }).click();
    await page.getByTestId('pan-status').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('step-aml').waitFor();
    // Whatever screening says (or if it cannot run), an alternate-ID case goes to a supervisor.
    const skip = page.getByRole('button', { name: 'Continue: refer to supervisor' });
    const cont = page.getByRole('button', { name: 'Continue', exact: true });
    await expect.poll(async () => (await skip.count()) + (await page.getByTestId('aml-level').count())).toBeGreaterThan(0);
    await axe(page, 'aml');
    if (await skip.count()) await skip.click();
    else await cont.click();
    await page.getByTestId('step-decision').waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await axe(page, 'decision');
    await page.getByTestId('decision-note').fill('Passport seen; no Aadhaar');
    await page.getByRole('button', { name: 'Refer to supervisor' }).click();
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('receipt-status').textContent()).toBe('Referred to a supervisor');
    const reference = (await page.getByTestId('receipt-reference').textContent())!;
    await axe(page, 'receipt');
    await page.getByTestId('finish').click();
    await page.getByTestId('step-done').waitFor();
    expect(await page.content()).not.toContain('Kiran Test');
    await axe(page, 'done');

    // The maker cannot approve their own referred case.
    await page.getByTestId('nav-supervisor').click();
    const item = page.getByTestId(`referred-${reference}`);
    await item.waitFor();
    await axe(page, 'supervisor');
    await item.getByTestId('reauth').fill('1357');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => item.getByRole('alert').textContent()).toContain('you cannot decide it');

    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-screen').getByText('kyc.maker-checker-refused').waitFor();
    await axe(page, 'audit');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-screen').waitFor();
    await axe(page, 'settings');
    await page.getByTestId('nav-queue').click();
    await page.getByTestId('queue-screen').waitFor();
    await axe(page, 'queue');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('nav-home').click();
    await page.getByTestId('device-panel').waitFor();
    await axe(page, 'home-1920');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await page.close();
  });
});
