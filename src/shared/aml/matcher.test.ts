import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { screen } from './matcher';
import type { WatchlistEntity } from './model';
import { buildIndex } from './token-index';

const person = (ref: string, names: string[], extra: Partial<WatchlistEntity> = {}): WatchlistEntity => ({
  id: `UN:${ref}`, list: 'UN', ref, kind: 'person', names: names.map((name, i) => ({ name, kind: i === 0 ? 'primary' : 'aka' })),
  dob: [], countries: [], programs: ['Al-Qaida'], sourceVersion: 'test', ...extra,
});

// A small hand-made list with the shapes that matter (the real-file figures live in bench/aml-*.bench.ts).
const entities: WatchlistEntity[] = [
  person('QDi.135', ['DAWOOD IBRAHIM KASKAR', 'Sheikh Dawood Hassan', 'Daud Hasan Shaikh Ibrahim Kaskar'], { dob: [{ year: 1955, month: 12, day: 26 }], countries: ['IN'], gender: 'male' }),
  person('QDi.263', ['HAFIZ MUHAMMAD SAEED'], { dob: [{ year: 1950, month: 6, day: 5 }], countries: ['PK'] }),
  person('X.1', ['GUPTA, Rajesh Kumar'], { list: 'OFAC', id: 'OFAC:1', countries: ['IN'] }),
  person('X.2', ['SUN, Wei'], { list: 'OFAC', id: 'OFAC:2' }),
  ...Array.from({ length: 60 }, (_, i) => person(`F.${i}`, [`Filler${String.fromCharCode(97 + (i % 26))}${i} Kumar Singh`])),
];
const index = buildIndex(entities);

describe('matcher', () => {
  it('finds a listed person and explains every token', () => {
    const [hit] = screen(index, { name: 'Dawood Ibrahim Kaskar', dob: '1955-12-26', country: 'IN' });
    expect(hit).toMatchObject({ entityId: 'UN:QDi.135', list: 'UN', ref: 'QDi.135' });
    expect(hit!.score).toBeGreaterThanOrEqual(0.95);
    expect(hit!.explanation.tokens.map((t) => [t.query, t.list, t.how])).toEqual(expect.arrayContaining([['dawood', 'dawood', 'exact'], ['kaskar', 'kaskar', 'exact']]));
    expect(hit!.explanation.qualifiers.find((q) => q.factor === 'dob')!.verdict).toBe('match');
  });
  it('matches reordered, folded and abbreviated forms', () => {
    const [hit] = screen(index, { name: 'Saeed, Hafeez Mohd' });
    expect(hit?.entityId).toBe('UN:QDi.263');
    expect(hit!.explanation.tokens.some((t) => t.how === 'folded' || t.how === 'fuzzy')).toBe(true);
  });
  it('lowers the score when the date of birth contradicts, and says so', () => {
    const same = screen(index, { name: 'Dawood Ibrahim Kaskar' })[0]!;
    const other = screen(index, { name: 'Dawood Ibrahim Kaskar', dob: '1990-01-01' })[0]!;
    expect(other.score).toBeLessThan(same.score);
    const dob = other.explanation.qualifiers.find((q) => q.factor === 'dob')!;
    expect(dob.verdict).toBe('mismatch');
    expect(dob.delta).toBeLessThan(0);
    expect(other.explanation.notes.join(' ')).toMatch(/contradicts/);
  });
  it('lowers the score for a gender and a country contradiction', () => {
    const base = screen(index, { name: 'Dawood Ibrahim Kaskar' })[0]!.score;
    expect(screen(index, { name: 'Dawood Ibrahim Kaskar', gender: 'female' })[0]!.score).toBeLessThan(base);
    expect(screen(index, { name: 'Dawood Ibrahim Kaskar', country: 'Brazil' })[0]!.score).toBeLessThan(base);
  });
  it('does not let common Indian tokens carry a match', () => {
    const hits = screen(index, { name: 'Rajesh Kumar Sharma' }, { minScore: 0 });
    expect(hits.every((h) => h.score < 0.85)).toBe(true);
    expect(screen(index, { name: 'Sunita Devi' })).toEqual([]);
    expect(screen(index, { name: 'Kumar Singh' }).every((h) => h.score < 0.85)).toBe(true);
  });
  it('ignores honorifics and relation parts, and tells the reviewer', () => {
    const [hit] = screen(index, { name: 'Shri Dawood Ibrahim Kaskar S/O Ibrahim Kaskar' });
    expect(hit?.entityId).toBe('UN:QDi.135');
    expect(hit!.explanation.notes.join(' ')).toMatch(/Honorifics ignored: shri.*Relation part \(S\/O/);
  });
  it('screens "@" aliases separately', () => {
    const [hit] = screen(index, { name: 'Ramesh Verma @ Dawood Ibrahim Kaskar' });
    expect(hit?.entityId).toBe('UN:QDi.135');
  });
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.option(fc.string({ maxLength: 12 })), fc.option(fc.string({ maxLength: 20 })), (name, dob, country) => {
        const hits = screen(index, { name, ...(dob ? { dob } : {}), ...(country ? { country } : {}) });
        expect(Array.isArray(hits)).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.array(fc.constantFrom('@', '/', 'S/O', 'md', 'a', ' ', '.', 'दा', 'ँ', '्', 'x', 'ß'), { maxLength: 30 }), (parts) => {
      expect(() => screen(index, { name: parts.join('') })).not.toThrow();
    }), { numRuns: 300 });
  });
});
