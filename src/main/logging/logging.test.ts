/** The redacting logger, its rotating files, and the support bundle, with real pino and real files. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { verhoeffCheckDigit } from '../../shared/validators/verhoeff';
import { createLogger, exportSupportBundle, openFileLogger, redactLine } from '.';

const withCheckDigit = (d: string) => `${d}${verhoeffCheckDigit(d)}`;
const AADHAAR = withCheckDigit('23456789012');
const VID = withCheckDigit('912345678901234');
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'vdex-logs-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function memoryLogger(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({ write(chunk, _enc, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
  return { log: createLogger({ level, destination }), lines };
}

const secrets = { aadhaar: AADHAAR, vid: VID, otp: '482913', pidBlock: '<PidData>...</PidData>', shareCode: '4821', name: 'Asha Kumari', careOf: 'S/O Ravi', dob: '1990-01-01', mobile: '9876543210' };

describe('redacting logger', () => {
  it('censors every identity field and names at every level (debug included), at any depth', () => {
    const { log, lines } = memoryLogger('debug');
    log.debug({ resident: secrets }, 'debug record');
    log.info({ a: { b: { c: { d: secrets } } } }, 'deep record');
    log.error({ Aadhaar_Number: AADHAAR, fullName: 'Asha Kumari', list: [{ otp: '111222' }] }, 'odd spellings');
    expect(lines).toHaveLength(3);
    const all = lines.join('\n');
    for (const value of [AADHAAR, VID, '482913', '<PidData>', 'Asha Kumari', 'S/O Ravi', '1990-01-01', '9876543210', '111222']) expect(all).not.toContain(value);
    expect(JSON.parse(lines[0]!).resident).toMatchObject({ aadhaar: '[redacted]', name: '[redacted]', shareCode: '[redacted]' });
    expect(JSON.parse(lines[0]!).name).toBe('vdex');
  });

  it('masks Aadhaar and VID numbers in messages and free-text fields, keeping the last 4 digits', () => {
    const { log, lines } = memoryLogger();
    log.warn({ note: `customer said ${AADHAAR.slice(0, 4)} ${AADHAAR.slice(4, 8)} ${AADHAAR.slice(8)}` }, `lookup for ${VID} failed`);
    log.info(`plain message with ${AADHAAR}`);
    const all = lines.join('\n');
    expect(all).not.toContain(AADHAAR);
    expect(all).not.toContain(VID);
    expect(all).toContain(`XXXX XXXX ${AADHAAR.slice(-4)}`);
    expect(all).toContain(`XXXX XXXX XXXX ${VID.slice(-4)}`);
  });

  it('child bindings are redacted too', () => {
    const { log, lines } = memoryLogger();
    log.child({ session: 's1', customerName: 'Asha Kumari' }).info({ step: 'consent' }, 'child');
    expect(lines[0]).not.toContain('Asha');
    expect(JSON.parse(lines[0]!)).toMatchObject({ session: 's1', customerName: '[redacted]', step: 'consent' });
  });

  // A digit run longer than 16 is not an Aadhaar number, so the text around the id has no digits.
  it('no Verhoeff-valid 12-digit number survives a log line (property)', () => {
    const { log, lines } = memoryLogger();
    fc.assert(fc.property(fc.stringMatching(/^[2-9]\d{10}$/), fc.string({ maxLength: 20 }).filter((t) => !/\d/.test(t)), (digits, text) => {
      const id = withCheckDigit(digits);
      log.info({ text: `${text}${id}${text}`, n: Number(id) }, `${text} ${id}`);
      return !lines[lines.length - 1]!.includes(id);
    }), { numRuns: 200 });
  });
});

describe('log files', () => {
  it('rotate by size in <data dir>/logs, keeping a bounded number of files', async () => {
    const dataDir = tmp();
    const file = await openFileLogger({ dataDir, maxSize: '2k', keepFiles: 3, level: 'info' });
    for (let i = 0; i < 200; i++) {
      file.log.info({ i, aadhaar: AADHAAR, padding: 'x'.repeat(40) }, 'event');
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 10)); // let pino-roll see the writes and roll
    }
    await file.close();
    const names = readdirSync(file.logDir);
    expect(names.length).toBeGreaterThan(1);
    expect(names.length).toBeLessThanOrEqual(4);
    const text = names.map((n) => readFileSync(path.join(file.logDir, n), 'utf8')).join('');
    expect(text).toContain('"i":199');
    expect(text).not.toContain(AADHAAR);
  });
});

describe('support bundle', () => {
  it('re-redacts every line of every log file, including lines no logger of ours wrote', async () => {
    const dataDir = tmp();
    const file = await openFileLogger({ dataDir, level: 'debug' });
    file.log.info({ branchId: 'MUM-1' }, 'kiosk started');
    await file.close();
    // An old build's file, and a stray text line, with identity data in them.
    writeFileSync(path.join(file.logDir, 'vdex.2026-01-01.1.log'), [
      JSON.stringify({ level: 30, name: 'vdex', msg: 'old', aadhaar: AADHAAR, deep: { x: { y: { z: { otp: '123456', residentName: 'Asha' } } } } }),
      `text line with ${VID} in it`,
      '',
    ].join('\n'));
    const out = path.join(tmp(), 'bundle.zip');
    const summary = exportSupportBundle({ dataDir, out, about: { version: '0.1.0' } });
    expect(summary.files.length).toBe(2);
    const zip = unzipSync(readFileSync(out));
    const manifest = JSON.parse(strFromU8(zip['manifest.json']!));
    expect(manifest).toMatchObject({ format: 'vdex-support-bundle/1', about: { version: '0.1.0' } });
    const logs = Object.entries(zip).filter(([n]) => n.startsWith('logs/')).map(([, b]) => strFromU8(b)).join('\n');
    for (const value of [AADHAAR, VID, '123456', 'Asha']) expect(logs).not.toContain(value);
    expect(logs).toContain('kiosk started');
    expect(logs).toContain(`XXXX XXXX XXXX ${VID.slice(-4)}`);
  });

  it('says clearly when there is nothing to export', () => {
    expect(() => exportSupportBundle({ dataDir: tmp(), out: path.join(tmp(), 'b.zip') })).toThrow(expect.objectContaining({ code: 'E_LOGS_NONE' }));
  });

  it('redactLine leaves a clean record unchanged', () => {
    const line = JSON.stringify({ level: 30, time: 1, name: 'vdex', msg: 'sync done', records: 3 });
    expect(redactLine(line)).toBe(line);
  });
});
