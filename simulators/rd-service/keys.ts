/**
 * The simulator's committed TEST key material (see keys/generate.ts). Exported
 * so tests, the PID verifier's callers and the central API's UIDAI sandbox can
 * decrypt what the simulator encrypts. Never a real UIDAI or provider key.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'keys');
const cache = new Map<string, string>();
const read = (name: string) => {
  let v = cache.get(name);
  if (v === undefined) cache.set(name, (v = readFileSync(path.join(dir, name), 'utf8')));
  return v;
};

/** The private key matching the test "UIDAI" encryption certificate (for the PID verifier). */
export const testUidaiPrivateKeyPem = (): string => read('uidai-test.key.pem');
export const testUidaiCertPem = (): string => read('uidai-test.cert.pem');
export const providerCaCertPem = (): string => read('provider-ca.cert.pem');
export const providerCaKeyPem = (): string => read('provider-ca.key.pem');
export const deviceKeyPem = (modality: 'finger' | 'iris'): string => read(`device-${modality}.key.pem`);
export const tlsLoopbackKeyPem = (): string => read('tls-loopback.key.pem');
export const tlsLoopbackCertPem = (): string => read('tls-loopback.cert.pem');

/** `Skey@ci` for a certificate: its NotAfter as YYYYMMDD in GMT (reference §5.4 step 6). */
export function certificateIndex(certPem: string): string {
  return new Date(new X509Certificate(certPem).validTo).toISOString().slice(0, 10).replace(/-/g, '');
}

export function certificateNotAfter(certPem: string): Date {
  return new Date(new X509Certificate(certPem).validTo);
}
