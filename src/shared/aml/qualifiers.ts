/**
 * DOB, country and gender as qualifiers: they lower a name score when they
 * contradict the list entry and never raise it much (a shared DOB alone must
 * not make a match: yente #245, nomenklatura #334).
 */
import { bestDobVerdict, type DobVerdict } from './dates';
import type { ListDate, WatchlistEntity } from './model';

export interface Qualifier {
  factor: 'dob' | 'country' | 'gender';
  verdict: string;
  delta: number;
  detail: string;
}

export const QUALIFIER_DELTAS = {
  dobMismatch: -0.15,
  dobClose: -0.02,
  dobSwap: -0.03,
  countryMismatch: -0.08,
  genderMismatch: -0.1,
};

const DOB_DELTA: Record<DobVerdict, number> = {
  match: 0, 'year-match': 0, 'day-month-swap': QUALIFIER_DELTAS.dobSwap, close: QUALIFIER_DELTAS.dobClose, mismatch: QUALIFIER_DELTAS.dobMismatch, unknown: 0,
};

export function formatListDate(d: ListDate): string {
  if (d.fromYear !== undefined) return `${d.fromYear}–${d.toYear}`;
  const parts = [String(d.year)];
  if (d.month) parts.push(String(d.month).padStart(2, '0'));
  if (d.month && d.day) parts.push(String(d.day).padStart(2, '0'));
  return (d.approximate ? 'circa ' : '') + parts.join('-');
}

export function dobQualifier(dob: ListDate | undefined, entity: WatchlistEntity): Qualifier | null {
  if (!dob || entity.kind !== 'person') return null;
  if (entity.dob.length === 0) return { factor: 'dob', verdict: 'missing-on-list', delta: 0, detail: 'Date of birth: none on the list entry (cannot confirm or exclude).' };
  const verdict = bestDobVerdict(dob, entity.dob);
  const listed = entity.dob.slice(0, 4).map(formatListDate).join(', ');
  const words: Record<DobVerdict, string> = {
    match: 'matches', 'year-match': 'agrees (year)', 'day-month-swap': 'matches with day and month swapped', close: 'is close', mismatch: 'contradicts', unknown: 'cannot be compared with',
  };
  return { factor: 'dob', verdict, delta: DOB_DELTA[verdict], detail: `Date of birth ${formatListDate(dob)} ${words[verdict]} the listed ${listed}.` };
}

export function countryQualifier(country: string | undefined, entity: WatchlistEntity): Qualifier | null {
  if (!country || entity.countries.length === 0) return null;
  if (entity.countries.includes(country)) {
    return { factor: 'country', verdict: 'match', delta: 0, detail: `Country ${country} is among the listed ${entity.countries.join(', ')}.` };
  }
  return { factor: 'country', verdict: 'mismatch', delta: QUALIFIER_DELTAS.countryMismatch, detail: `Country ${country} is not among the listed ${entity.countries.join(', ')}.` };
}

export function genderQualifier(gender: string | undefined, entity: WatchlistEntity): Qualifier | null {
  if (!gender || !entity.gender || (gender !== 'male' && gender !== 'female')) return null;
  if (gender === entity.gender) return null;
  return { factor: 'gender', verdict: 'mismatch', delta: QUALIFIER_DELTAS.genderMismatch, detail: `Gender ${gender} contradicts the listed ${entity.gender}.` };
}
