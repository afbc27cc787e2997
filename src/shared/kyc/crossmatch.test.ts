import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDobs, compareGenders, compareNames, crossMatch, normaliseName, parseDob, phoneticKey } from './crossmatch';
import { jaroWinkler } from './jaro-winkler';

describe('name normalisation', () => {
  it('drops titles, punctuation and the care-of tail', () => {
    expect(normaliseName('Mr. Rahul  Sharma')).toEqual(['RAHUL', 'SHARMA']);
    expect(normaliseName('SMT. Lakshmi Devi W/O Ramesh Rao')).toEqual(['LAKSHMI', 'DEVI']);
    expect(normaliseName('Dr rajesh-kumar')).toEqual(['RAJESH', 'KUMAR']);
  });

  it('folds transliteration variants onto one key', () => {
    expect(phoneticKey('LAKSHMI')).toBe(phoneticKey('LAXMI'));
    expect(phoneticKey('DEEPAK')).toBe(phoneticKey('DIPAK'));
    expect(phoneticKey('VISHAL')).toBe(phoneticKey('WISHAL'));
    expect(phoneticKey('MOHAN')).not.toBe(phoneticKey('ROHAN'));
  });
});

describe('compareNames', () => {
  it('scores identical and reordered names as a match', () => {
    expect(compareNames('Rahul Sharma', 'RAHUL SHARMA').score).toBe(1);
    const r = compareNames('SHARMA RAHUL', 'Rahul Sharma');
    expect(r.score).toBe(1);
    expect(r.detail).toContain('different order');
  });

  it('tolerates a dropped middle name and initials, but less than an exact name', () => {
    const dropped = compareNames('RAHUL KUMAR SHARMA', 'RAHUL SHARMA');
    expect(dropped.score).toBeGreaterThanOrEqual(0.9);
    expect(dropped.score).toBeLessThan(1);
    const initials = compareNames('R KUMAR', 'RAJESH KUMAR');
    expect(initials.reason).toBe('initials');
    expect(initials.score).toBeGreaterThanOrEqual(0.75);
    expect(initials.score).toBeLessThan(0.9);
  });

  it('accepts spelling variants and rejects different people', () => {
    expect(compareNames('LAXMI DEVI', 'Lakshmi Devi').score).toBeGreaterThanOrEqual(0.9);
    expect(compareNames('Anita Verma', 'Sunil Gupta').score).toBeLessThan(0.3);
  });

  it('does not let common tokens alone carry a match', () => {
    expect(compareNames('AMIT KUMAR', 'SUNIL KUMAR').score).toBeLessThan(0.75);
  });

  it('is symmetric and bounded (property)', () => {
    const name = fc.array(fc.stringMatching(/^[A-Za-z]{1,8}$/), { minLength: 1, maxLength: 4 }).map((t) => t.join(' '));
    fc.assert(fc.property(name, name, (a, b) => {
      const x = compareNames(a, b).score;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      expect(compareNames(b, a).score).toBeCloseTo(x, 3);
    }), { numRuns: 300 });
  });
});

describe('dates and genders', () => {
  it('parses the formats providers use', () => {
    expect(parseDob('1990-05-17')).toEqual({ y: 1990, m: 5, d: 17 });
    expect(parseDob('17-05-1990')).toEqual({ y: 1990, m: 5, d: 17 });
    expect(parseDob('17/05/1990')).toEqual({ y: 1990, m: 5, d: 17 });
    expect(parseDob('1990')).toEqual({ y: 1990 });
    expect(parseDob('1990-13-01')).toBeNull();
    expect(parseDob('yesterday')).toBeNull();
  });

  it('explains exact, year-only, swapped and different dates', () => {
    expect(compareDobs('1990-05-17', '17-05-1990')?.reason).toBe('exact');
    expect(compareDobs('1990', '17/05/1990')?.score).toBe(0.8);
    expect(compareDobs('1990-05-06', '1990-06-05')?.reason).toBe('day-month-swapped');
    expect(compareDobs('1990-05-06', '1991-05-06')?.score).toBe(0);
    expect(compareDobs('bad', '1990')).toBeUndefined();
  });

  it('normalises genders', () => {
    expect(compareGenders('MALE', 'M')?.score).toBe(1);
    expect(compareGenders('F', 'M')?.score).toBe(0);
    expect(compareGenders('?', 'M')).toBeUndefined();
  });
});

describe('crossMatch', () => {
  const aadhaar = { source: 'aadhaar' as const, name: 'Rahul Kumar Sharma', dob: '1990', gender: 'M' };
  const pan = { source: 'pan' as const, name: 'RAHUL SHARMA', dob: '1990-05-17' };
  const passport = { source: 'passport' as const, name: 'SHARMA RAHUL KUMAR', dob: '17/05/1990', gender: 'MALE' };

  it('compares every pair and lets the weakest decide', () => {
    const r = crossMatch([aadhaar, pan, passport]);
    expect(r.pairs).toHaveLength(3);
    expect(r.score).toBe(Math.min(...r.pairs.map((p) => p.score)));
    expect(r.band).toBe('match');
    expect(r.explanation.join('\n')).toContain('year-only');
  });

  it('sends a different date of birth to mismatch', () => {
    const r = crossMatch([aadhaar, { ...pan, dob: '1985-01-01' }]);
    expect(r.band).toBe('mismatch');
    expect(r.pairs[0]!.dob?.reason).toBe('different');
  });

  it('with one source compares nothing and says so', () => {
    const r = crossMatch([aadhaar, { source: 'pan' }]);
    expect(r.pairs).toHaveLength(0);
    expect(r.skipped).toEqual(['pan']);
    expect(r.explanation[0]).toContain('nothing cross-matched');
  });
});

describe('jaroWinkler', () => {
  it('matches the textbook values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('ABC', 'XYZ')).toBe(0);
  });
});

describe('claims from verification results', async () => {
  const { claimFromEkyc, claimFromPan, claimFromPassport } = await import('./claims');
  it('compares what each source vouched for', () => {
    const ekyc = { maskedAadhaar: 'XXXX XXXX 0016', name: 'Rahul Kumar Sharma', dob: '1990-05-17', gender: 'M' as const, address: {}, providerTxn: 't', provider: 'p' };
    const pan = claimFromPan({ name: 'Rahul Sharma', dob: '1990-05-17' }, { status: 'verified', maskedPan: 'XXXXX1234K', nameMatch: true, dobMatch: true, provider: 'idfy' });
    const passport = claimFromPassport({ status: 'verified', maskedFileNumber: 'X', givenName: 'RAHUL KUMAR', surname: 'SHARMA', dob: '1990-05-17', provider: 'idfy' });
    const r = crossMatch([claimFromEkyc(ekyc), pan, passport]);
    expect(r.band).toBe('match');
    expect(r.pairs).toHaveLength(3);
    // An unconfirmed DOB is not a claim; a PAN not found claims nothing.
    expect(claimFromPan({ name: 'X', dob: '2000-01-01' }, { status: 'mismatch', maskedPan: 'X', nameMatch: true, dobMatch: false, provider: 'idfy' }).dob).toBeUndefined();
    expect(claimFromPan({ name: 'X', dob: '2000-01-01' }, { status: 'not_found', maskedPan: 'X', provider: 'idfy' })).toEqual({ source: 'pan' });
  });
});
