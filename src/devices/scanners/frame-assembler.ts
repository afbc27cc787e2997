/**
 * Reassembles one scan from the chunks a serial (CDC-ACM) scanner sends: a frame
 * ends at a terminator byte, or when the line goes quiet for the inter-character
 * timeout (scanners configured without a suffix). Pure apart from the timer,
 * which is injectable for tests.
 */
export type Terminator = 'cr' | 'lf' | 'crlf' | 'none';

export interface FrameAssemblerOptions {
  terminator: Terminator;
  /** Quiet time that ends a frame, ms. */
  interCharTimeoutMs: number;
  /** Larger frames are dropped (a Secure QR is at most 7,089 digits plus framing). */
  maxFrameBytes?: number;
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export type FrameEvent = { kind: 'frame'; text: string; endedBy: 'terminator' | 'timeout' } | { kind: 'overflow'; bytes: number };

const TERMINATOR_BYTES: Record<Terminator, number[]> = { cr: [13], lf: [10], crlf: [13, 10], none: [] };

export class FrameAssembler {
  private buffer: number[] = [];
  private overflowed = 0;
  private timer: unknown = null;
  private readonly ends: Set<number>;
  private readonly max: number;
  private readonly timers: NonNullable<FrameAssemblerOptions['timers']>;

  constructor(private readonly options: FrameAssemblerOptions, private readonly onEvent: (e: FrameEvent) => void) {
    this.ends = new Set(TERMINATOR_BYTES[options.terminator]);
    this.max = options.maxFrameBytes ?? 16 * 1024;
    this.timers = options.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as NodeJS.Timeout) };
  }

  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (this.ends.has(byte)) {
        this.flush('terminator');
        continue;
      }
      if (this.buffer.length >= this.max) {
        this.overflowed++;
        continue;
      }
      this.buffer.push(byte);
    }
    this.armTimer();
  }

  private armTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    if (this.buffer.length === 0 && this.overflowed === 0) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.flush('timeout');
    }, this.options.interCharTimeoutMs);
  }

  private flush(endedBy: 'terminator' | 'timeout'): void {
    if (this.overflowed > 0) {
      const bytes = this.buffer.length + this.overflowed;
      this.buffer = [];
      this.overflowed = 0;
      this.onEvent({ kind: 'overflow', bytes });
      return;
    }
    if (this.buffer.length === 0) return;
    // Scanners send ASCII/Latin-1; decoding byte by byte keeps it exact.
    const text = String.fromCharCode(...this.buffer);
    this.buffer = [];
    this.onEvent({ kind: 'frame', text, endedBy });
  }

  /** Stops the timer and drops any partial frame. */
  close(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.buffer = [];
    this.overflowed = 0;
  }
}
