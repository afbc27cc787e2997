import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './signing';

/** The first, obviously right version (entries, filter, sort, join): the fast one must agree with it everywhere. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('matches the reference on any JSON-like value, undefined members and odd keys included', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.constant(undefined), fc.constant(null), fc.boolean(), fc.double(), fc.integer(), fc.string({ unit: 'binary' }),
        fc.array(tie('any'), { maxLength: 5 }), fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('any'), { maxKeys: 6 })),
    })).any;
    fc.assert(fc.property(value, (v) => {
      expect(canonicalJson(v)).toBe(reference(v));
    }), { numRuns: 500 });
  });

  it('sorts keys, drops undefined members and round-trips through JSON.parse', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: undefined, c: 'x' }], e: undefined })).toBe('{"a":[1,{"c":"x"}],"b":1}');
    const v = { z: { y: [null, 2.5, 'é\\u0000'] }, a: true };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });
});
