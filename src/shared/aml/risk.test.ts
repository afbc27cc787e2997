import { describe, expect, it } from 'vitest';
import type { ScreeningHit } from './matcher';
import { assessRisk, nextReKycDate } from './risk';

const hit = (list: ScreeningHit['list'], score: number, dob: 'match' | 'mismatch' | 'none' = 'match', extra: Partial<ScreeningHit> = {}): ScreeningHit => ({
  entityId: `${list}:1`, list, ref: '1', kind: 'person', primaryName: 'X', programs: [], score,
  explanation: {
    matchedName: 'X', matchedNameKind: 'primary', tokens: [], unmatchedQuery: [], unmatchedList: [], nameScore: score, notes: [],
    qualifiers: dob === 'none' ? [] : [{ factor: 'dob', verdict: dob, delta: dob === 'match' ? 0 : -0.15, detail: '' }],
  },
  ...extra,
});

describe('risk rules', () => {
  it('a strong UN or UAPA hit with nothing contradicting is CRITICAL', () => {
    for (const list of ['UN', 'UAPA'] as const) {
      const r = assessRisk({ hits: [hit(list, 0.97)] });
      expect(r.band).toBe('CRITICAL');
      expect(r.reasons[0]!.code).toBe(`SANCTIONS_MATCH_${list}`);
      expect(r.reKycYears).toBe(2);
    }
  });
  it('a strong hit with no DOB to compare stays a pending potential match (HIGH)', () => {
    const r = assessRisk({ hits: [hit('UN', 0.97, 'none')] });
    expect(r).toMatchObject({ band: 'HIGH', pendingReview: true, pendingHits: ['UN:1'] });
  });
  it('an unresolved potential match is at least HIGH until a supervisor clears it', () => {
    expect(assessRisk({ hits: [hit('OFAC', 0.88)] }).band).toBe('HIGH');
    const cleared = assessRisk({ hits: [hit('OFAC', 0.88)], dispositions: [{ entityId: 'OFAC:1', decision: 'false-positive' }] });
    expect(cleared.band).toBe('LOW');
    expect(cleared.pendingReview).toBe(false);
    expect(cleared.reasons.map((r) => r.code)).toContain('SCREEN_RESIDUE');
  });
  it('a supervisor-confirmed UN match is CRITICAL even below the block threshold', () => {
    expect(assessRisk({ hits: [hit('UN', 0.86, 'mismatch')], dispositions: [{ entityId: 'UN:1', decision: 'true-match' }] }).band).toBe('CRITICAL');
  });
  it('hits below the review threshold do not move the band', () => {
    expect(assessRisk({ hits: [hit('UN', 0.8)] }).band).toBe('LOW');
  });
  it('a confirmed foreign PEP is HIGH, a domestic PEP MEDIUM', () => {
    const pep = (c: string): ScreeningHit => hit('PEP', 0.9, 'none', { pepCountry: c, position: 'Minister' });
    const d = [{ entityId: 'PEP:1', decision: 'true-match' as const }];
    expect(assessRisk({ hits: [pep('AE')], dispositions: d }).band).toBe('HIGH');
    expect(assessRisk({ hits: [pep('IN')], dispositions: d })).toMatchObject({ band: 'MEDIUM', reKycYears: 8 });
  });
  it('weighted factors map to LOW / MEDIUM / HIGH', () => {
    expect(assessRisk({ hits: [], factors: { customerType: 'salaried', identityAssurance: 'biometric-ekyc' } })).toMatchObject({ band: 'LOW', score: 0, reKycYears: 10 });
    expect(assessRisk({ hits: [], factors: { customerType: 'cash-intensive', residence: 'non-resident', identityAssurance: 'offline-ovd' } })).toMatchObject({ band: 'MEDIUM', score: 35 });
    expect(assessRisk({ hits: [], factors: { customerType: 'hni', fatfCountry: 'grey', channel: 'non-face-to-face', expectedActivity: 'high' } }).band).toBe('HIGH');
    expect(assessRisk({ hits: [], factors: { fatfCountry: 'black' } }).band).toBe('HIGH');
  });
  it('computes the next re-KYC date', () => {
    expect(nextReKycDate(new Date('2026-03-15T10:00:00Z'), 8)).toBe('2034-03-15');
  });
});
