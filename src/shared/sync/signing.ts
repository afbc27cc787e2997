/**
 * Kiosk request signing, shared so both sides build the same string. The
 * kiosk signs `canonicalRequest(...)` with its Ed25519 device key; the server
 * verifies with the public key it stored at enrolment, checks the time is
 * within the replay window and that the nonce is new.
 */
export const SIGNING_VERSION = 'VDEX1';
export const HEADER_DEVICE = 'x-vdex-device';
export const HEADER_TIME = 'x-vdex-time';
export const HEADER_NONCE = 'x-vdex-nonce';
export const HEADER_SIGNATURE = 'x-vdex-signature';
/** Every server answer carries its clock, so a skewed kiosk can correct itself. */
export const HEADER_SERVER_TIME = 'x-vdex-server-time';
/** How far a request's time may be from the server's, either way. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export interface SignedRequestParts {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** SHA-256 hex of the exact body bytes ("" for none). */
  bodySha256: string;
  /** Milliseconds since the epoch, as a decimal string. */
  time: string;
  nonce: string;
  deviceId: string;
}

export function canonicalRequest(p: SignedRequestParts): string {
  return [SIGNING_VERSION, p.method.toUpperCase(), p.path, p.bodySha256, p.time, p.nonce, p.deviceId].join('\n');
}

/**
 * JSON with object keys sorted, so the same item hashes the same on both sides
 * whatever order its keys were built in (hand-written: ten lines, no library
 * does exactly this without pulling in more).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Plain loops and one string: the server hashes every item of every batch with this (it was ~10% of its CPU).
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort: UTF-16 code unit order, the same as comparing the keys with <.
  const keys = Object.keys(record).sort();
  out = '{';
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}
