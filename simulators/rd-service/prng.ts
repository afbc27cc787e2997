/**
 * Deterministic byte stream for a seeded simulator (HMAC-SHA256 in counter
 * mode). Without a seed the simulator uses crypto.randomBytes. Only for a test
 * peer: a real RD service must use a CSPRNG for the session key.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface Rng {
  bytes(n: number): Buffer;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  uuid(): string;
}

export function createRng(seed?: string): Rng {
  let counter = 0;
  const bytes = seed === undefined
    ? (n: number) => randomBytes(n)
    : (n: number) => {
        const out: Buffer[] = [];
        let have = 0;
        while (have < n) {
          const block = createHmac('sha256', `vdex-rd-sim:${seed}`).update(String(counter++)).digest();
          out.push(block);
          have += block.length;
        }
        return Buffer.concat(out).subarray(0, n);
      };
  return {
    bytes,
    int(min, max) {
      return min + (bytes(4).readUInt32BE(0) % (max - min + 1));
    },
    uuid() {
      const b = bytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40;
      b[8] = (b[8]! & 0x3f) | 0x80;
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}
