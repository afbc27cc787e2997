/**
 * Generates the simulator's TEST key material once; the PEMs are committed so the
 * simulator, the PID verifier and the central API's UIDAI sandbox (another
 * process) agree on the same "UIDAI" key. Every name says SIMULATED: none of
 * these keys or certificates belongs to UIDAI or to a device provider.
 * Run: npx tsx simulators/rd-service/keys/generate.ts (overwrites the files).
 */
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);
const dir = path.dirname(fileURLToPath(import.meta.url));
const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function rsa() {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}

async function importPair(pair: { publicKey: string; privateKey: string }): Promise<CryptoKeyPair> {
  const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  return {
    privateKey: await webcrypto.subtle.importKey('pkcs8', der(pair.privateKey), alg, true, ['sign']) as unknown as CryptoKey,
    publicKey: await webcrypto.subtle.importKey('spki', der(pair.publicKey), alg, true, ['verify']) as unknown as CryptoKey,
  };
}

async function selfSigned(name: string, pair: { publicKey: string; privateKey: string }, notBefore: Date, notAfter: Date, ca: boolean, san?: string) {
  const keys = await importPair(pair);
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(ca, undefined, true)];
  if (san) extensions.push(new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: san }, { type: 'dns', value: 'localhost' }]));
  const cert = await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: '01', name, notBefore, notAfter, signingAlgorithm: alg, keys, extensions });
  return cert.toString('pem');
}

const uidai = rsa();
// Like UIDAI's staging certificates: self-signed RSA-2048, 5-year validity, expiry date in the CN.
writeFileSync(path.join(dir, 'uidai-test.key.pem'), uidai.privateKey);
writeFileSync(path.join(dir, 'uidai-test.cert.pem'), await selfSigned('CN=SIMULATED UIDAI TEST ENCRYPTION 31122030, O=V-DEX Simulator (not UIDAI)', uidai, new Date('2026-01-01T00:00:00Z'), new Date('2030-12-31T23:59:59Z'), false));
const ca = rsa();
writeFileSync(path.join(dir, 'provider-ca.key.pem'), ca.privateKey);
writeFileSync(path.join(dir, 'provider-ca.cert.pem'), await selfSigned('CN=SIMULATED DS V-DEX RD PROVIDER CA, O=V-DEX Simulator (not a device provider)', ca, new Date('2026-01-01T00:00:00Z'), new Date('2036-01-01T00:00:00Z'), true));
for (const m of ['finger', 'iris']) writeFileSync(path.join(dir, `device-${m}.key.pem`), rsa().privateKey);
const tls = rsa();
writeFileSync(path.join(dir, 'tls-loopback.key.pem'), tls.privateKey);
writeFileSync(path.join(dir, 'tls-loopback.cert.pem'), await selfSigned('CN=127.0.0.1, O=V-DEX Simulator', tls, new Date('2026-01-01T00:00:00Z'), new Date('2036-01-01T00:00:00Z'), false, '127.0.0.1'));
process.stdout.write(`wrote test keys to ${dir}\n`);
