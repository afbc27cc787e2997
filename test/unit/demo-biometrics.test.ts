/**
 * Demo mode's biometric default, as a newcomer meets it: the demo RD peer's
 * exact command line (`vdex simulate rd ... --subject DEMO_SUBJECT`, here on a
 * private port range so it never meets other tests on 11100-11120) is run as a
 * real child process, and its fingerprints match the uidai-sandbox's first test
 * resident on every try, while another resident's number does not match.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryOtpOutbox } from '../../server/src/providers/uidai-sandbox/otp-outbox';
import { TEST_RESIDENTS } from '../../server/src/providers/uidai-sandbox/residents';
import { UidaiSandbox, ekycWadh } from '../../server/src/providers/uidai-sandbox/sandbox';
import { testUidaiPrivateKeyPem } from '../../simulators/rd-service';
import { RdClient } from '../../src/devices/rd';
import { DEMO_SUBJECT } from '../../src/devices/rd/pid/synthetic-biometrics';
import { demoPeerArgs } from '../../src/main/devices/demo-peers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const meta = { consentRef: 'c1', journeyId: 'j1', deviceId: 'd1' };
let child: ChildProcess | undefined;
afterAll(() => {
  child?.stdin?.end(); // the lifeline: the peer exits when its stdin closes
});

describe('demo mode biometrics', () => {
  it('the demo fingerprint peer presents the first test resident: three captures all match, another resident does not', async () => {
    const args = demoPeerArgs('finger', 'mantra', '41100-41140');
    expect(args).toEqual(expect.arrayContaining(['--subject', DEMO_SUBJECT]));
    expect(TEST_RESIDENTS[0]!.subject).toBe(DEMO_SUBJECT);
    child = spawn(process.execPath, [path.join(root, 'bin', 'vdex.js'), ...args], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
    const listening = await new Promise<{ port: number; controlPort: number; subject: string }>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`demo peer did not start: ${buf}`)), 20_000);
      child!.stdout!.setEncoding('utf8').on('data', (c: string) => {
        buf += c;
        const line = buf.split('\n').find((l) => l.includes('"listening"'));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line));
        }
      });
    });
    expect(listening.subject).toBe(DEMO_SUBJECT);
    const state = await (await fetch(`http://127.0.0.1:${listening.controlPort}/state`)).json();
    expect(state.presented).toMatchObject({ subject: DEMO_SUBJECT, quality: 'good' });

    const sandbox = new UidaiSandbox({ mode: 'demo', uidaiPrivateKeyPem: testUidaiPrivateKeyPem(), otpOutbox: new MemoryOtpOutbox() });
    const wadh = ekycWadh('F');
    const capture = async () => (await new RdClient().capture({ port: listening.port }, { fCount: 1, timeout: 5000, env: 'S', wadh, posh: ['UNKNOWN'] })).xml;
    for (let i = 0; i < 3; i++) {
      const r = await sandbox.authenticate({ idNumber: TEST_RESIDENTS[0]!.aadhaar, idKind: 'aadhaar', pidDataXml: await capture(), wadh }, meta);
      expect(r.status, `capture ${i + 1}`).toBe('verified');
    }
    expect(await sandbox.authenticate({ idNumber: TEST_RESIDENTS[1]!.aadhaar, idKind: 'aadhaar', pidDataXml: await capture(), wadh }, meta))
      .toMatchObject({ status: 'no_match', code: '300' });
  }, 40_000);
});
