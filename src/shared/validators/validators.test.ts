import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAadhaarOrVid, isValidAadhaar, isValidVid, maskId, scrubAadhaarNumbers } from './aadhaar';
import { checkPan, maskPan } from './pan';
import { isValidPincode } from './pincode';
import { verhoeffCheckDigit, verhoeffValid } from './verhoeff';

/** A synthetic Aadhaar-shaped number with a valid check digit (never a real resident). */
const synthetic = (body11: string) => body11 + verhoeffCheckDigit(body11);

describe('Verhoeff', () => {
  it('matches the published examples', () => {
    expect(verhoeffCheckDigit('236')).toBe(3);
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
    expect(verhoeffCheckDigit('12345')).toBe(1);
  });

  it('detects every single-digit error and adjacent transposition (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const good = body + verhoeffCheckDigit(body);
        expect(verhoeffValid(good)).toBe(true);
        const d = (Number(good[pos]) + delta) % 10;
        expect(verhoeffValid(good.slice(0, pos) + d + good.slice(pos + 1))).toBe(false);
        if (pos < 11 && good[pos] !== good[pos + 1]) {
          const swapped = good.slice(0, pos) + good[pos + 1] + good[pos] + good.slice(pos + 2);
          expect(verhoeffValid(swapped)).toBe(false);
        }
      }),
    );
  });
});

describe('Aadhaar and VID', () => {
  const aadhaar = synthetic('23456789012');
  const vid = synthetic('912345678901234');

  it('accepts valid numbers with spaces, refuses bad format and checksum', () => {
    expect(isValidAadhaar(aadhaar)).toBe(true);
    expect(isValidAadhaar(`${aadhaar.slice(0, 4)} ${aadhaar.slice(4, 8)} ${aadhaar.slice(8)}`)).toBe(true);
    expect(isValidVid(vid)).toBe(true);
    expect(checkAadhaarOrVid('1' + aadhaar.slice(1))).toEqual({ ok: false, reason: 'format' });
    expect(checkAadhaarOrVid(aadhaar.slice(0, 11) + ((Number(aadhaar[11]) + 1) % 10))).toEqual({ ok: false, reason: 'checksum' });
    expect(checkAadhaarOrVid('abcd')).toEqual({ ok: false, reason: 'format' });
  });

  it('masks to the last 4 digits', () => {
    expect(maskId(aadhaar)).toBe(`XXXX XXXX ${aadhaar.slice(-4)}`);
    expect(maskId(vid)).toBe(`XXXX XXXX XXXX ${vid.slice(-4)}`);
    const r = checkAadhaarOrVid(aadhaar);
    expect(r.ok && r.masked).not.toContain(aadhaar.slice(0, 8));
  });

  it('scrubs Verhoeff-valid numbers from free text and leaves other numbers', () => {
    const text = `customer ${aadhaar} vid ${vid.replace(/(\d{4})(?=\d)/g, '$1 ')} phone 9876543210 ref 123456789012`;
    const scrubbed = scrubAadhaarNumbers(text);
    expect(scrubbed).not.toContain(aadhaar);
    expect(scrubbed).not.toContain(vid.slice(0, 4) + ' ' + vid.slice(4, 8));
    expect(scrubbed).toContain('9876543210');
    expect(scrubbed).toContain(`XXXX XXXX ${aadhaar.slice(-4)}`);
  });

  it('catches numbers glued to letters, as in "uid<number>"', () => {
    expect(scrubAadhaarNumbers(`uid${aadhaar};`)).toBe(`uidXXXX XXXX ${aadhaar.slice(-4)};`);
  });

  it('scrubbing never leaves a valid 12-digit number behind (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[2-9]\d{10}$/), fc.string(), (a, body, b) => {
        const n = synthetic(body);
        expect(scrubAadhaarNumbers(`${a} ${n} ${b}`)).not.toContain(n);
      }),
    );
  });
});

describe('PAN and PIN code', () => {
  it('validates PAN shape and holder type, masks it', () => {
    expect(checkPan('abcpe1234f')).toEqual({ ok: true, pan: 'ABCPE1234F', holderType: 'person' });
    expect(checkPan('ABCXE1234F')).toEqual({ ok: false, reason: 'holder-type' });
    expect(checkPan('ABCPE12345')).toEqual({ ok: false, reason: 'format' });
    expect(maskPan('ABCPE1234F')).toBe('XXXXX1234F');
  });

  it('validates PIN codes', () => {
    expect(isValidPincode('560001')).toBe(true);
    expect(isValidPincode('060001')).toBe(false);
    expect(isValidPincode('56001')).toBe(false);
  });
});
