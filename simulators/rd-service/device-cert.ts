/** Issues the device certificate `mc`: the device key signed by the simulator provider CA, with configurable validity. */
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { deviceKeyPem, providerCaCertPem, providerCaKeyPem } from './keys';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;

export interface DeviceCertOptions {
  modality: 'finger' | 'iris';
  dc: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
}

/** Returns `mc`: base64 DER, no line breaks. */
export async function issueDeviceCertificate(o: DeviceCertOptions): Promise<string> {
  const subtle = webcrypto.subtle;
  const caKey = await subtle.importKey('pkcs8', createPrivateKey(providerCaKeyPem()).export({ type: 'pkcs8', format: 'der' }), alg, false, ['sign']);
  const devicePub = await subtle.importKey('spki', createPublicKey(deviceKeyPem(o.modality)).export({ type: 'spki', format: 'der' }), alg, true, ['verify']);
  const issuer = new x509.X509Certificate(providerCaCertPem());
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: o.serialHex,
    subject: `CN=VDEXSIM device ${o.dc}, O=V-DEX Simulator (not a real device)`,
    issuer: issuer.subject,
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    signingAlgorithm: alg,
    publicKey: devicePub as unknown as CryptoKey,
    signingKey: caKey as unknown as CryptoKey,
  });
  return Buffer.from(cert.rawData).toString('base64');
}

export function validityWindow(now: Date, validityDays: number): { notBefore: Date; notAfter: Date } {
  // Negative validity days produce an already-expired certificate.
  return validityDays > 0
    ? { notBefore: new Date(now.getTime() - DAY_MS), notAfter: new Date(now.getTime() + validityDays * DAY_MS) }
    : { notBefore: new Date(now.getTime() + (validityDays - 30) * DAY_MS), notAfter: new Date(now.getTime() + Math.min(validityDays, -1) * DAY_MS) };
}
