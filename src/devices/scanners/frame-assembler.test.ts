import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameAssembler, type FrameEvent, type Terminator } from './frame-assembler';

/** A manual clock: the assembler's only side effect is its timer. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    timers: { set: (fn: () => void) => { pending.set(next, fn); return next++; }, clear: (h: unknown) => void pending.delete(h as number) },
    fire: () => { const fns = [...pending.values()]; pending.clear(); fns.forEach((f) => f()); },
    pending: () => pending.size,
  };
}

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function run(terminator: Terminator, chunks: string[], max?: number) {
  const t = manualTimers();
  const events: FrameEvent[] = [];
  const a = new FrameAssembler({ terminator, interCharTimeoutMs: 50, timers: t.timers, ...(max ? { maxFrameBytes: max } : {}) }, (e) => events.push(e));
  for (const c of chunks) a.push(bytes(c));
  return { events, t, a };
}

describe('FrameAssembler', () => {
  it('reassembles a payload split across chunks and ends it at CR', () => {
    const { events, t } = run('cr', ['1234', '5678', '90\r']);
    expect(events).toEqual([{ kind: 'frame', text: '1234567890', endedBy: 'terminator' }]);
    expect(t.pending()).toBe(0);
  });

  it('splits back-to-back scans in one chunk, and treats CR LF as one end with crlf', () => {
    expect(run('crlf', ['111\r\n222\r', '\n']).events.map((e) => e.kind === 'frame' && e.text)).toEqual(['111', '222']);
  });

  it('ends a frame on the inter-character timeout when the scanner sends no suffix', () => {
    const { events, t } = run('none', ['abc', 'def']);
    expect(events).toEqual([]);
    t.fire();
    expect(events).toEqual([{ kind: 'frame', text: 'abcdef', endedBy: 'timeout' }]);
  });

  it('drops an over-long frame as an overflow, then reads the next one', () => {
    const { events } = run('cr', ['x'.repeat(30) + '\r', 'ok\r'], 10);
    expect(events).toEqual([{ kind: 'overflow', bytes: 30 }, { kind: 'frame', text: 'ok', endedBy: 'terminator' }]);
  });

  it('any chunking of a payload gives the same single frame', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 400 }), fc.array(fc.nat(400), { maxLength: 20 }), (payload, cuts) => {
      const text = `${payload}\r`;
      const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
      const chunks: string[] = [];
      let prev = 0;
      for (const p of [...points, text.length]) {
        chunks.push(text.slice(prev, p));
        prev = p;
      }
      expect(run('cr', chunks).events).toEqual([{ kind: 'frame', text: payload, endedBy: 'terminator' }]);
    }), { numRuns: 200 });
  });
});
