import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeStep } from './wedge-detector';

/** Feeds keys at given gaps; returns every step. */
function feed(d: WedgeDetector, keys: Array<[string, number]>, start = 1000) {
  let t = start;
  const steps: WedgeStep[] = [];
  for (const [k, gap] of keys) {
    t += gap;
    steps.push(d.key(k, t));
  }
  return { steps, t };
}

const scanKeys = (text: string, gap = 8): Array<[string, number]> => [...[...text].map((c): [string, number] => [c, gap]), ['Enter', gap]];

describe('WedgeDetector', () => {
  it('turns a fast burst ended by Enter into one scan, swallowing it after the first keys', () => {
    const d = new WedgeDetector();
    const text = '2697201903081144074371234567890';
    const { steps } = feed(d, scanKeys(text));
    expect(steps.at(-1)).toEqual({ action: 'scan', text });
    const confirm = steps.findIndex((s) => s.action === 'swallow');
    expect(steps[confirm]).toEqual({ action: 'swallow', leaked: text.slice(0, confirm) });
    expect(steps.slice(confirm + 1, -1).every((s) => s.action === 'swallow')).toBe(true);
  });

  it('lets a person type (80-200 ms apart), Enter included', () => {
    const d = new WedgeDetector();
    const { steps } = feed(d, [...'9876543210'].map((c, i): [string, number] => [c, 80 + (i * 37) % 120]).concat([['Enter', 150]]));
    expect(steps.every((s) => s.action === 'pass')).toBe(true);
  });

  it('ignores Shift inside a burst (XML QRs need < and ")', () => {
    const d = new WedgeDetector();
    const keys: Array<[string, number]> = [];
    for (const c of '<PrintLetterBarcodeData uid="1"/>') {
      if (/[A-Z<>"]/.test(c)) keys.push(['Shift', 3]);
      keys.push([c, 5]);
    }
    keys.push(['Enter', 5]);
    expect(feed(d, keys).steps.at(-1)).toEqual({ action: 'scan', text: '<PrintLetterBarcodeData uid="1"/>' });
  });

  it('a burst that stops without Enter asks for a rescan (dropped characters)', () => {
    const d = new WedgeDetector();
    const { t } = feed(d, [...'12345678901234567890'].map((c): [string, number] => [c, 6]));
    expect(d.tick(t + 100)).toBeNull();
    expect(d.tick(t + 300)).toEqual({ action: 'rescan', length: 20 });
    expect(d.inBurst).toBe(false);
  });

  it('a long pause inside a burst breaks it: rescan, and the next key starts afresh', () => {
    const d = new WedgeDetector();
    feed(d, [...'1234567890'].map((c): [string, number] => [c, 6]));
    expect(d.key('5', 1000 + 60 + 400)).toEqual({ action: 'rescan', length: 10 });
  });

  it('property: any scan text at scanner speed comes back exactly; typing slower than 80 ms never swallows', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789<>="/ abcXYZ'), minLength: 6, maxLength: 300 }), fc.integer({ min: 1, max: 30 }), (text, gap) => {
      const d = new WedgeDetector();
      expect(feed(d, scanKeys(text, gap)).steps.at(-1)).toEqual({ action: 'scan', text });
    }), { numRuns: 200 });
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...'abc123'), fc.integer({ min: 80, max: 400 })), { maxLength: 50 }), (keys) => {
      const d = new WedgeDetector();
      expect(feed(d, keys).steps.every((s) => s.action === 'pass')).toBe(true);
    }), { numRuns: 200 });
  });
});
