/** The CI security gates: Electronegativity over the source, and the npm audit verdict. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { auditVerdict } from '../../scripts/security/audit.js';
import { runElectronegativity, suppressions } from '../../scripts/security/electronegativity.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'vdex-sec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('electronegativity gate', () => {
  it('finds a real misconfiguration (the scanner runs, it is not a no-op)', () => {
    writeFileSync(path.join(tmp, 'bad.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n");
    const ids = runElectronegativity(tmp).map((f) => f.issue);
    expect(ids).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']));
  }, 120_000);

  it('every suppression in src/ carries an eng-reason comment', () => {
    const found = suppressions(path.join(root, 'src'));
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) expect(s.reason, `${s.file}:${s.line}`).toBeTruthy();
  });
});

describe('npm audit verdict', () => {
  const report = (high: number, critical: number) => JSON.stringify({
    vulnerabilities: high + critical > 0 ? { axios: { name: 'axios', severity: critical ? 'critical' : 'high' } } : {},
    metadata: { vulnerabilities: { info: 0, low: 1, moderate: 2, high, critical, total: 3 + high + critical } },
  });

  it('fails on a high or critical advisory and names the package', () => {
    expect(auditVerdict(report(1, 0))).toMatchObject({ exitCode: 1, checked: true, message: expect.stringContaining('axios (high)') });
    expect(auditVerdict(report(0, 1)).exitCode).toBe(1);
  });

  it('passes with only moderate and low advisories', () => {
    expect(auditVerdict(report(0, 0))).toMatchObject({ exitCode: 0, checked: true });
  });

  it('says clearly that nothing was checked when the registry has no audit endpoint, and fails when an audit is required', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk', statusCode: 405 });
    const lenient = auditVerdict(refused);
    expect(lenient).toMatchObject({ exitCode: 0, checked: false });
    expect(lenient.message).toMatch(/could NOT run.*HTTP 405/);
    expect(lenient.message).toMatch(/NOT checked/);
    expect(auditVerdict(refused, true).exitCode).toBe(2);
  });
});
