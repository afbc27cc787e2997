/**
 * The canary: one OTP onboarding with a canary VID (the sandbox resident's synthetic,
 * Verhoeff-valid VID, used nowhere else in the suite) and the OTP it is sent, then every place
 * identity data could leak is searched for them:
 *   - every file in the kiosk's data folder, raw bytes (logs, the encrypted database and its WAL),
 *     except the sandbox's development OTP log (the stand-in for the customer's SMS) and the
 *     embedded central API's own folder (the server, not the kiosk);
 *   - the decrypted database, every table but the vault;
 *   - the IPC traffic the page saw (WebSocket frames, recorded by a wrapper injected before load):
 *     nothing the kiosk sends back; from the page, only the one otp:request and otp:verify call;
 *   - the renderer's storage (localStorage, sessionStorage, IndexedDB) and the final DOM.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAadhaarOrVid } from '../../src/shared/validators/aadhaar';
import { launchChromium, screenshot } from './browser';
import { approveAndFinish, lastOtp, recordIpc, reviewToDecision, setupAccounts, startDemoKiosk, startOnboarding, type DemoKiosk } from './demo-kiosk';

const CANARY_VID = '9999000000100019';
const RESIDENT_AADHAAR = '999900000016';

/** A whole number, not digits inside a longer one (a 6-digit OTP inside a millisecond timestamp is not a leak). */
const has = (text: string, canary: string) => new RegExp(`(?<![0-9])${canary}(?![0-9])`).test(text);

function filesUnder(dir: string, skip: (p: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (skip(full)) return [];
    return statSync(full).isDirectory() ? filesUnder(full, skip) : [full];
  });
}

describe('canary: no Aadhaar number, VID or OTP outside the vault and the one call that needs it', () => {
  let kiosk: DemoKiosk;
  let browser: Browser;

  beforeAll(async () => {
    expect(checkAadhaarOrVid(CANARY_VID).ok).toBe(true);
    [kiosk, browser] = await Promise.all([startDemoKiosk(), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  it('one OTP flow, then zero occurrences anywhere', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(15_000);
    const frames = await recordIpc(page);
    await setupAccounts(page, kiosk.app.server.url);
    await startOnboarding(page, 'otp');
    await page.getByTestId('aadhaar-input').fill(CANARY_VID);
    await page.getByRole('button', { name: 'Send OTP' }).click();
    await page.getByTestId('otp-input').waitFor();
    const otp = await lastOtp(kiosk);
    await page.getByTestId('otp-input').fill(otp);
    await page.getByRole('button', { name: 'Verify OTP' }).click();
    await reviewToDecision(page, (n) => screenshot(page, `canary-${n}`).then(() => undefined));
    await approveAndFinish(page, (n) => screenshot(page, `canary-${n}`).then(() => undefined));
    const canaries = [CANARY_VID, RESIDENT_AADHAAR, otp];

    // The page: DOM and storage.
    const dom = await page.content();
    const storage = await page.evaluate(async () => {
      const idb: Record<string, unknown> = {};
      for (const info of await indexedDB.databases()) {
        idb[info.name ?? '?'] = await new Promise((resolve) => {
          const open = indexedDB.open(info.name!);
          open.onsuccess = () => {
            const db = open.result;
            const stores = [...db.objectStoreNames];
            if (stores.length === 0) return resolve({});
            const tx = db.transaction(stores, 'readonly');
            const out: Record<string, unknown> = {};
            let left = stores.length;
            for (const s of stores) {
              const req = tx.objectStore(s).getAll();
              req.onsuccess = () => { out[s] = req.result; if (--left === 0) resolve(out); };
            }
          };
          open.onerror = () => resolve('unreadable');
        });
      }
      return JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, idb });
    });
    // The IPC traffic.
    const { sent, received } = await frames();
    expect(sent.length).toBeGreaterThan(20);
    // Every file the kiosk wrote, as raw bytes.
    const files = filesUnder(kiosk.dataDir, (p) => p === kiosk.otpLog || p === path.join(kiosk.dataDir, 'central-api'));
    expect(files.some((f) => f.startsWith(kiosk.logDir))).toBe(true);
    // The decrypted database, every table but the vault.
    const db = kiosk.app.host.store.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name).filter((t) => t !== 'aadhaar_vault');
    expect(tables).toEqual(expect.arrayContaining(['kyc_records', 'audit_log', 'outbox', 'consents', 'agents']));
    const dump = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
    expect(dump).toContain('XXXX XXXX 0016');

    for (const canary of canaries) {
      expect(has(dom, canary), `DOM has the ${canary.length}-digit canary`).toBe(false);
      expect(has(storage, canary), 'renderer storage').toBe(false);
      expect(received.filter((f) => has(f, canary)), 'frames the kiosk sent to the page').toEqual([]);
      expect(has(dump, canary), 'decrypted database outside the vault').toBe(false);
      for (const f of files) expect(has(readFileSync(f).toString('latin1'), canary), `file ${path.relative(kiosk.dataDir, f)}`).toBe(false);
    }
    // From the page: the VID only in otp:request, the OTP only in otp:verify, once each.
    const carrying = (s: string) => sent.filter((f) => has(f, s)).map((f) => (JSON.parse(f) as { channel: string }).channel);
    expect(carrying(CANARY_VID)).toEqual(['otp:request']);
    expect(carrying(otp)).toEqual(['otp:verify']);
    expect(carrying(RESIDENT_AADHAAR)).toEqual([]);
    await page.close();
  });
});
