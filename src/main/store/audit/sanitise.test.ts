import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verhoeffValid } from '../../../shared/validators/verhoeff';
import { sanitiseDetails, sanitiseValue } from './sanitise';

/** A Verhoeff-valid number of `length` digits (appends the check digit that makes it valid). */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (verhoeffValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}
const validId = (len: 12 | 16) => fc.stringMatching(new RegExp(`^[2-9][0-9]{${len - 2}}$`)).map(withCheckDigit);

describe('audit sanitiser', () => {
  it('drops identity fields at any depth and in any spelling', () => {
    expect(sanitiseValue({ Aadhaar_Number: '1', vid: '2', OTP: '3', shareCode: '4', pid_data: '5', biometrics: [1], nested: [{ fingerprint: 'x', ok: 1 }], keep: 'y' }))
      .toEqual({ keep: 'y', nested: [{ ok: 1 }] });
  });

  it('never lets a Verhoeff-valid 12- or 16-digit number through, however it is spaced or nested (property)', () => {
    fc.assert(fc.property(
      fc.oneof(validId(12), validId(16)), fc.constantFrom('', ' ', '-'), fc.string(), fc.string(), fc.constantFrom('text', 'array', 'key', 'number'),
      (id, sep, before, after, where) => {
        const spaced = id.match(/.{4}/g)!.join(sep);
        const text = `${before} ${spaced} ${after}`;
        const details = where === 'text' ? { note: text } : where === 'array' ? { list: [{ deep: text }] } : where === 'key' ? { [spaced]: 'v' } : { n: Number(id.slice(0, 15)) };
        const out = sanitiseDetails(details);
        if (where === 'number') return; // 15-digit prefix: just must not throw
        expect(out.replace(/[\s-]/g, '')).not.toContain(id);
      },
    ), { numRuns: 300 });
  });

  it('stored details survive a parse/stringify round trip unchanged, so the server recomputes the same hash (property)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (details) => {
      const stored = sanitiseDetails(details);
      expect(JSON.stringify(JSON.parse(stored))).toBe(stored);
    }), { numRuns: 300 });
  });

  it('keeps ordinary data and yields canonical JSON (sorted keys) so the hash is stable', () => {
    expect(sanitiseDetails({ b: 1, a: { d: 'x', c: [1, 2] } })).toBe('{"a":{"c":[1,2],"d":"x"},"b":1}');
    expect(sanitiseDetails({ ref: 'KYC-1234', amount: 123456789012 })).toBe('{"amount":123456789012,"ref":"KYC-1234"}');
  });
});
