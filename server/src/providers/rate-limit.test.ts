import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rate-limit';

describe('SlidingWindowLimiter', () => {
  it('allows 5 per 15 minutes per key, then answers when to come back', () => {
    let now = 1_000_000;
    const l = new SlidingWindowLimiter(5, 15 * 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(l.take({ aadhaar: 'h1', agent: 'a1' }).allowed).toBe(true);
      now += 60_000;
    }
    const refused = l.take({ aadhaar: 'h1', agent: 'a2' });
    expect(refused).toMatchObject({ allowed: false, scope: 'aadhaar' });
    expect(refused.retryAfterSec).toBe(10 * 60);
    // agent a1 is also at its limit even for another number
    expect(l.take({ aadhaar: 'h2', agent: 'a1' })).toMatchObject({ allowed: false, scope: 'agent' });
    // a refused request is not counted: once the first hit leaves the window, one slot opens
    now += 10 * 60_000;
    expect(l.take({ aadhaar: 'h1', agent: 'a1' }).allowed).toBe(true);
    expect(l.take({ aadhaar: 'h1', agent: 'a1' }).allowed).toBe(false);
  });

  it('keeps keys independent and sweeps expired windows', () => {
    let now = 0;
    const l = new SlidingWindowLimiter(1, 1000, () => now);
    expect(l.take({ a: 'x' }).allowed).toBe(true);
    expect(l.take({ a: 'y' }).allowed).toBe(true);
    expect(l.take({ a: 'x' }).allowed).toBe(false);
    now = 5000;
    l.sweep();
    expect(l.take({ a: 'x' }).allowed).toBe(true);
  });
});
