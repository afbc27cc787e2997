import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './fields';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));

  it('round-trips any text and never stores it in the clear', () => {
    fc.assert(fc.property(fc.string({ minLength: 4 }), (s) => {
      const sealed = cipher.encrypt(s);
      expect(cipher.decrypt(sealed)).toBe(s);
      expect(sealed.includes(Buffer.from(s, 'utf8'))).toBe(false);
    }));
  });

  it('uses a fresh IV per value, and refuses tampered or foreign ciphertext', () => {
    expect(cipher.encrypt('Asha Verma').equals(cipher.encrypt('Asha Verma'))).toBe(false);
    const sealed = cipher.encrypt('Asha Verma');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => cipher.decrypt(sealed)).toThrow();
    expect(() => new FieldCipher(randomBytes(32)).decrypt(cipher.encrypt('x'))).toThrow();
  });

  it('lookup hashes are stable per key and differ across keys', () => {
    expect(cipher.lookupHash('9876543210')).toBe(cipher.lookupHash('9876543210'));
    expect(new FieldCipher(randomBytes(32)).lookupHash('9876543210')).not.toBe(cipher.lookupHash('9876543210'));
    expect(() => new FieldCipher(randomBytes(16))).toThrow();
  });
});
