// AML speed and memory: index build time, heap used by lists + index, and per-query latency
// (p50/p95/p99, one thread) for 1,000 names drawn from the global negatives (with DOB and nationality),
// against OFAC 2024-05-03 SDN + 2025-12 aliases + UN 2026-02-27 + MHA UAPA. Cold = first pass, warm = second pass.
import { readLabelledRows } from '../src/main/aml/evaluate';
import { loadListsFromDirs } from '../src/main/aml/list-files';
import { screen } from '../src/shared/aml/matcher';
import { buildIndex } from '../src/shared/aml/token-index';
import { fixtureListsDir, LABELLED } from './aml-fixtures';

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heap0 = process.memoryUsage().heapUsed;
let t = performance.now();
const lists = loadListsFromDirs([fixtureListsDir()]);
const loadMs = performance.now() - t;
t = performance.now();
const index = buildIndex(lists.entities);
const buildMs = performance.now() - t;
gc?.();
const heapMb = (process.memoryUsage().heapUsed - heap0) / 1048576;
const all = readLabelledRows(LABELLED.negativesGlobal, 20_000);
const queries = Array.from({ length: 1000 }, (_, i) => all[(i * 7919) % all.length]!);

function pass(): number[] {
  return queries.map((q) => {
    const s = performance.now();
    screen(index, q);
    return performance.now() - s;
  });
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const cold = pass();
const warm = pass();
console.log(`lists: ${lists.entities.length} entities, ${index.nameTokens.length} names, ${index.tokenKeys.length} distinct tokens`);
console.log(`parse ${loadMs.toFixed(0)} ms, index build ${buildMs.toFixed(0)} ms`);
console.log(`heap for lists + index ${heapMb.toFixed(1)} MB${gc ? '' : ' (no --expose-gc: rough)'} (target <= 100 MB); rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
console.log(`latency cold  p50 ${pct(cold, 0.5).toFixed(3)} ms  p95 ${pct(cold, 0.95).toFixed(3)} ms  p99 ${pct(cold, 0.99).toFixed(3)} ms (target p95 <= 1 ms)`);
console.log(`latency warm  p50 ${pct(warm, 0.5).toFixed(3)} ms  p95 ${pct(warm, 0.95).toFixed(3)} ms  p99 ${pct(warm, 0.99).toFixed(3)} ms`);
