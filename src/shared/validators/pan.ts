/**
 * PAN: 5 letters, 4 digits, 1 letter; the 4th letter is the holder type
 * (P person, C company, H HUF, F firm, A AOP, T trust, B BOI, L local authority, J artificial juridical person, G government).
 */
export const PAN_HOLDER_TYPES = { P: 'person', C: 'company', H: 'huf', F: 'firm', A: 'aop', T: 'trust', B: 'boi', L: 'local-authority', J: 'artificial-juridical-person', G: 'government' } as const;
export type PanHolderType = (typeof PAN_HOLDER_TYPES)[keyof typeof PAN_HOLDER_TYPES];

export function normalisePan(input: string): string {
  return input.replace(/\s/g, '').toUpperCase();
}

export function checkPan(input: string): { ok: true; pan: string; holderType: PanHolderType } | { ok: false; reason: 'format' | 'holder-type' } {
  const pan = normalisePan(input);
  if (!/^[A-Z]{5}\d{4}[A-Z]$/.test(pan)) return { ok: false, reason: 'format' };
  const type = PAN_HOLDER_TYPES[pan[3] as keyof typeof PAN_HOLDER_TYPES];
  return type ? { ok: true, pan, holderType: type } : { ok: false, reason: 'holder-type' };
}

/** "XXXXX1234X": the digits stay for the agent to confirm, the name-derived letters do not. */
export function maskPan(pan: string): string {
  const p = normalisePan(pan);
  return p.length === 10 ? `XXXXX${p.slice(5)}` : 'XXXXXXXXXX';
}
