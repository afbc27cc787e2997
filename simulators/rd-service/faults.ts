/** Fault injection: by flag at start-up, or at run time through the control endpoint. */
export const FAULTS = ['timeout', '710', '720', '730', '740', '999', 'malformed', 'silent', 'slow', 'empty'] as const;
export type Fault = (typeof FAULTS)[number];

export function isFault(v: string): v is Fault {
  return (FAULTS as readonly string[]).includes(v);
}

/** Faults that apply to every verb; the others only to CAPTURE. */
export const TRANSPORT_FAULTS: readonly Fault[] = ['malformed', 'silent', 'slow'];

interface Armed {
  fault: Fault;
  /** Remaining uses; undefined = until cleared. */
  remaining: number | undefined;
}

export class FaultBox {
  private armed: Armed[] = [];

  set(fault: Fault, times?: number): void {
    this.armed = this.armed.filter((a) => a.fault !== fault);
    this.armed.push({ fault, remaining: times });
  }

  clear(): void {
    this.armed = [];
  }

  list(): Array<{ fault: Fault; remaining: number | null }> {
    return this.armed.map((a) => ({ fault: a.fault, remaining: a.remaining ?? null }));
  }

  /** Takes the first armed fault that applies to this verb, consuming one use. */
  take(verb: string): Fault | undefined {
    const hit = this.armed.find((a) => verb === 'CAPTURE' || TRANSPORT_FAULTS.includes(a.fault));
    if (!hit) return undefined;
    if (hit.remaining !== undefined && --hit.remaining <= 0) this.armed = this.armed.filter((a) => a !== hit);
    return hit.fault;
  }
}
