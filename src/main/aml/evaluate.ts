/**
 * Quality evaluation on labelled name sets (the yente fixture layout:
 * full_name, first_name, middle_name, last_name, gender, date_of_birth,
 * place_of_birth, nationality). A positive counts as recalled when it raises
 * an alert (any hit at or above the threshold); a negative counts as a false
 * positive when it does.
 */
import { parseCsvRecords } from '../../shared/aml/lists/csv';
import { screen } from '../../shared/aml/matcher';
import type { ScreeningSubject } from '../../shared/aml/model';
import type { WatchlistIndex } from '../../shared/aml/token-index';
import { readListFile } from './list-files';

export interface LabelledRow extends ScreeningSubject { nationalityRaw: string }

export function readLabelledRows(file: string, limit = Infinity): LabelledRow[] {
  const rows: LabelledRow[] = [];
  for (const r of parseCsvRecords(readListFile(file))) {
    if (rows.length >= limit) break;
    const name = r.full_name || [r.first_name, r.middle_name, r.last_name].filter(Boolean).join(' ');
    if (!name) continue;
    const gender = (r.gender ?? '').toLowerCase();
    const row: LabelledRow = { name, nationalityRaw: r.nationality ?? '' };
    if (r.date_of_birth) row.dob = r.date_of_birth;
    if (r.nationality) row.country = r.nationality;
    if (gender === 'male' || gender === 'female') row.gender = gender;
    rows.push(row);
  }
  return rows;
}

export interface ThresholdFigures { threshold: number; recall: number; falsePositiveRate: number; positives: number; negatives: number; recalled: number; falsePositives: number }

/** Best score per row (0 when no hit). */
export function bestScores(index: WatchlistIndex, rows: ScreeningSubject[], minScore: number): Float64Array {
  const out = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    const hits = screen(index, r, { minScore, maxHits: 1 });
    out[i] = hits[0]?.score ?? 0;
  });
  return out;
}

export function figuresAt(threshold: number, pos: Float64Array, neg: Float64Array): ThresholdFigures {
  let recalled = 0;
  let fp = 0;
  for (const s of pos) if (s >= threshold) recalled++;
  for (const s of neg) if (s >= threshold) fp++;
  return {
    threshold,
    recall: pos.length ? recalled / pos.length : 0,
    falsePositiveRate: neg.length ? fp / neg.length : 0,
    positives: pos.length,
    negatives: neg.length,
    recalled,
    falsePositives: fp,
  };
}

export const EVAL_THRESHOLDS = [0.7, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9, 0.95];
