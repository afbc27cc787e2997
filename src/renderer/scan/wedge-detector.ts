/**
 * Keyboard-wedge scans: a scanner in keyboard mode "types" 3,000+ characters far
 * faster than a person, ending with Enter. This pure detector sees each keydown
 * (key + event timestamp) and decides what happens to it:
 *   - 'pass'    : ordinary typing, let it through;
 *   - 'swallow' : part of a scan, must not reach any text field. On the key that
 *                 confirms a burst, `leaked` holds the characters that already
 *                 passed before it could be recognised (the hook removes them);
 *   - 'scan'    : Enter closed a burst: `text` is the scan;
 *   - 'rescan'  : a burst broke off (a long pause, no Enter): characters were
 *                 dropped, ask the agent to scan again.
 * `tick(now)` must be called while a burst is open (the hook does, on a timer).
 */
export interface WedgeOptions {
  /** Largest gap between two keys a scanner produces, ms (people type 80+ ms apart). */
  maxGapMs: number;
  /** Fast keys in a row before it counts as a scanner (keeps quick human pairs out). */
  confirmAfter: number;
  /** A burst with no key for this long, and no Enter, is broken. */
  idleMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 35, confirmAfter: 4, idleMs: 250 };

export type WedgeStep =
  | { action: 'pass' }
  | { action: 'swallow'; leaked?: string }
  | { action: 'scan'; text: string }
  | { action: 'rescan'; length: number };

const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta', 'NumLock']);

export class WedgeDetector {
  private buffer: string[] = [];
  private last = -Infinity;
  private confirmed = false;

  constructor(private readonly options: WedgeOptions = DEFAULT_WEDGE_OPTIONS) {}

  get inBurst(): boolean {
    return this.confirmed;
  }

  key(key: string, now: number): WedgeStep {
    if (MODIFIERS.has(key)) return this.confirmed ? { action: 'swallow' } : { action: 'pass' };
    const gap = now - this.last;
    if (key === 'Enter') {
      if (this.confirmed && gap <= this.options.idleMs) {
        const text = this.buffer.join('');
        this.reset();
        return { action: 'scan', text };
      }
      const wasBurst = this.confirmed;
      this.reset();
      return wasBurst ? { action: 'rescan', length: 0 } : { action: 'pass' };
    }
    if (key.length !== 1) {
      // Tab, arrows and the like: a scanner in the middle of a burst sends none we want.
      return this.confirmed ? { action: 'swallow' } : { action: 'pass' };
    }
    if (this.confirmed) {
      if (gap > this.options.idleMs) {
        // The old burst broke off; this key starts fresh.
        const length = this.buffer.length;
        this.reset();
        this.start(key, now);
        return { action: 'rescan', length };
      }
      this.buffer.push(key);
      this.last = now;
      return { action: 'swallow' };
    }
    if (gap > this.options.maxGapMs) {
      this.start(key, now);
      return { action: 'pass' };
    }
    this.buffer.push(key);
    this.last = now;
    if (this.buffer.length > this.options.confirmAfter) {
      this.confirmed = true;
      return { action: 'swallow', leaked: this.buffer.slice(0, -1).join('') };
    }
    return { action: 'pass' };
  }

  /** Ends a burst that went quiet without Enter. */
  tick(now: number): WedgeStep | null {
    if (this.confirmed && now - this.last > this.options.idleMs) {
      const length = this.buffer.length;
      this.reset();
      return { action: 'rescan', length };
    }
    if (!this.confirmed && this.buffer.length && now - this.last > this.options.maxGapMs) this.reset();
    return null;
  }

  reset(): void {
    this.buffer = [];
    this.last = -Infinity;
    this.confirmed = false;
  }

  private start(key: string, now: number): void {
    this.buffer = [key];
    this.last = now;
    this.confirmed = false;
  }
}
