/**
 * The whole eKYC flow once per identity method, in real Chromium against browser mode with the
 * demo peers: RD simulators (finger, iris), the embedded central API (PGlite) with the
 * uidai-sandbox behind it, a serial QR scanner on a socat pty, and Secure QRs / e-KYC ZIPs made by
 * the forge with its test key (pinned as a UIDAI certificate for this data folder only).
 * One kiosk and one browser for the whole file; a screenshot of every screen in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeEkycZip } from '../../simulators/qr-forge/ekyc';
import { forgeSecureQr } from '../../simulators/qr-forge/secure-qr';
import { launchChromium, screenshot, watchConsole } from './browser';
import { TEST_RESIDENTS } from '../../server/src/providers/uidai-sandbox/residents';
import { AGENT, CHECKER, SUPERVISOR, approveAndFinish, injectFault, lastOtp, login, presentSubject, reviewToDecision, setupAccounts, startDemoKiosk, startOnboarding, type DemoKiosk } from './demo-kiosk';

/**
 * Rahul Kumar Sharma, the uidai-sandbox's first synthetic resident (Verhoeff-valid, not a real number);
 * the demo simulators present his subject, so his biometric onboarding matches without set-up.
 */
const RAHUL = { aadhaar: '999900000016', name: 'Rahul Kumar Sharma', pan: 'ABCPS1234K', subject: TEST_RESIDENTS[0]!.subject };
const LAKSHMI = { aadhaar: '999900000028', name: 'Lakshmi Devi', subject: TEST_RESIDENTS[1]!.subject };

describe('every identity method, end to end (browser mode + demo peers)', () => {
  let kiosk: DemoKiosk;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const shot = (prefix: string) => (name: string) => screenshot(page, `method-${prefix}-${name}`).then(() => undefined);

  beforeAll(async () => {
    [kiosk, browser] = await Promise.all([startDemoKiosk({ serial: true }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(15_000);
    errors = watchConsole(page);
    await setupAccounts(page, kiosk.app.server.url);
    // A maker agent and a second supervisor (the checker) for the maker-checker path.
    for (const a of [{ ...AGENT, role: 'agent' }, { ...CHECKER, role: 'supervisor' }]) {
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-screen').waitFor();
      const form = page.getByTestId('settings-screen');
      await form.getByLabel('Employee ID').fill(a.id);
      await form.getByLabel('Full name').fill(a.name);
      await form.getByLabel('Password', { exact: true }).fill(a.password);
      await form.getByLabel('Role').selectOption(a.role);
      await form.getByRole('button', { name: 'Create account' }).click();
      await form.getByText(`Account ${a.id.toUpperCase()} created.`).waitFor();
    }
    await login(page, AGENT);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  it('home: the device panel shows the two RD simulators, the serial scanner and the central server', async () => {
    await page.getByTestId('nav-home').click();
    await expect.poll(() => page.getByTestId('device-fingerprint').getAttribute('data-status'), { timeout: 20_000 }).toBe('up');
    expect(await page.getByTestId('device-iris').getAttribute('data-status')).toBe('up');
    await expect.poll(() => page.getByTestId('device-qr-scanner').getAttribute('data-status')).toBe('up');
    await expect.poll(() => page.getByTestId('device-network').getAttribute('data-status')).toBe('up');
    await screenshot(page, 'method-home-devices');
  });

  it('Aadhaar OTP: request, the OTP from the development log, eKYC, PAN verified online, approved', async () => {
    await startOnboarding(page, 'otp');
    await page.getByTestId('step-otp').waitFor();
    await page.getByTestId('aadhaar-input').fill(RAHUL.aadhaar);
    await shot('otp')('id');
    await page.getByRole('button', { name: 'Send OTP' }).click();
    await page.getByTestId('otp-input').waitFor();
    expect(await page.getByTestId('masked-id').textContent()).toContain('XXXX XXXX 0016');
    await page.getByTestId('otp-input').fill(await lastOtp(kiosk));
    await shot('otp')('otp');
    await page.getByRole('button', { name: 'Verify OTP' }).click();
    await page.getByTestId('step-review').waitFor();
    expect(await page.getByTestId('review-name').textContent()).toBe(RAHUL.name);
    const level = await reviewToDecision(page, shot('otp'), RAHUL.pan);
    expect(level).toMatch(/clear/i);
    // The kyc service cross-matched the eKYC identity with the PAN answer it received: shown in plain words.
    const crossMatch = page.getByTestId('crossmatch');
    expect(await crossMatch.getAttribute('data-band')).toBe('match');
    expect(await page.getByTestId('crossmatch-summary').textContent()).toBe('The details compared agree across the documents (100%).');
    expect(await crossMatch.locator('li[data-field=name]').textContent()).toBe('Name, Aadhaar and PAN: the same (100%)');
    expect(await crossMatch.locator('li[data-field=dob]').textContent()).toBe('Date of birth, Aadhaar and PAN: the same (100%)');
    expect(await page.getByTestId('decision-why').count()).toBe(0);
    const { maskedId } = await approveAndFinish(page, shot('otp'));
    expect(maskedId).toContain('0016');
  });

  it('wrong OTP three times closes the OTP method for this customer', async () => {
    await startOnboarding(page, 'otp');
    await page.getByTestId('aadhaar-input').fill(LAKSHMI.aadhaar);
    await page.getByRole('button', { name: 'Send OTP' }).click();
    await page.getByTestId('otp-input').waitFor();
    const right = await lastOtp(kiosk);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) {
      await page.getByTestId('otp-input').fill(wrong);
      await page.getByRole('button', { name: 'Verify OTP' }).click();
      if (i < 2) await page.getByText('Wrong OTP.').waitFor();
    }
    await page.getByText('Too many wrong OTPs').first().waitFor();
    await shot('otp')('exhausted');
    await page.getByRole('button', { name: 'Use another method' }).click();
    await page.getByTestId('step-method').waitFor();
    await page.getByRole('button', { name: 'Cancel onboarding' }).click();
    await page.getByTestId('step-done').waitFor();
  });

  for (const modality of ['fingerprint', 'iris'] as const) {
    it(`${modality}: device picker, live capture, UIDAI match, approved`, async () => {
      await startOnboarding(page, modality);
      await page.getByTestId('step-biometric').waitFor();
      await expect.poll(() => page.getByRole('radio').first().isChecked(), { timeout: 15_000 }).toBe(true);
      await page.getByLabel('Aadhaar number or VID').fill(RAHUL.aadhaar);
      await shot(modality)('device');
      await page.getByRole('button', { name: 'Capture and verify' }).click();
      await page.getByTestId('step-review').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('review-masked-id').textContent()).toContain('0016');
      await reviewToDecision(page, shot(modality));
      await approveAndFinish(page, shot(modality));
    });
  }

  it('device timeout: the RD error is shown in plain words, the attempt counted, a retry succeeds', async () => {
    // Lakshmi at the sensor (her finger matches her record only); Rahul again afterwards.
    await presentSubject(kiosk.controls.finger, { subject: LAKSHMI.subject });
    await injectFault(kiosk.controls.finger, 'timeout');
    await startOnboarding(page, 'fingerprint');
    await expect.poll(() => page.getByRole('radio').first().isChecked(), { timeout: 15_000 }).toBe(true);
    await page.getByLabel('Aadhaar number or VID').fill(LAKSHMI.aadhaar);
    await page.getByRole('button', { name: 'Capture and verify' }).click();
    await page.getByText('2 attempt(s) left.').waitFor({ timeout: 30_000 });
    const alert = await page.getByTestId('step-biometric').getByRole('alert').first().textContent();
    expect(alert).toMatch(/could not capture/i);
    await shot('fingerprint')('timeout');
    await page.getByLabel('Aadhaar number or VID').fill(LAKSHMI.aadhaar);
    await page.getByRole('button', { name: 'Capture and verify' }).click();
    await page.getByTestId('step-review').waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await shot('fingerprint')('retry-failed');
      throw new Error(`${String(e)}: ${await page.getByTestId('step-biometric').textContent()}`);
    });
    await page.getByRole('button', { name: 'Cancel onboarding' }).click();
    await page.getByTestId('step-done').waitFor();
    await presentSubject(kiosk.controls.finger, { subject: RAHUL.subject });
  });

  it('Secure QR from the serial scanner: signature valid in plain words, approved', async () => {
    await startOnboarding(page, 'secure-qr');
    await page.getByTestId('qr-listening').waitFor();
    await shot('qr')('waiting');
    kiosk.serialScan!(forgeSecureQr({ last4: '5501' }));
    await expect.poll(() => page.getByTestId('qr-verdict').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('valid');
    await shot('qr')('valid');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByTestId('review-masked-id').textContent()).toContain('5501');
    await reviewToDecision(page, shot('qr'));
    await approveAndFinish(page, shot('qr'));
  });

  it('Secure QR as a keyboard-wedge burst (faster than a person), typed while a field has focus', async () => {
    await startOnboarding(page, 'secure-qr');
    await page.getByTestId('qr-listening').waitFor();
    // A tampered QR first: refused in plain words.
    await page.keyboard.type(forgeSecureQr({ last4: '5502', tamper: 'wrong-key' }), { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('qr-verdict').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('invalid');
    expect(await page.getByTestId('qr-verdict').textContent()).toContain('Not genuine');
    await shot('qr')('tampered');
    await page.getByRole('button', { name: 'Scan again' }).focus();
    await page.keyboard.type(forgeSecureQr({ last4: '5503' }), { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('qr-verdict').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('valid');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByTestId('review-masked-id').textContent()).toContain('5503');
    await reviewToDecision(page, shot('wedge'));
    await approveAndFinish(page, shot('wedge'));
  });

  it('offline e-KYC XML: a signed ZIP and its share code, approved', async () => {
    const zip = await forgeEkycZip({ shareCode: '4826', last4: '7702' });
    await startOnboarding(page, 'offline-xml');
    await page.getByTestId('step-xml').waitFor();
    await page.getByTestId('xml-file').setInputFiles({ name: 'offlineaadhaar20250101.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByTestId('share-code').fill('1111');
    await page.getByRole('button', { name: 'Open and verify' }).click();
    await page.getByText('share code does not open').waitFor({ timeout: 15_000 });
    await shot('xml')('wrong-code');
    await page.getByTestId('share-code').fill('4826');
    await page.getByRole('button', { name: 'Open and verify' }).click();
    await page.getByTestId('step-review').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('review-masked-id').textContent()).toContain('7702');
    await reviewToDecision(page, shot('xml'));
    await approveAndFinish(page, shot('xml'));
  });

  it('an AML hit (real UN list bundle from the central API): approval is refused, the agent refers, a supervisor re-authenticates and approves; record + audit + outbox on the store', async () => {
    await startOnboarding(page, 'secure-qr');
    await page.getByTestId('qr-listening').waitFor();
    kiosk.serialScan!(forgeSecureQr({ last4: '8801', person: { name: 'Dawood Ibrahim Kaskar', dob: '26-12-1955' } }));
    await expect.poll(() => page.getByTestId('qr-verdict').getAttribute('data-verdict'), { timeout: 15_000 }).toBe('valid');
    await page.getByRole('button', { name: 'Continue' }).click();
    await reviewToDecision(page, shot('aml-hit'));
    expect(await page.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await page.getByTestId('decision-note').fill('Potential UN match; please review');
    await page.getByRole('button', { name: 'Refer to supervisor' }).click();
    await page.getByTestId('receipt').waitFor();
    const reference = (await page.getByTestId('receipt-reference').textContent())!;
    await page.getByTestId('finish').click();

    await login(page, CHECKER);
    await page.getByTestId('nav-supervisor').click();
    const item = page.getByTestId(`referred-${reference}`);
    await item.waitFor();
    expect(await item.textContent()).toMatch(/DAWOOD/i);
    await shot('aml-hit')('supervisor');
    await item.getByTestId('reauth').fill(CHECKER.password);
    await item.getByRole('button', { name: 'Approve' }).click();
    await item.waitFor({ state: 'detached' });
    const record = kiosk.app.host.store.records.findByReference(reference);
    expect(record).toMatchObject({ status: 'approved' });
    expect(kiosk.app.host.store.outbox.listForRecord(record!.id)).toHaveLength(2);
    await login(page, AGENT);
  });

  it('left no console errors and a supervisor still sees an intact audit chain', async () => {
    expect(kiosk.app.host.store.audit.verify().ok).toBe(true);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    void SUPERVISOR;
  });
});
