/**
 * The kiosk in browser mode with its demo peers, for the per-method flow tests:
 *   - two RD simulators (finger, iris) started here in-process with their control endpoints
 *     (fault injection and who is at the sensor, over HTTP, as an operator would), handed to the
 *     host as its demo peers on private ports, so parallel tests elsewhere never meet them; like
 *     demo mode's own, they present DEMO_SUBJECT (the sandbox's first resident, Rahul);
 *   - the embedded central API started by demo mode itself (`vdex server start` on PGlite), with
 *     the uidai-sandbox "sending" OTPs to a development log file we read;
 *   - optionally a serial QR scanner: a socat pty pair named in scanners.json;
 *   - the forge's test UIDAI certificate pinned through `<dataDir>/uidai-certs`;
 *   - host logs written to `<dataDir>/logs` (searched by the canary test);
 *   - AML lists: the signed bundle the embedded central API publishes (the demo UN list).
 * Also the browser side: login, the start of an onboarding, a WebSocket frame recorder.
 */
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { startControlServer, startRdSimulator, type ControlServer, type RdSimulator } from '../../simulators/rd-service';
import { TEST_CERT_FILE } from '../../simulators/qr-forge/keys';
import { DEMO_SUBJECT } from '../../src/devices/rd/pid/synthetic-biometrics';
import { openFileLogger } from '../../src/main/logging/logger';
import { ptyPair } from '../support/pty-pair';
import { startKiosk } from './browser';

export const SUPERVISOR = { id: 'SUP-1', name: 'Asha Supervisor', password: 'supervisor-1', pin: '1357' };
export const CHECKER = { id: 'SUP-2', name: 'Meena Checker', password: 'supervisor-2' };
export const AGENT = { id: 'AGT-1', name: 'Ravi Agent', password: 'agent-pass-1', pin: '2468' };

export interface DemoKiosk {
  app: Awaited<ReturnType<typeof startKiosk>>;
  dataDir: string;
  sims: { finger: RdSimulator; iris: RdSimulator };
  controls: { finger: ControlServer; iris: ControlServer };
  otpLog: string;
  logDir: string;
  /** Writes a scan into the serial scanner's other end (when started with `serial`). */
  serialScan?(text: string): void;
  close(): Promise<void>;
}

export async function startDemoKiosk(options: { serial?: boolean; env?: Record<string, string> } = {}): Promise<DemoKiosk> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-e2e-demo-'));
  const cleanup: Array<() => Promise<void> | void> = [];
  mkdirSync(path.join(dataDir, 'uidai-certs'), { recursive: true });
  copyFileSync(TEST_CERT_FILE, path.join(dataDir, 'uidai-certs', 'forge-test.pem'));

  let serialScan: DemoKiosk['serialScan'];
  if (options.serial) {
    const { a, b, proc } = await ptyPair();
    cleanup.push(() => void proc.kill());
    writeFileSync(path.join(dataDir, 'scanners.json'), JSON.stringify({ serial: [{ path: a, baudRate: 115200, terminator: 'cr', interCharTimeoutMs: 300 }], hid: false, hotplug: false }));
    serialScan = (text) => {
      const fd = openSync(b, 'w');
      const bytes = Buffer.from(`${text}\r`, 'latin1');
      for (let i = 0; i < bytes.length; i += 64) writeSync(fd, bytes.subarray(i, i + 64));
      closeSync(fd);
    };
  }

  // Small capture delays keep the suite fast; the placement still shows as a live "capturing" stage.
  const finger = await startRdSimulator({ modality: 'finger', personality: 'mantra', seed: 'e2e-finger', captureDelayMs: 300, subject: DEMO_SUBJECT });
  const iris = await startRdSimulator({ modality: 'iris', personality: 'spec', seed: 'e2e-iris', captureDelayMs: 300, subject: DEMO_SUBJECT });
  const controls = { finger: await startControlServer(finger, 0), iris: await startControlServer(iris, 0) };
  const fileLog = await openFileLogger({ dataDir, level: 'info' });
  const otpLog = path.join(dataDir, 'dev-otp.log');
  const app = await startKiosk({ VDEX_DEV_OTP_LOG: otpLog, ...options.env }, {
    demoPeers: true,
    dataDir,
    host: {
      log: fileLog.log,
      rdPorts: [finger.port, iris.port],
      startDemoPeers: async () => ({ peers: [{ modality: 'finger', port: finger.port }, { modality: 'iris', port: iris.port }], stop: async () => {} }),
    },
  });
  // Demo mode enrols with its embedded central API in the background (online paths need it), then
  // installs the signed watchlist bundle the API publishes (the real UN consolidated list).
  await until(() => app.host.sync?.credentials() !== undefined, 90_000, 'the embedded central API did not enrol the kiosk (see its logs in the data folder)');
  await until(() => app.host.aml.status().origin === 'bundle', 60_000, 'the kiosk did not install the central API\'s watchlist bundle');

  return {
    app, dataDir, sims: { finger, iris }, controls, otpLog, logDir: fileLog.logDir, ...(serialScan ? { serialScan } : {}),
    async close() {
      await app.close();
      await fileLog.close();
      await Promise.all([controls.finger.close(), controls.iris.close(), finger.close(), iris.close()]);
      for (const fn of cleanup) await fn();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function until(ok: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(what);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The OTP the sandbox "sent" last (from the development log). */
export async function lastOtp(kiosk: DemoKiosk): Promise<string> {
  let otp: string | undefined;
  await expect.poll(() => {
    try {
      const lines = readFileSync(kiosk.otpLog, 'utf8').trim().split('\n');
      otp = (JSON.parse(lines.at(-1)!) as { otp: string }).otp;
    } catch {
      otp = undefined;
    }
    return otp;
  }, { timeout: 10_000 }).toBeTruthy();
  return otp!;
}

/** Arms a fault on a simulator through its control endpoint. */
export async function injectFault(control: ControlServer, fault: string, times = 1): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${control.port}/fault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fault, times }) });
  expect(res.status).toBe(200);
}

/** Sets who is at a simulator's sensor through its control endpoint (POST /present). */
export async function presentSubject(control: ControlServer, body: { subject: string; position?: string; quality?: string | number; times?: number }): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${control.port}/present`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

/** Records every WebSocket frame the page sends and receives (wraps WebSocket before the app loads). */
export async function recordIpc(page: Page): Promise<() => Promise<{ sent: string[]; received: string[] }>> {
  await page.addInitScript(() => {
    const frames = { sent: [] as string[], received: [] as string[] };
    (window as unknown as { __ipcFrames: typeof frames }).__ipcFrames = frames;
    const Native = window.WebSocket;
    class Recording extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (e) => frames.received.push(String((e as MessageEvent).data)));
      }
      override send(data: Parameters<WebSocket['send']>[0]) {
        frames.sent.push(String(data));
        super.send(data);
      }
    }
    window.WebSocket = Recording;
  });
  return () => page.evaluate(() => (window as unknown as { __ipcFrames: { sent: string[]; received: string[] } }).__ipcFrames);
}

/** First run creates the supervisor; then the other accounts; ends logged in as `who`. */
export async function setupAccounts(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('setup-screen').waitFor();
  await page.getByLabel('Employee ID').fill(SUPERVISOR.id);
  await page.getByLabel('Full name').fill(SUPERVISOR.name);
  await page.getByLabel('Password', { exact: true }).fill(SUPERVISOR.password);
  await page.getByLabel('PIN (optional)').fill(SUPERVISOR.pin);
  await page.getByRole('button', { name: 'Create supervisor' }).click();
  await page.getByTestId('who').waitFor();
}

export async function login(page: Page, who: { id: string; password: string }): Promise<void> {
  if (await page.getByTestId('nav-logout').count()) await page.getByTestId('nav-logout').click();
  await page.getByTestId('login-screen').waitFor();
  await page.getByLabel('Employee ID').fill(who.id);
  // "Password" names both the kind radio and the field; the field comes last.
  await page.getByLabel('Password', { exact: true }).last().fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('who').waitFor();
}

/** Home → language (English) → consent, every purpose granted → the method chooser → `method`. */
export async function startOnboarding(page: Page, method: string): Promise<void> {
  await page.getByTestId('nav-home').click();
  await page.getByTestId('start-onboarding').click();
  // A case left open (by a failed test) is cancelled first, as an agent would.
  const language = page.getByTestId('step-language');
  await page.getByTestId('flow').waitFor();
  if (!(await language.isVisible())) {
    const cancel = page.getByRole('button', { name: 'Cancel onboarding' });
    if (await cancel.count()) await cancel.first().click();
    await page.getByTestId('step-done').waitFor();
    await page.getByRole('button', { name: 'Next customer' }).click();
  }
  await language.waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('step-consent').waitFor();
  for (const purpose of ['aadhaar-auth', 'offline-verification', 'pan-check', 'aml-screening', 'photo']) {
    const box = page.getByTestId(`consent-${purpose}`);
    if (await box.count()) await box.check();
  }
  await page.getByRole('button', { name: 'Record consent' }).click();
  await page.getByTestId('step-method').waitFor();
  await page.getByTestId(`method-${method}`).click();
}

/** Review (face matched) → PAN (Form 60 or a PAN) → AML → decision. Returns the AML level shown. */
export async function reviewToDecision(page: Page, shot: (name: string) => Promise<void>, pan?: string): Promise<string> {
  await page.getByTestId('step-review').waitFor();
  await shot('review');
  await page.getByTestId('face-yes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('step-pan').waitFor();
  await shot('pan');
  if (pan) {
    await page.getByTestId('pan-input').fill(pan);
    await page.getByRole('button', { name: 'Check PAN' }).click();
  } else {
    await page.getByRole('button', { name: 'No PAN: take Form 60' }).click();
  }
  await page.getByTestId('pan-status').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByTestId('aml-level').waitFor();
  await shot('aml');
  const level = (await page.getByTestId('aml-level').textContent()) ?? '';
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await page.getByTestId('step-decision').waitFor();
  await shot('decision');
  return level;
}

/** Approve → receipt → finish; returns the receipt's reference and masked id. */
export async function approveAndFinish(page: Page, shot: (name: string) => Promise<void>): Promise<{ reference: string; maskedId: string }> {
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByTestId('receipt').waitFor();
  expect(await page.getByTestId('receipt-status').textContent()).toBe('Approved');
  const reference = (await page.getByTestId('receipt-reference').textContent())!;
  const maskedId = (await page.getByTestId('receipt-masked-id').textContent()) ?? '';
  await shot('receipt');
  await page.getByTestId('finish').click();
  await page.getByTestId('step-done').waitFor();
  await shot('done');
  return { reference, maskedId };
}
