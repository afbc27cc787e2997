/**
 * The home device panel in real Chromium follows devices arriving and leaving: an RD simulator
 * started and stopped on a port of the kiosk's private RD range (iris tile up, then back to
 * unknown), and a serial device file appearing and disappearing in a watched folder the test
 * owns (the QR scanner tile's attached count goes up, then down; socat makes and removes the
 * link). Generous deadlines only: bench/device-hotplug.bench.ts measures against the 2 s goal.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRdSimulator } from '../../simulators/rd-service';
import { ptyPair } from '../support/pty-pair';
import { launchChromium, startKiosk, watchConsole } from './browser';
import { freePorts } from '../support/ports';

const DEADLINE = { timeout: 20_000, interval: 100 };


/** The home screen sits behind the agent login: the first visit creates the supervisor. */
async function enterHome(page: Page) {
  await page.getByTestId('setup-screen').waitFor();
  await page.getByLabel('Employee ID').fill('SUP-HOTPLUG');
  await page.getByLabel('Full name').fill('Hotplug Test');
  await page.getByLabel('Password', { exact: true }).fill('hotplug-test-1');
  await page.getByRole('button', { name: 'Create supervisor' }).click();
  await page.getByTestId('device-panel').waitFor();
}

const attached = async (page: Page) => Number(/(\d+) attached/.exec((await page.getByTestId('device-qr-scanner').textContent()) ?? '')?.[1] ?? NaN);

describe('home device panel follows hot-plug (real Chromium, browser mode)', () => {
  let app: Awaited<ReturnType<typeof startKiosk>>;
  let browser: Browser;
  let rdPorts: number[];
  let watched: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-e2e-hotplug-'));
    watched = path.join(dataDir, 'tty');
    mkdirSync(watched);
    // No USB serial device exists here: the serial watch looks at a folder this test owns instead of /dev.
    writeFileSync(path.join(dataDir, 'scanners.json'), JSON.stringify({ hid: false, hotplug: false, serialWatch: [path.join(watched, 'ttyV*')] }));
    rdPorts = await freePorts(3);
    app = await startKiosk({}, { dataDir, host: { rdPorts } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an iris RD service and a serial port arriving and leaving update the panel', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors = watchConsole(page);
    await page.goto(app.server.url);
    await enterHome(page);
    const iris = page.getByTestId('device-iris');
    await expect.poll(() => iris.getAttribute('data-status'), DEADLINE).toBe('unknown');

    const sim = await startRdSimulator({ port: rdPorts[1], modality: 'iris', personality: 'spec' });
    try {
      await expect.poll(() => iris.getAttribute('data-status'), DEADLINE).toBe('up');
      expect(await iris.textContent()).toContain('VDXSIMIR10 (READY)');
    } finally {
      await sim.close();
    }
    await expect.poll(() => iris.getAttribute('data-status'), DEADLINE).toBe('unknown');

    await expect.poll(() => attached(page), DEADLINE).not.toBeNaN();
    const before = await attached(page);
    const { proc } = await ptyPair([path.join(watched, 'ttyV0'), path.join(watched, 'peer')]);
    try {
      await expect.poll(() => attached(page), DEADLINE).toBe(before + 1);
    } finally {
      proc.kill('SIGTERM');
    }
    await expect.poll(() => attached(page), DEADLINE).toBe(before);
    expect(errors, errors.join('\n')).toEqual([]);
    await page.close();
  });
});
