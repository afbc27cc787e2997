/**
 * The simulator's own reading of PidOptions: lenient XML, strict semantics with
 * the RD codes of reference §4.2/§4.4. Written independently of the kiosk's
 * builder so the two cannot agree by construction.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SimModality } from './personalities';

export interface CaptureRequest {
  fCount: number;
  fType: number;
  iCount: number;
  iType: number;
  pCount: number;
  format: number;
  timeout: number;
  env: string;
  wadh: string;
  otp: string;
  posh: string[];
}

export type OptionsOutcome = { ok: true; value: CaptureRequest } | { ok: false; errCode: string; errInfo: string };

const POSH = new Set(['LEFT_IRIS', 'RIGHT_IRIS', 'LEFT_INDEX', 'LEFT_LITTLE', 'LEFT_MIDDLE', 'LEFT_RING', 'LEFT_THUMB', 'RIGHT_INDEX', 'RIGHT_LITTLE', 'RIGHT_MIDDLE', 'RIGHT_RING', 'RIGHT_THUMB', 'FACE', 'UNKNOWN']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, parseAttributeValue: false });
const fail = (errCode: string, errInfo: string): OptionsOutcome => ({ ok: false, errCode, errInfo });

export function readCaptureOptions(body: string, modality: SimModality, envOnlyP: boolean): OptionsOutcome {
  if (!body.trim() || XMLValidator.validate(body.trim()) !== true) return fail('100', 'Invalid PidOptions');
  const doc = parser.parse(body.trim()) as Record<string, { Opts?: Record<string, string> } | undefined>;
  const opts = doc.PidOptions?.Opts;
  if (!opts || typeof opts !== 'object') return fail('100', 'Invalid PidOptions');
  const num = (name: string, dflt: number) => {
    const v = opts[name];
    if (v === undefined || v === '') return dflt;
    return /^\d{1,7}$/.test(String(v)) ? Number(v) : NaN;
  };
  const fCount = num('fCount', 0);
  const fType = num('fType', 0);
  const iCount = num('iCount', 0);
  const iType = num('iType', 0);
  const pCount = num('pCount', 0);
  const format = num('format', NaN);
  const timeout = num('timeout', 10000);
  const pidVer = String(opts.pidVer ?? '');
  const env = String(opts.env ?? '') || 'P';
  if (!(fCount >= 0 && fCount <= 10)) return fail('120', 'Invalid fCount');
  if (![0, 1].includes(fType)) return fail('110', 'Invalid fType');
  if (!(iCount >= 0 && iCount <= 2)) return fail('140', 'Invalid iCount');
  if (iType !== 0) return fail('130', 'Invalid iType');
  if (!(pCount >= 0 && pCount <= 1)) return fail('100', 'Invalid pCount');
  if (pCount > 0) return fail('180', 'Face matching not supported');
  if (pidVer !== '2.0') return fail('150', 'Invalid pidVer');
  if (format === 1) return fail('210', 'Protobuf format not supported');
  if (format !== 0) return fail('190', 'Invalid format');
  if (!(timeout > 0)) return fail('160', 'Invalid timeout');
  if (!['P', 'PP', 'S'].includes(env) || (envOnlyP && env !== 'P')) return fail('100', 'Invalid env');
  if (fCount + iCount === 0) return fail('100', 'Nothing to capture');
  if (modality === 'iris' && fCount > 0) return fail('750', 'RD service does not support fingerprint');
  if (modality === 'finger' && iCount > 0) return fail('760', 'RD service does not support iris');
  const posh = String(opts.posh ?? '').trim() === '' ? ['UNKNOWN'] : String(opts.posh).split(',').map((s) => s.trim());
  if (posh.some((p) => !POSH.has(p)) || new Set(posh).size !== posh.length) return fail('170', 'Invalid posh');
  if (posh.includes('UNKNOWN') ? posh.length !== 1 : posh.length !== fCount + iCount) return fail('170', 'Invalid posh');
  return { ok: true, value: { fCount, fType, iCount, iType, pCount, format, timeout, env, wadh: String(opts.wadh ?? ''), otp: String(opts.otp ?? ''), posh } };
}
