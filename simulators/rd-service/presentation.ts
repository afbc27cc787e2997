/**
 * Who is at the sensor. A real device reads the same person's finger or eye on
 * every try: captures differ by placement noise but match. The simulator keeps
 * a "presented subject" (start-up default, or set per capture through the
 * control endpoint) and derives each record from that subject's template
 * (src/devices/rd/pid/synthetic-biometrics.ts, shared with the UIDAI sandbox)
 * plus per-capture noise drawn from the simulator's seeded RNG.
 *
 * Quality: "good" = qScore 70-95 (a few minutiae lost or added, small jitter);
 * "poor" = 5-20 (most minutiae lost, large jitter: still errCode 0 with a low
 * qScore/nmPoints, as real services answer, and UIDAI will not match it);
 * "none" = no finger/eye placed: the service waits out the PidOptions timeout
 * and answers 700; or a number 1-100 for the qScore to aim at.
 */
import {
  FINGER_IMAGE, FINGER_POSITIONS, IRIS_POSITIONS, fingerTemplate, irisTemplate, isFingerPosition, isIrisPosition,
  type FingerPosition, type IrisPosition, type TemplateMinutia,
} from '../../src/devices/rd/pid/synthetic-biometrics';
import type { Rng } from './prng';

export type Quality = 'good' | 'poor' | 'none' | number;

export interface Presentation {
  subject: string;
  /** A finger or eye posh name; undefined = the one the request names, else the device's default order. */
  position?: FingerPosition | IrisPosition;
  quality: Quality;
}

export type PresentationInput = { subject?: unknown; position?: unknown; finger?: unknown; eye?: unknown; quality?: unknown; times?: unknown };

/** Validates a control-endpoint body; `fallbackSubject` keeps the current subject when none is given. */
export function readPresentation(json: PresentationInput, fallbackSubject: string): { ok: true; value: Presentation; times?: number } | { ok: false; error: string } {
  const subject = json.subject === undefined ? fallbackSubject : json.subject;
  if (typeof subject !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(subject)) return { ok: false, error: 'subject must be 1-64 letters, digits, ".", "_" or "-"' };
  const rawPos = json.position ?? json.finger ?? json.eye;
  if (rawPos !== undefined && (typeof rawPos !== 'string' || !(isFingerPosition(rawPos) || isIrisPosition(rawPos)))) {
    return { ok: false, error: `position must be one of ${[...FINGER_POSITIONS, ...IRIS_POSITIONS].join(', ')}` };
  }
  const quality = json.quality ?? 'good';
  if (!(quality === 'good' || quality === 'poor' || quality === 'none' || (typeof quality === 'number' && Number.isInteger(quality) && quality >= 1 && quality <= 100))) {
    return { ok: false, error: 'quality must be "good", "poor", "none" or a whole number 1-100' };
  }
  const times = json.times;
  if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) return { ok: false, error: 'times must be a whole number > 0' };
  const value: Presentation = { subject, quality, ...(rawPos ? { position: rawPos as FingerPosition | IrisPosition } : {}) };
  return { ok: true, value, ...(times ? { times } : {}) };
}

/** The standing presentation plus, in front of it, ones that last a given number of captures. */
export class PresentationBox {
  private queued: Array<{ p: Presentation; remaining: number }> = [];

  constructor(private standing: Presentation) {}

  set(p: Presentation, times?: number): void {
    if (times === undefined) {
      this.standing = p;
      this.queued = [];
    } else {
      this.queued.push({ p, remaining: times });
    }
  }

  current(): Presentation {
    return this.queued[0]?.p ?? this.standing;
  }

  /** What the next capture sees; consumes one use of a times-limited presentation. */
  take(): Presentation {
    const head = this.queued[0];
    if (!head) return this.standing;
    if (--head.remaining <= 0) this.queued.shift();
    return head.p;
  }

  describe(): Presentation & { queued: number } {
    return { ...this.current(), queued: this.queued.reduce((n, q) => n + q.remaining, 0) };
  }
}

/** The qScore of one record; "none" is handled before a record is made. */
export function drawQuality(q: Exclude<Quality, 'none'>, rng: Rng): number {
  if (q === 'good') return rng.int(70, 95);
  if (q === 'poor') return rng.int(5, 20);
  return q;
}

/** Default order a person offers fingers / eyes when the request says UNKNOWN. */
const FINGER_ORDER: FingerPosition[] = ['RIGHT_INDEX', 'RIGHT_MIDDLE', 'LEFT_INDEX', 'LEFT_MIDDLE', 'RIGHT_THUMB', 'LEFT_THUMB', 'RIGHT_RING', 'LEFT_RING', 'RIGHT_LITTLE', 'LEFT_LITTLE'];

/** Which finger or eye record `index` of a capture actually reads. */
export function presentedPosition(kind: 'finger' | 'iris', index: number, requested: string, p: Presentation, used: Set<string>): FingerPosition | IrisPosition {
  let pos: FingerPosition | IrisPosition | undefined;
  if (index === 0 && p.position && (kind === 'finger' ? isFingerPosition(p.position) : isIrisPosition(p.position))) pos = p.position;
  else if (kind === 'finger' && isFingerPosition(requested)) pos = requested;
  else if (kind === 'iris' && isIrisPosition(requested)) pos = requested;
  else pos = (kind === 'finger' ? FINGER_ORDER : IRIS_POSITIONS).find((x) => !used.has(x));
  pos ??= kind === 'finger' ? FINGER_ORDER[0]! : IRIS_POSITIONS[0]!;
  used.add(pos);
  return pos;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** A signed offset in [-max, max]. */
const jitter = (rng: Rng, max: number) => rng.int(0, 2 * max) - max;

export interface Impression {
  minutiae: Array<TemplateMinutia & { quality: number }>;
}

/**
 * One impression of a finger: each template minutia kept with probability
 * ~quality (half that below 40), moved by placement jitter (larger when quality is low), plus a few
 * spurious ones (dirt, creases), in the order the extractor found them.
 */
export function fingerImpression(subject: string, position: FingerPosition, quality: number, rng: Rng): Impression {
  const q = quality / 100;
  const maxShift = q >= 0.5 ? 4 : 10;
  const maxTurn = q >= 0.5 ? 4 : 12;
  const out: Impression['minutiae'] = [];
  // A badly placed finger (quality < 40) shows only a fragment: half as many minutiae again.
  const keepPerMille = Math.round((quality < 40 ? q / 2 : q) * 1000);
  for (const m of fingerTemplate(subject, position)) {
    if (rng.int(0, 999) >= keepPerMille) continue;
    out.push({
      type: m.type,
      x: clamp(m.x + jitter(rng, maxShift), 0, FINGER_IMAGE.width - 1),
      y: clamp(m.y + jitter(rng, maxShift), 0, FINGER_IMAGE.height - 1),
      angle: (m.angle + jitter(rng, maxTurn) + 256) % 256,
      quality: clamp(Math.round(quality + jitter(rng, 10)), 1, 100),
    });
  }
  const spurious = Math.round((1 - q) * 6);
  for (let i = 0; i < spurious; i++) {
    out.push({ type: rng.int(1, 2) as 1 | 2, x: rng.int(10, 490), y: rng.int(10, 540), angle: rng.int(0, 255), quality: rng.int(1, 40) });
  }
  // Fisher-Yates: an extractor reports minutiae in scan order, not template order.
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return { minutiae: out.slice(0, 255) };
}

/** One reading of an iris: the subject's iris code with bits flipped by noise (about half of (1 - quality)). */
export function irisImpression(subject: string, position: IrisPosition, quality: number, rng: Rng): Buffer {
  const code = irisTemplate(subject, position);
  const flipPerMille = Math.round((1 - quality / 100) * 500);
  for (let bit = 0; bit < code.length * 8; bit++) {
    if (rng.int(0, 999) < flipPerMille) code[bit >> 3]! ^= 1 << (bit & 7);
  }
  return code;
}
