import { describe, expect, it } from 'vitest';
import { jaroWinkler, tokenSimilarity } from './jaro-winkler';

describe('Jaro-Winkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', '')).toBe(1);
  });
  it('treats one adjacent transposition in a short token as a slip', () => {
    expect(tokenSimilarity('sok', 'sko')).toBe(0.9);
    expect(tokenSimilarity('ali', 'alimov')).toBeLessThan(0.8);
  });
  it('copes with long strings beyond its buffers', () => {
    expect(jaroWinkler('a'.repeat(500), 'a'.repeat(499) + 'b')).toBeGreaterThan(0.99);
  });
});
