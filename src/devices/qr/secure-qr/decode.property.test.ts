/**
 * Property tests: whatever the scanner delivers, the decoder answers with a
 * verified/unverified result or a typed E_QR_* error, quickly, and never holds
 * more than the inflate cap. Mutated vectors come from the real UIDAI sample.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../shared/errors';
import { fixture } from '../fixtures';
import { loadTrustStore } from '../trust-store';
import { MAX_INFLATED_BYTES } from './bytes';
import { decodeSecureQr } from './decode';

const trust = loadTrustStore();
const sample = readFileSync(fixture('secure-qr', 'uidai-sample-ref2697-2019-03-08.txt'), 'utf8').trim();

function outcome(digits: string): string {
  const started = performance.now();
  try {
    const r = decodeSecureQr(digits, { trust });
    expect(r.sizes.decompressed).toBeLessThanOrEqual(MAX_INFLATED_BYTES);
    return r.verified ? 'verified' : 'unverified';
  } catch (e) {
    expect(e).toBeInstanceOf(KioskError);
    expect((e as KioskError).code).toMatch(/^E_QR_(DIGITS|INFLATE|INFLATE_LIMIT|LAYOUT)$/);
    expect((e as KioskError).message).not.toMatch(/\d{12}/);
    return (e as KioskError).code;
  } finally {
    expect(performance.now() - started).toBeLessThan(500);
  }
}

describe('Secure QR decoder properties', () => {
  it('random digit strings (0 to 8,000 digits) give typed errors only', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 8000 }), (s) => {
      expect(outcome(s)).not.toBe('verified');
    }), { numRuns: 200 });
  });

  it('arbitrary text (BigInt-accepted forms included) is refused before BigInt: E_QR_DIGITS', () => {
    for (const s of ['', ' 123', '0x1f8b', '-12345', '1e5', '12 34', '\n']) expect(outcome(s)).toBe('E_QR_DIGITS');
    fc.assert(fc.property(fc.string({ maxLength: 200 }).filter((s) => !/^[0-9]+$/.test(s)), (s) => {
      expect(outcome(s)).toBe('E_QR_DIGITS');
    }), { numRuns: 200 });
  });

  it('mutated UIDAI sample (digit changed, dropped, inserted, truncated) never verifies and never throws untyped', () => {
    expect(outcome(sample)).toBe('verified');
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('change' as const), at: fc.nat(sample.length - 1), digit: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ kind: fc.constant('drop' as const), at: fc.nat(sample.length - 1), digit: fc.constant(0) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(sample.length - 1), digit: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(sample.length - 1), digit: fc.constant(0) }),
    );
    fc.assert(fc.property(mutation, ({ kind, at, digit }) => {
      const d = sample;
      const mutated = kind === 'change'
        ? d.slice(0, at) + String((Number(d[at]) + digit) % 10) + d.slice(at + 1)
        : kind === 'drop' ? d.slice(0, at) + d.slice(at + 1)
          : kind === 'insert' ? d.slice(0, at) + String(digit) + d.slice(at) : d.slice(0, at);
      expect(outcome(mutated)).not.toBe('verified');
    }), { numRuns: 300 });
  });
});
