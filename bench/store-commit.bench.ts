// Onboarding commit latency (record + verification + AML + 2 audit entries + outbox row, one
// transaction, WAL, synchronous=FULL): SQLCipher v4 beside plain SQLite, interleaved in the same run.
// Goal: SQLCipher p99 <= 10 ms and <= 1.5x plain.
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchStore, percentile } from './store-support';

const N = Number(process.env.BENCH_N ?? 400);
const WARMUP = 30;

function onboarding(i: number) {
  const id = randomUUID();
  return {
    record: {
      id, reference: `B-${i}-${id.slice(0, 6)}`, branchId: 'BR-1', agentId: 'agent-1', method: 'otp' as const, status: 'approved' as const,
      submittedAt: new Date().toISOString(), customerName: 'Bench Customer', dateOfBirth: '1990-01-01', gender: 'F', aadhaarLast4: '1234',
      details: { address: { line1: '12 MG Road', city: 'Bengaluru', pincode: '560001' }, pan: 'XXXXX1234X' },
    },
    verifications: [{ id: randomUUID(), transactionId: randomUUID(), method: 'otp' as const, verificationStatus: 'verified' as const, aadhaarMasked: 'XXXX XXXX 1234', address: { pincode: '560001' } }],
    amlAssessments: [{ id: randomUUID(), subjectRef: id, riskScore: 0.1, riskLevel: 'LOW' as const, screenedAt: new Date().toISOString(), factors: [{ name: 'no list match' }] }],
    audit: [{ action: 'kyc.decision', details: { decision: 'approved' } }],
  };
}

const cipher = benchStore(true);
const plain = benchStore(false);
const times = { cipher: [] as number[], plain: [] as number[] };
for (let i = 0; i < N + WARMUP; i++) {
  for (const [name, s] of [['cipher', cipher], ['plain', plain]] as const) {
    const input = onboarding(i);
    const t0 = performance.now();
    s.onboardings.commit(input);
    const dt = performance.now() - t0;
    if (i >= WARMUP) times[name].push(dt);
  }
}
cipher.close();
plain.close();

// The floor under any durable commit: one fsync of a 4 KiB append on the same disk, in the same run.
const fsyncTimes: number[] = [];
const probeDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-fsync-'));
const fd = openSync(path.join(probeDir, 'probe'), 'w');
for (let i = 0; i < N; i++) {
  writeSync(fd, Buffer.alloc(4096, i & 0xff));
  const t0 = performance.now();
  fsyncSync(fd);
  fsyncTimes.push(performance.now() - t0);
}
closeSync(fd);
rmSync(probeDir, { recursive: true, force: true });

const stats = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1]! }; };
const c = stats(times.cipher);
const p = stats(times.plain);
const f = stats(fsyncTimes);
const ratio = c.p99 / p.p99;
const fmt = (x: number) => x.toFixed(2).padStart(7);
console.log(`onboarding commit latency, ${N} commits each (ms)   p50      p99      max`);
console.log(`  SQLCipher v4 (WAL, FULL)                      ${fmt(c.p50)}  ${fmt(c.p99)}  ${fmt(c.max)}`);
console.log(`  plain SQLite (WAL, FULL)                      ${fmt(p.p50)}  ${fmt(p.p99)}  ${fmt(p.max)}`);
console.log(`  bare fsync of 4 KiB (the disk's floor)        ${fmt(f.p50)}  ${fmt(f.p99)}  ${fmt(f.max)}`);
console.log(`  SQLCipher/plain p99 ratio: ${ratio.toFixed(2)}x (goal <= 1.5x: ${ratio <= 1.5 ? 'met' : 'NOT met'}); SQLCipher p99 goal <= 10 ms: ${c.p99 <= 10 ? 'met' : 'NOT met'}`);
