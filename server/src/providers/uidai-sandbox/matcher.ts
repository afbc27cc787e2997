/**
 * The sandbox's biometric matcher. Not a real AFIS: it reads the minutiae of an
 * ISO/IEC 19794-2 FMR and pairs them with the enrolled template within a
 * distance and angle tolerance (no alignment search, because the simulator
 * never rotates or shifts a finger); iris records are compared byte for byte
 * with a tolerance. Enough to tell the enrolled test finger from any other.
 */
export interface Minutia { type: number; x: number; y: number; angle: number }

export function parseFmrMinutiae(record: Buffer): Minutia[] | null {
  if (record.length < 24 + 4 || record.toString('latin1', 0, 4) !== 'FMR\0') return null;
  const views = record[22] ?? 0;
  if (views < 1) return null;
  const count = record[24 + 3] ?? 0;
  const start = 24 + 4;
  if (record.length < start + count * 6) return null;
  const out: Minutia[] = [];
  for (let i = 0; i < count; i++) {
    const o = start + i * 6;
    const xw = record.readUInt16BE(o);
    out.push({ type: xw >> 14, x: xw & 0x3fff, y: record.readUInt16BE(o + 2) & 0x3fff, angle: record[o + 4]! });
  }
  return out;
}

const MAX_DISTANCE = 12;
/** Angle units are 360/256 degrees; 15 units is about 21 degrees. */
const MAX_ANGLE_UNITS = 15;

export function fingerScore(probe: Buffer, enrolled: Buffer): number {
  const p = parseFmrMinutiae(probe);
  const g = parseFmrMinutiae(enrolled);
  if (!p || !g || p.length === 0 || g.length === 0) return 0;
  const used = new Set<number>();
  let paired = 0;
  for (const m of p) {
    for (let j = 0; j < g.length; j++) {
      if (used.has(j)) continue;
      const n = g[j]!;
      const da = Math.min(Math.abs(m.angle - n.angle), 256 - Math.abs(m.angle - n.angle));
      if (m.type === n.type && Math.hypot(m.x - n.x, m.y - n.y) <= MAX_DISTANCE && da <= MAX_ANGLE_UNITS) {
        used.add(j);
        paired++;
        break;
      }
    }
  }
  return paired / Math.max(p.length, g.length);
}

export function irisScore(probe: Buffer, enrolled: Buffer): number {
  if (probe.toString('latin1', 0, 4) !== 'IIR\0' || enrolled.toString('latin1', 0, 4) !== 'IIR\0') return 0;
  const a = probe.subarray(16);
  const b = enrolled.subarray(16);
  if (a.length === 0 || a.length !== b.length) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

export const MATCH_THRESHOLD = { finger: 0.6, iris: 0.9 } as const;
