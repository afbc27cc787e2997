import { describe, expect, it } from 'vitest';
import type { CrossMatchSummary } from '../../shared/ipc/kyc';
import { reviewRequiredReason } from './machine';

// The decision screen's approve button follows this; the kyc service enforces the same rule.
describe('reviewRequiredReason: the cross-match of identity and PAN', () => {
  const base = { faceMatch: true, aml: { level: 'clear' as const, reasons: [], matches: [], requiresReview: false }, method: 'otp' as const };
  const cm = (band: CrossMatchSummary['band'], fields = 1): CrossMatchSummary => ({
    score: band === 'match' ? 0.97 : 0.4, band, explanation: [], at: '2026-01-01T00:00:00Z',
    fields: Array.from({ length: fields }, () => ({ sources: ['aadhaar', 'pan'] as ['aadhaar', 'pan'], field: 'name' as const, score: band === 'match' ? 0.97 : 0, reason: band === 'match' ? 'initials' : 'partial' })),
  });

  it('lets a matching cross-match (or none) through and sends a weak or empty one to a supervisor', () => {
    expect(reviewRequiredReason({ ...base, pan: { status: 'verified', crossMatch: cm('match') } })).toBeNull();
    expect(reviewRequiredReason({ ...base, pan: { status: 'queued' } })).toBeNull();
    expect(reviewRequiredReason({ ...base, pan: { status: 'verified', crossMatch: cm('review') } })).toBe('crossmatch');
    expect(reviewRequiredReason({ ...base, pan: { status: 'verified', crossMatch: cm('mismatch') } })).toBe('crossmatch');
    expect(reviewRequiredReason({ ...base, pan: { status: 'verified', crossMatch: cm('match', 0) } })).toBe('crossmatch');
    // A PAN mismatch keeps its own, more specific reason.
    expect(reviewRequiredReason({ ...base, pan: { status: 'mismatch', crossMatch: cm('mismatch') } })).toBe('pan');
  });
});
