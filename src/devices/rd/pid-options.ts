/**
 * Typed PidOptions builder (reference §4.2). Every attribute is validated here,
 * so a bad option is a clear kiosk error (E_RD_BAD_OPTIONS naming the field)
 * instead of an opaque 100-series code from the vendor service.
 */
import { KioskError } from '../../shared/errors';
import { escapeAttr } from './xml';

export const POSH_VALUES = [
  'LEFT_IRIS', 'RIGHT_IRIS', 'LEFT_INDEX', 'LEFT_LITTLE', 'LEFT_MIDDLE', 'LEFT_RING', 'LEFT_THUMB',
  'RIGHT_INDEX', 'RIGHT_LITTLE', 'RIGHT_MIDDLE', 'RIGHT_RING', 'RIGHT_THUMB', 'FACE', 'UNKNOWN',
] as const;
export type Posh = (typeof POSH_VALUES)[number];
export type RdEnv = 'P' | 'PP' | 'S';

export interface PidOptionsInput {
  fCount?: number;
  /** 0 FMR, 1 FIR, 2 both (not in Rev 1; some services refuse it with 110). */
  fType?: 0 | 1 | 2;
  iCount?: number;
  iType?: 0;
  pCount?: number;
  pType?: 0;
  /** 0 XML (default), 1 Protobuf. */
  format?: 0 | 1;
  pidVer?: '2.0';
  /** Capture timeout in ms. */
  timeout?: number;
  env?: RdEnv;
  /** base64 SHA-256 from the backend for eKYC; '' for plain auth. */
  wadh?: string;
  /** Positions, one per record, or UNKNOWN for any. */
  posh?: readonly Posh[];
  /** Resident OTP for two-factor captures ('' when none). */
  otp?: string;
  /** Vendor options from configuration only. */
  custOpts?: Readonly<Record<string, string>>;
}

export interface PidOptions extends Required<Omit<PidOptionsInput, 'custOpts' | 'posh'>> {
  posh: readonly Posh[];
  custOpts: Readonly<Record<string, string>>;
}

export const TIMEOUT_MIN_MS = 1_000;
export const TIMEOUT_MAX_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 15_000;

function bad(field: string, message: string): never {
  throw new KioskError('E_RD_BAD_OPTIONS', `Capture option ${field}: ${message}`, { field });
}

function int(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(field, `must be a whole number from ${min} to ${max}`);
  return v;
}

function oneOf<T>(field: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) bad(field, `must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** Validates and completes the options (defaults: format 0, pidVer 2.0, timeout 15 s, env P, posh UNKNOWN). */
export function validatePidOptions(input: PidOptionsInput): PidOptions {
  if (typeof input !== 'object' || input === null) bad('options', 'must be an object');
  const fCount = int('fCount', input.fCount ?? 0, 0, 10);
  const iCount = int('iCount', input.iCount ?? 0, 0, 2);
  const pCount = int('pCount', input.pCount ?? 0, 0, 1);
  const fType = oneOf('fType', input.fType ?? 0, [0, 1, 2] as const);
  const iType = oneOf('iType', input.iType ?? 0, [0] as const);
  const pType = oneOf('pType', input.pType ?? 0, [0] as const);
  const format = oneOf('format', input.format ?? 0, [0, 1] as const);
  const pidVer = oneOf('pidVer', input.pidVer ?? '2.0', ['2.0'] as const);
  const timeout = int('timeout', input.timeout ?? DEFAULT_TIMEOUT_MS, TIMEOUT_MIN_MS, TIMEOUT_MAX_MS);
  const env = oneOf('env', input.env ?? 'P', ['P', 'PP', 'S'] as const);
  const families = [fCount, iCount, pCount].filter((c) => c > 0).length;
  if (fCount + iCount === 0) bad('fCount/iCount', 'ask for at least one finger or iris (face cannot be captured alone)');
  if (families > 2) bad('fCount/iCount/pCount', 'at most two modalities in one capture');
  const wadh = input.wadh ?? '';
  if (typeof wadh !== 'string' || (wadh !== '' && !/^[A-Za-z0-9+/]{43}=$/.test(wadh))) bad('wadh', "must be empty or the backend's base64 SHA-256 (44 characters)");
  const otp = input.otp ?? '';
  if (typeof otp !== 'string' || (otp !== '' && !/^\d{6,8}$/.test(otp))) bad('otp', 'must be empty or 6 to 8 digits');
  const posh = input.posh ?? ['UNKNOWN'];
  if (!Array.isArray(posh) || posh.length === 0) bad('posh', 'must list at least one position');
  for (const p of posh) oneOf('posh', p, POSH_VALUES);
  if (new Set(posh).size !== posh.length) bad('posh', 'must not repeat a position');
  if (posh.includes('UNKNOWN') && posh.length > 1) bad('posh', 'UNKNOWN cannot be mixed with named positions');
  if (!posh.includes('UNKNOWN') && posh.length !== fCount + iCount + pCount) bad('posh', 'must name one position per requested record');
  const custOpts = input.custOpts ?? {};
  if (typeof custOpts !== 'object' || custOpts === null) bad('custOpts', 'must be name/value pairs');
  for (const [k, v] of Object.entries(custOpts)) {
    if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(k) || typeof v !== 'string' || v.length > 256) bad('custOpts', `bad entry ${JSON.stringify(k.slice(0, 64))}`);
  }
  return { fCount, fType, iCount, iType, pCount, pType, format, pidVer, timeout, env, wadh, otp, posh, custOpts };
}

/** The PidOptions XML body for CAPTURE. */
export function buildPidOptionsXml(input: PidOptionsInput): string {
  const o = validatePidOptions(input);
  const a = (name: string, v: string | number) => `${name}="${escapeAttr(String(v))}"`;
  const opts = [
    a('fCount', o.fCount), a('fType', o.fType), a('iCount', o.iCount), a('iType', o.iType), a('pCount', o.pCount), a('pType', o.pType),
    a('format', o.format), a('pidVer', o.pidVer), a('timeout', o.timeout), a('otp', o.otp), a('wadh', o.wadh), a('posh', o.posh.join(',')), a('env', o.env),
  ].join(' ');
  const cust = Object.entries(o.custOpts);
  const custXml = cust.length ? `<CustOpts>${cust.map(([k, v]) => `<Param ${a('name', k)} ${a('value', v)}/>`).join('')}</CustOpts>` : '';
  return `<?xml version="1.0"?><PidOptions ver="1.0"><Opts ${opts}/>${custXml}</PidOptions>`;
}
