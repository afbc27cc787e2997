/**
 * Synthetic biometrics: the one documented derivation of a person's finger
 * minutiae and iris code from (subject, position). Two peers use it and must
 * agree: the RD simulator (what a presented person's finger or eye yields,
 * before per-capture noise) and the UIDAI sandbox (each test resident's
 * enrolled reference template). Never used by the kiosk itself.
 *
 * Why here: server/ may import src/shared and src/devices/rd (it already
 * imports the PID verifier beside this file); simulators/ may import src/; but
 * src/ may never import simulators/ and src/shared may not use node:crypto.
 *
 * Derivation (version 1): a byte stream HMAC-SHA256(key = "vdex-synthetic-biometric-v1",
 * msg = subject NUL position NUL counter) for counter = 0, 1, ...
 *  - finger: n = 38 + (u16 % 18) minutiae; each takes type (1 ridge ending / 2 bifurcation),
 *    x in [20, 480), y in [20, 530), angle in [0, 256) from the stream, redrawn while closer
 *    than MIN_SPACING px to one already placed (so noise never makes two of them ambiguous);
 *  - iris: a 2048-bit (256-byte) iris code, the first 256 bytes of the stream.
 * Pure and deterministic: the same subject and position always give the same template.
 */
import { createHmac } from 'node:crypto';

/** ISO/IEC 19794-2 finger position codes (1-10); 0 = unknown. */
export const FINGER_POSITION_CODES = {
  UNKNOWN: 0, RIGHT_THUMB: 1, RIGHT_INDEX: 2, RIGHT_MIDDLE: 3, RIGHT_RING: 4, RIGHT_LITTLE: 5,
  LEFT_THUMB: 6, LEFT_INDEX: 7, LEFT_MIDDLE: 8, LEFT_RING: 9, LEFT_LITTLE: 10,
} as const;
/** ISO/IEC 19794-6 eye labels; 0 = undefined. */
export const IRIS_EYE_LABELS = { UNKNOWN: 0, RIGHT_IRIS: 1, LEFT_IRIS: 2 } as const;

export type FingerPosition = Exclude<keyof typeof FINGER_POSITION_CODES, 'UNKNOWN'>;
export type IrisPosition = Exclude<keyof typeof IRIS_EYE_LABELS, 'UNKNOWN'>;
export const FINGER_POSITIONS = Object.keys(FINGER_POSITION_CODES).filter((k) => k !== 'UNKNOWN') as FingerPosition[];
export const IRIS_POSITIONS: IrisPosition[] = ['RIGHT_IRIS', 'LEFT_IRIS'];

export const isFingerPosition = (v: string): v is FingerPosition => (FINGER_POSITIONS as string[]).includes(v);
export const isIrisPosition = (v: string): v is IrisPosition => (IRIS_POSITIONS as string[]).includes(v);

/**
 * The subject the uidai-sandbox's first test resident (Rahul Kumar Sharma) is
 * enrolled with, and the one demo mode's simulators present, so a newcomer's
 * first fingerprint or iris onboarding with that resident matches.
 */
export const DEMO_SUBJECT = 'rahul-sharma';

/** Image area of the synthetic FMR (500 dpi sensor, 500 x 550 px). */
export const FINGER_IMAGE = { width: 500, height: 550 } as const;
export const IRIS_CODE_BYTES = 256;
/** Template minutiae are at least this far apart (px). */
export const MIN_SPACING = 28;

export interface TemplateMinutia {
  /** 1 = ridge ending, 2 = bifurcation (ISO 19794-2 type bits). */
  type: 1 | 2;
  x: number;
  y: number;
  /** Units of 360/256 degrees. */
  angle: number;
}

function stream(subject: string, position: string): (n: number) => Buffer {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return (n) => {
    while (pool.length < n) {
      const block = createHmac('sha256', 'vdex-synthetic-biometric-v1').update(`${subject}\0${position}\0${counter++}`).digest();
      pool = Buffer.concat([pool, block]);
    }
    const out = pool.subarray(0, n);
    pool = pool.subarray(n);
    return out;
  };
}

/** The enrolled minutiae of `subject`'s finger at `position` (derivation above). */
export function fingerTemplate(subject: string, position: FingerPosition): TemplateMinutia[] {
  const next = stream(subject, position);
  const u16 = () => next(2).readUInt16BE(0);
  const count = 38 + (u16() % 18);
  const out: TemplateMinutia[] = [];
  // Bounded: a 460 x 510 area holds far more than 56 points 28 px apart; 64 draws per point is ample.
  for (let tries = 0; out.length < count && tries < count * 64; tries++) {
    const m: TemplateMinutia = { type: (u16() % 2) + 1 as 1 | 2, x: 20 + (u16() % 460), y: 20 + (u16() % 510), angle: u16() % 256 };
    if (out.every((o) => Math.hypot(o.x - m.x, o.y - m.y) >= MIN_SPACING)) out.push(m);
  }
  return out;
}

/** The enrolled 2048-bit iris code of `subject`'s eye at `position`. */
export function irisTemplate(subject: string, position: IrisPosition): Buffer {
  return Buffer.from(stream(subject, position)(IRIS_CODE_BYTES));
}
