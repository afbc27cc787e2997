/**
 * `vdex qr decode|ekyc|forge`: Secure QR / legacy XML QR decoding and verification,
 * offline e-KYC ZIP checks, and the test-vector forge. Output never carries a full
 * Aadhaar number, the share code or photo bytes: the number is masked to its last
 * 4 digits and the photo is reported by width and height only.
 * Failures exit 1 with a stable code (E_QR_DIGITS, E_QR_INFLATE, E_QR_INFLATE_LIMIT,
 * E_QR_LAYOUT, E_QR_SIGNATURE, E_QR_FORMAT, E_QR_XML, E_EKYC_*).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KioskError, toErrorData } from '../../shared/errors';
import { maskId } from '../../shared/validators/aadhaar';
import type { QrVerification } from '../../shared/ipc/qr';
import { loadTrustStore, openOfflineEkyc, verifyScan } from '../../devices/qr';
import { forgeEkycZip } from '../../../simulators/qr-forge/ekyc';
import { forgeSecureQr, type ForgeLayout, type ForgeTamper } from '../../../simulators/qr-forge/secure-qr';
import { report, type CliCommand, type CliIo } from '../command';

const usage = [
  'vdex qr decode [--file F] [--cert PEM ...] [--only-certs] [--mobile M] [--email E] [--json]   (scanned text from F or stdin)',
  '       vdex qr ekyc --file ZIP --share-code CODE [--cert PEM ...] [--only-certs] [--max-age-days 3] [--mobile M] [--email E] [--json]',
  '       vdex qr forge [--layout no-version|v2|v4] [--tamper flip|truncate|wrong-key|oversize|bomb] [--mobile M] [--email E] [--timestamp ISO] [--out F]',
  '       vdex qr forge --ekyc --share-code CODE --out F.zip [--mobile M] [--email E] [--timestamp ISO]',
].join('\n');

/** The CLI summary of a verification: the number masked, the photo as its size only. */
export function summarise(r: QrVerification): Record<string, unknown> {
  if (r.format === 'secure-qr') {
    return {
      format: r.format, layout: r.layout, version: r.version === null ? null : `V${r.version}`, verified: r.verified,
      signer: { subject: r.signer.subject, file: r.signer.id, validFrom: r.signer.validFrom, validTo: r.signer.validTo, validAtTimestamp: r.signer.validAtTimestamp },
      aadhaarMasked: maskId(`00000000${r.reference.last4}`), reference: { last4: r.reference.last4, timestamp: r.reference.timestamp },
      emailMobileIndicator: r.indicator, fields: r.fields, contact: r.contact,
      photo: r.photo ? { width: r.photo.width, height: r.photo.height } : null, warnings: r.warnings,
    };
  }
  return { format: r.format, verified: false, trust: r.trust, aadhaarMasked: r.aadhaarMasked, aadhaarValid: r.aadhaarValid, fields: r.fields, warnings: r.warnings };
}

function trustFrom(certs: string[] | undefined, only: boolean | undefined) {
  return loadTrustStore({ bundled: !only, files: certs ?? [] });
}

async function decode(rest: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: rest, options: {
    json: { type: 'boolean' }, file: { type: 'string' }, cert: { type: 'string', multiple: true }, 'only-certs': { type: 'boolean' },
    mobile: { type: 'string' }, email: { type: 'string' },
  } });
  const json = values.json ?? false;
  try {
    const text = values.file ? readFileSync(values.file, 'latin1') : await io.readStdin();
    const result = await verifyScan(text, {
      trust: trustFrom(values.cert, values['only-certs']), source: 'cli',
      ...(values.mobile ? { mobile: values.mobile } : {}), ...(values.email ? { email: values.email } : {}),
    });
    const summary = summarise(result);
    const f = result.fields;
    const textOut = [
      `format     ${result.format}${result.format === 'secure-qr' ? ` (${summary.version ?? 'no version field'})` : ''}`,
      `verified   ${result.verified ? `yes, by ${result.format === 'secure-qr' ? `${result.signer.subject} (${result.signer.id}), valid at QR time: ${result.signer.validAtTimestamp}` : ''}` : 'NO: unsigned, not verifiable'}`,
      `aadhaar    ${summary.aadhaarMasked ?? '-'}`,
      `name       ${f.name}`, `dob        ${f.dob}`, `gender     ${f.gender}`,
      ...(result.format === 'secure-qr' ? [`photo      ${result.photo ? `${result.photo.width}x${result.photo.height}` : 'not decoded'}`, `mobile     ${result.contact.mobile.status}`, `email      ${result.contact.email.status}`] : []),
    ].join('\n');
    return report(io, json, { ok: true, value: summary, text: textOut });
  } catch (e) {
    if (e instanceof KioskError && e.code === 'E_QR_CERT') return report(io, json, { ok: false, error: e.toData() });
    return report(io, json, { ok: false, error: toErrorData(e) });
  }
}

async function ekyc(rest: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: rest, options: {
    json: { type: 'boolean' }, file: { type: 'string' }, 'share-code': { type: 'string' }, cert: { type: 'string', multiple: true },
    'only-certs': { type: 'boolean' }, 'max-age-days': { type: 'string' }, mobile: { type: 'string' }, email: { type: 'string' },
  } });
  if (!values.file || !values['share-code']) throw new KioskError('E_CLI_USAGE', `--file and --share-code are required\nUsage: ${usage}`);
  const json = values.json ?? false;
  try {
    const r = await openOfflineEkyc(readFileSync(values.file), {
      trust: trustFrom(values.cert, values['only-certs']), shareCode: values['share-code'],
      ...(values['max-age-days'] ? { maxAgeDays: Number(values['max-age-days']) } : {}),
      ...(values.mobile ? { mobile: values.mobile } : {}), ...(values.email ? { email: values.email } : {}),
    });
    const value = { ...r, aadhaarMasked: maskId(`00000000${r.reference.last4}`), photo: r.photo ? { mime: r.photo.mime, bytes: r.photo.bytes } : null };
    return report(io, json, { ok: true, value, text: `verified by ${r.signer.subject} (${r.signer.id}); ${r.fields.name}; made ${r.ageHours} h ago` });
  } catch (e) {
    return report(io, json, { ok: false, error: toErrorData(e) });
  }
}

async function forge(rest: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: rest, options: {
    json: { type: 'boolean' }, layout: { type: 'string' }, tamper: { type: 'string' }, mobile: { type: 'string' }, email: { type: 'string' },
    timestamp: { type: 'string' }, out: { type: 'string' }, ekyc: { type: 'boolean' }, 'share-code': { type: 'string' }, last4: { type: 'string' },
  } });
  const timestamp = values.timestamp ? new Date(values.timestamp) : undefined;
  if (timestamp && Number.isNaN(timestamp.getTime())) throw new KioskError('E_CLI_USAGE', '--timestamp must be an ISO date');
  if (values.last4 && !/^\d{4}$/.test(values.last4)) throw new KioskError('E_CLI_USAGE', '--last4 must be 4 digits');
  const common = { ...(values.mobile ? { mobile: values.mobile } : {}), ...(values.email ? { email: values.email } : {}), ...(timestamp ? { timestamp } : {}), ...(values.last4 ? { last4: values.last4 } : {}) };
  if (values.ekyc) {
    if (!values['share-code'] || !values.out) throw new KioskError('E_CLI_USAGE', `--ekyc needs --share-code and --out\nUsage: ${usage}`);
    const zip = await forgeEkycZip({ shareCode: values['share-code'], ...common });
    writeFileSync(values.out, zip);
    return report(io, values.json ?? false, { ok: true, value: { out: values.out, bytes: zip.length }, text: `wrote ${values.out} (${zip.length} bytes)` });
  }
  const layout = (values.layout ?? 'v2') as ForgeLayout;
  if (!['no-version', 'v2', 'v4'].includes(layout)) throw new KioskError('E_CLI_USAGE', '--layout must be no-version, v2 or v4');
  const tamper = values.tamper as ForgeTamper | undefined;
  if (tamper && !['flip', 'truncate', 'wrong-key', 'oversize', 'bomb'].includes(tamper)) throw new KioskError('E_CLI_USAGE', '--tamper must be flip, truncate, wrong-key, oversize or bomb');
  const digits = forgeSecureQr({ layout, ...(tamper ? { tamper } : {}), ...common });
  if (values.out) writeFileSync(values.out, digits);
  if (values.json) return report(io, true, { ok: true, value: { layout, tamper: tamper ?? null, digits: digits.length, ...(values.out ? { out: values.out } : { qr: digits }) } });
  io.out(values.out ? `wrote ${values.out} (${digits.length} digits)` : digits);
  return 0;
}

export const qrCommand: CliCommand = {
  name: 'qr',
  summary: 'Aadhaar QR: decode and verify a scan, check an offline e-KYC ZIP, forge signed test vectors',
  usage,
  async run(args, io) {
    const [verb, ...rest] = args;
    if (verb === 'decode') return decode(rest, io);
    if (verb === 'ekyc') return ekyc(rest, io);
    if (verb === 'forge') return forge(rest, io);
    throw new KioskError('E_CLI_USAGE', `unknown verb "${verb ?? ''}"\nUsage: ${usage}`);
  },
};
