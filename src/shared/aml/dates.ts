/** Dates of birth: parsing the forms lists and customers give, and comparing them as a qualifier. */
import type { ListDate } from './model';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** Parses "1965", "1960-06-29", "1960-06", "26 Dec 1955", "Dec 1955", "circa 1960", "1962 to 1964", "29/06/1960". */
export function parseListDate(text: string | undefined | null): ListDate | undefined {
  if (!text) return undefined;
  const t = text.trim().toLowerCase();
  const approximate = /circa|approx|about|c\./.test(t) || undefined;
  let m = /(\d{4})\s*(?:to|-|–)\s*(\d{4})/.exec(t);
  if (m && !/^\d{4}-\d{2}/.test(t)) return clean({ fromYear: Number(m[1]), toYear: Number(m[2]), approximate });
  m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(t);
  if (m) return clean({ year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : undefined, approximate });
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(t);
  if (m) return clean({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]), approximate });
  m = /(?:(\d{1,2})\s+)?([a-z]{3})[a-z]*\.?\s+(\d{4})/.exec(t);
  if (m && MONTHS[m[2]!]) return clean({ year: Number(m[3]), month: MONTHS[m[2]!], day: m[1] ? Number(m[1]) : undefined, approximate });
  m = /(\d{4})/.exec(t);
  if (m) return clean({ year: Number(m[1]), approximate });
  return undefined;
}

function clean(d: ListDate): ListDate | undefined {
  const out: ListDate = {};
  if (d.year !== undefined && d.year > 1800 && d.year < 2200) out.year = d.year;
  if (d.month !== undefined && d.month >= 1 && d.month <= 12) out.month = d.month;
  if (d.day !== undefined && d.day >= 1 && d.day <= 31) out.day = d.day;
  if (d.fromYear !== undefined && d.toYear !== undefined) { out.fromYear = d.fromYear; out.toYear = d.toYear; }
  if (d.approximate) out.approximate = true;
  return out.year !== undefined || out.fromYear !== undefined ? out : undefined;
}

export type DobVerdict = 'match' | 'year-match' | 'close' | 'day-month-swap' | 'mismatch' | 'unknown';

/** Compares a customer's DOB with one list date. */
export function compareDob(q: ListDate, l: ListDate): DobVerdict {
  if (q.year === undefined) return 'unknown';
  if (l.fromYear !== undefined && l.toYear !== undefined) {
    return q.year >= l.fromYear - 1 && q.year <= l.toYear + 1 ? 'year-match' : 'mismatch';
  }
  if (l.year === undefined) return 'unknown';
  const dy = Math.abs(q.year - l.year);
  if (dy > (l.approximate ? 3 : 1)) return 'mismatch';
  if (dy === 1) return 'close';
  if (q.month === undefined || l.month === undefined) return 'year-match';
  if (q.day !== undefined && l.day !== undefined) {
    if (q.month === l.month && q.day === l.day) return 'match';
    if (q.month === l.day && q.day === l.month) return 'day-month-swap';
    return 'close';
  }
  return q.month === l.month ? 'year-match' : 'close';
}

/** Best verdict over the list's alternative dates. */
export function bestDobVerdict(q: ListDate | undefined, list: ListDate[]): DobVerdict {
  if (!q || list.length === 0) return 'unknown';
  const rank: DobVerdict[] = ['match', 'year-match', 'day-month-swap', 'close', 'mismatch', 'unknown'];
  let best: DobVerdict = 'unknown';
  for (const l of list) {
    const v = compareDob(q, l);
    if (rank.indexOf(v) < rank.indexOf(best)) best = v;
  }
  return best;
}
