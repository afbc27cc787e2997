import { describe, expect, it } from 'vitest';
import { amlOutcome, identityFromEkyc, isoDate, panOutcome } from './mapping';
import type { ChannelOutput } from '../../shared/ipc';

const assessment = (band: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL', hits: number, pendingReview = false): ChannelOutput<'aml:screen'> => ({
  id: 'a1', subjectRef: 'c1', listVersion: 'v1', matcherVersion: 'm1', screenedAt: '', nextReKycAt: '', dispositions: [],
  risk: { band, score: 10, reasons: [{ code: 'BASE', detail: 'base risk' }], pendingHits: [], pendingReview, reKycYears: 10 },
  hits: Array.from({ length: hits }, (_, i) => ({
    entityId: `e${i}`, list: 'UN', ref: 'r', kind: 'person', primaryName: `Name ${i}`, programs: [], score: 0.91,
    explanation: { matchedName: '', matchedNameKind: '', tokens: [], unmatchedQuery: [], unmatchedList: [], nameScore: 0.9, qualifiers: [], notes: [] },
  })),
});

describe('flow mapping', () => {
  it('dates: DD-MM-YYYY and YYYY-MM-DD become ISO; a year alone or garbage does not', () => {
    expect(isoDate('05-11-1987')).toBe('1987-11-05');
    expect(isoDate('05/11/1987')).toBe('1987-11-05');
    expect(isoDate('1987-11-05')).toBe('1987-11-05');
    expect(isoDate('1987')).toBeNull();
    expect(isoDate(undefined)).toBeNull();
  });

  it('AML: no hits and a low band is clear; any hit needs review; HIGH/CRITICAL is high', () => {
    expect(amlOutcome(assessment('LOW', 0))).toMatchObject({ level: 'clear', requiresReview: false, matches: [], reasons: ['base risk'] });
    expect(amlOutcome(assessment('LOW', 1))).toMatchObject({ level: 'low', requiresReview: true, matches: [{ name: 'Name 0', list: 'UN', score: 0.91 }] });
    expect(amlOutcome(assessment('MEDIUM', 0, true))).toMatchObject({ level: 'medium', requiresReview: true });
    expect(amlOutcome(assessment('CRITICAL', 0))).toMatchObject({ level: 'high', requiresReview: true });
  });

  it('PAN: a name mismatch is a mismatch, an unavailable source is queued', () => {
    expect(panOutcome({ status: 'verified', maskedPan: 'XXXXX1234X', nameMatch: true, provider: 'p' })).toEqual({ status: 'verified', masked: 'XXXXX1234X', nameMatch: 1 });
    expect(panOutcome({ status: 'verified', maskedPan: 'XXXXX1234X', nameMatch: false, provider: 'p' }).status).toBe('mismatch');
    expect(panOutcome({ status: 'not_found', maskedPan: 'XXXXX1234X', provider: 'p' }).status).toBe('mismatch');
    expect(panOutcome({ status: 'source_unavailable', maskedPan: 'XXXXX1234X', provider: 'p' }).status).toBe('queued');
  });

  it('eKYC: keeps the masked number and last 4 only, the photo as a data URL', () => {
    const r = identityFromEkyc({
      maskedAadhaar: 'XXXX XXXX 9012', name: 'Asha', dob: '1990-02-03', gender: 'F', address: { house: '12', district: 'Pune', pincode: '411001' },
      photo: { mime: 'image/jpeg', base64: 'AAAA' }, providerTxn: 't-1', provider: 'uidai-sandbox',
    }, 'otp');
    expect(r.identity).toMatchObject({ maskedId: 'XXXX XXXX 9012', last4: '9012', address: '12, Pune, 411001', photo: 'data:image/jpeg;base64,AAAA' });
    expect(r.evidence).toMatchObject({ method: 'otp', verified: true, reference: 't-1' });
  });
});
