// AML quality: recall on the UN positives (as listed, and the typo'd/reordered copy) and false-positive
// rate on the 50,000 global negatives (Indian rows apart) and the 50,000 US negatives, against
// OFAC 2024-05-03 SDN + 2025-12 aliases + UN 2026-02-27 + MHA UAPA, at the review threshold and per threshold.
import { bestScores, EVAL_THRESHOLDS, figuresAt, readLabelledRows } from '../src/main/aml/evaluate';
import { loadListsFromDirs } from '../src/main/aml/list-files';
import { DEFAULT_THRESHOLDS } from '../src/shared/aml/risk';
import { buildIndex } from '../src/shared/aml/token-index';
import { fixtureListsDir, LABELLED } from './aml-fixtures';

const T = DEFAULT_THRESHOLDS.review;
const index = buildIndex(loadListsFromDirs([fixtureListsDir()]).entities);
const untreated = bestScores(index, readLabelledRows(LABELLED.unUntreated), 0.5);
const treated = bestScores(index, readLabelledRows(LABELLED.unTreated), 0.5);
const globalRows = readLabelledRows(LABELLED.negativesGlobal);
const globalScores = bestScores(index, globalRows, 0.5);
const indian = globalRows.map((r, i) => [r, i] as const).filter(([r]) => /^india$/i.test(r.nationalityRaw.trim()));
const indianScores = Float64Array.from(indian.map(([, i]) => globalScores[i]!));
const usScores = bestScores(index, readLabelledRows(LABELLED.negativesUs), 0.5);
const empty = new Float64Array(0);

const at = (t: number) => ({
  threshold: t,
  recallUnListed: figuresAt(t, untreated, empty).recall,
  recallUnTreated: figuresAt(t, treated, empty).recall,
  fprGlobal: figuresAt(t, empty, globalScores).falsePositiveRate,
  fprIndian: figuresAt(t, empty, indianScores).falsePositiveRate,
  fprUs: figuresAt(t, empty, usScores).falsePositiveRate,
});
const main = at(T);
console.log(`review threshold ${T}`);
console.log(`recall UN positives as listed   ${main.recallUnListed.toFixed(4)} (${untreated.length} rows; target >= 0.99)`);
console.log(`recall UN positives typo'd       ${main.recallUnTreated.toFixed(4)} (${treated.length} rows; target >= 0.95)`);
console.log(`FPR global negatives            ${(main.fprGlobal * 100).toFixed(3)}% (${globalScores.length} rows; target <= 0.5%)`);
console.log(`FPR Indian rows of the global   ${(main.fprIndian * 100).toFixed(3)}% (${indianScores.length} rows)`);
console.log(`FPR US negatives                ${(main.fprUs * 100).toFixed(3)}% (${usScores.length} rows)`);
console.log('per threshold:');
for (const t of EVAL_THRESHOLDS) {
  const f = at(t);
  console.log(`  ${t.toFixed(2)}  recall ${f.recallUnListed.toFixed(4)} / ${f.recallUnTreated.toFixed(4)}  fpr global ${(f.fprGlobal * 100).toFixed(3)}%  indian ${(f.fprIndian * 100).toFixed(3)}%  us ${(f.fprUs * 100).toFixed(3)}%`);
}
