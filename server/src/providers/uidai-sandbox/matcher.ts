/**
 * The sandbox's biometric matcher. Not a real AFIS: it compares a decrypted
 * record with the resident's enrolled reference templates, derived from their
 * subject id by src/devices/rd/pid/synthetic-biometrics.ts (the same derivation
 * the RD simulator reads a presented person from). Scores are similarities,
 * never byte equality, so two impressions of one finger both match:
 *  - finger: minutiae of the ISO/IEC 19794-2 FMR paired with the template's
 *    within a distance and angle tolerance (no alignment search: the simulator
 *    jitters minutiae but never rotates or shifts the whole finger); score =
 *    paired / max(probe count, template count);
 *  - iris: 1 - fractional Hamming distance between the 2048-bit iris codes
 *    (Daugman's classic decision: same eye when HD <= 0.32).
 * A record naming its finger/eye is compared with that one only; UNKNOWN
 * (position 0) with all of the resident's fingers or both eyes, as UIDAI does.
 */
import {
  FINGER_POSITIONS, FINGER_POSITION_CODES, IRIS_EYE_LABELS, IRIS_POSITIONS, fingerTemplate, irisTemplate, type TemplateMinutia,
} from '../../../../src/devices/rd/pid/synthetic-biometrics';

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

export function fingerScore(probe: Buffer, template: readonly TemplateMinutia[]): number {
  const p = parseFmrMinutiae(probe);
  if (!p || p.length === 0 || template.length === 0) return 0;
  const used = new Set<number>();
  let paired = 0;
  for (const m of p) {
    for (let j = 0; j < template.length; j++) {
      if (used.has(j)) continue;
      const n = template[j]!;
      const da = Math.min(Math.abs(m.angle - n.angle), 256 - Math.abs(m.angle - n.angle));
      if (m.type === n.type && Math.hypot(m.x - n.x, m.y - n.y) <= MAX_DISTANCE && da <= MAX_ANGLE_UNITS) {
        used.add(j);
        paired++;
        break;
      }
    }
  }
  return paired / Math.max(p.length, template.length);
}

const IIR_HEADER = 16;

export function irisScore(probe: Buffer, code: Buffer): number {
  if (probe.toString('latin1', 0, 4) !== 'IIR\0') return 0;
  const a = probe.subarray(IIR_HEADER);
  if (a.length === 0 || a.length !== code.length) return 0;
  let differ = 0;
  for (let i = 0; i < a.length; i++) {
    let x = a[i]! ^ code[i]!;
    while (x) {
      differ += x & 1;
      x >>= 1;
    }
  }
  return 1 - differ / (a.length * 8);
}

/** Finger: at least 40% of minutiae paired (impostors pair ~1%); iris: HD <= 0.32. */
export const MATCH_THRESHOLD = { finger: 0.4, iris: 0.68 } as const;

/** The record's own quality byte (FMR view quality / IIR header), 0 when unreadable. */
export function recordQuality(modality: 'finger' | 'iris', record: Buffer): number {
  return (modality === 'finger' ? record[24 + 2] : record[12]) ?? 0;
}

/** Best similarity of one probe record against the enrolled templates of `subject`. */
export function bestScore(modality: 'finger' | 'iris', record: Buffer, subject: string): number {
  if (modality === 'finger') {
    const code = record[24] ?? 0;
    const named = FINGER_POSITIONS.find((f) => FINGER_POSITION_CODES[f] === code);
    return Math.max(0, ...(named ? [named] : FINGER_POSITIONS).map((f) => fingerScore(record, fingerTemplate(subject, f))));
  }
  const named = IRIS_POSITIONS.find((e) => IRIS_EYE_LABELS[e] === record[13]);
  return Math.max(0, ...(named ? [named] : IRIS_POSITIONS).map((e) => irisScore(record, irisTemplate(subject, e))));
}
