import { afterEach, describe, expect, it } from 'vitest';
import { KioskError } from '../../../shared/errors';
import { KycDraftsRepository } from '../repositories/drafts';
import { encryptedTempDb, TEST_AADHAAR } from '../test-support/fixtures';
import { migration001 } from './001-initial-schema';
import { migration002 } from './002-kyc-drafts';
import { EXPECTED_SCHEMA, expectedSchemaAt } from './expected-schema';
import { migrate, rollback, schemaVersion, validateSchema } from './runner';

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });
function db() {
  const t = encryptedTempDb();
  cleanups.push(t.cleanup);
  t.db.pragma('foreign_keys = ON');
  return t.db;
}
const both = [migration001, migration002];
const agent = (d: ReturnType<typeof db>) => d.prepare(`INSERT INTO agents (id, username, display_name, role, branch_id, created_at, updated_at) VALUES ('a1', 'u1', 'Ravi', 'agent', 'BR-1', 'now', 'now')`).run();
const draft = { caseId: 'c1', reference: 'VDX-1', branchId: 'BR-1', agentId: 'a1', agentName: 'Ravi', language: 'hi' as const, step: 'method' as const, consent: null, method: 'otp', maskedId: 'XXXX XXXX 2346', idLast4: '2346', verificationRef: 'txn-1' };

describe('migration 002: kyc drafts', () => {
  it('up from version 1 gives exactly the expected schema; down returns to version 1 and keeps the rest', () => {
    const d = db();
    migrate(d, [migration001]);
    expect(validateSchema(d, [migration001], expectedSchemaAt(1))).toMatchObject({ ok: true });
    expect(migrate(d, both)).toMatchObject({ from: 1, to: 2, applied: [{ version: 2, name: 'kyc drafts' }] });
    expect(validateSchema(d, both, expectedSchemaAt(2))).toMatchObject({ ok: true, problems: [] });
    expect(Object.keys(EXPECTED_SCHEMA)).toContain('kyc_drafts');
    agent(d);
    rollback(d, both, 'development');
    expect(schemaVersion(d)).toBe(1);
    expect(validateSchema(d, [migration001], expectedSchemaAt(1))).toMatchObject({ ok: true });
    expect(d.prepare(`SELECT count(*) FROM agents`).pluck().get()).toBe(1);
  });

  it('stores progress, never a number: unmasked ids, bad steps and unknown agents are refused', () => {
    const d = db();
    migrate(d, both);
    agent(d);
    const drafts = new KycDraftsRepository(d);
    const saved = drafts.save(draft);
    expect(saved).toMatchObject({ caseId: 'c1', step: 'method', maskedId: 'XXXX XXXX 2346' });
    const later = drafts.save({ ...draft, step: 'identified', consent: { consentId: 'k1', version: '2025.1', channel: 'screen', at: 'now', items: [{ purpose: 'aadhaar-auth', granted: true, hash: 'a'.repeat(64) }] } });
    expect(later).toMatchObject({ step: 'identified', createdAt: saved.createdAt, consent: { consentId: 'k1' } });
    expect(d.prepare('SELECT consent_ref FROM kyc_drafts').pluck().get()).toBe('k1');
    for (const maskedId of [TEST_AADHAAR, '2341 2341 2346', 'XXXX 1234 2346']) {
      expect(() => drafts.save({ ...draft, maskedId }), maskedId).toThrow(KioskError);
    }
    expect(() => drafts.save({ ...draft, idLast4: '12345' })).toThrow(KioskError);
    expect(() => drafts.save({ ...draft, step: 'otp-entered' as never })).toThrow(KioskError);
    expect(() => drafts.save({ ...draft, caseId: 'c2', reference: 'VDX-2', agentId: 'nobody' })).toThrow(/FOREIGN KEY/);
    expect(drafts.get('c1')?.maskedId).toBe('XXXX XXXX 2346');
    expect(drafts.list({ agentId: 'a1' }).map((x) => x.caseId)).toEqual(['c1']);
    expect(drafts.list({ agentId: 'someone-else' })).toEqual([]);
    expect(drafts.remove('c1')).toBe(true);
    expect(drafts.remove('c1')).toBe(false);
  });

  it('has no column that could hold an OTP, PID block, share code, biometric, photo or full number', () => {
    const d = db();
    migrate(d, both);
    const columns = d.prepare(`SELECT name FROM pragma_table_info('kyc_drafts')`).pluck().all() as string[];
    expect(columns.filter((c) => /(^|_)(otp|pid|share_code|biometric|fingerprint|iris|aadhaar|aadhaar_number|vid|photo|name_json|customer_name|dob)$/.test(c))).toEqual([]);
  });

  it('lists an agent\'s drafts through its index', () => {
    const d = db();
    migrate(d, both);
    const plan = (d.prepare(`EXPLAIN QUERY PLAN SELECT * FROM kyc_drafts WHERE agent_id = 'a' ORDER BY updated_at DESC`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan).toMatch(/kyc_drafts_agent_idx/);
  });
});
