/**
 * The pinned UIDAI certificates. Keys are never taken from the scanned data and
 * never fetched at scan time. Bundled certificates ship in resources/uidai-certs;
 * a newer one is added by configuration (a folder or file list) without a release.
 * Old certificates stay: a 2019 card still verifies under the 2017-2020 key.
 */
import { X509Certificate, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KioskError } from '../../shared/errors';
import { QrErrorCode } from './errors';

export type CertOrigin = 'bundled' | 'configured' | 'explicit';

export interface PinnedCert {
  /** File name (or a caller's label): what the audit trail records. */
  id: string;
  origin: CertOrigin;
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
  fingerprint256: string;
  key: KeyObject;
  /** PEM text, for XMLDSig libraries that take a certificate string. */
  pem: string;
}

function commonName(dn: string): string {
  const cn = dn.split('\n').find((l) => l.startsWith('CN='));
  return cn ? cn.slice(3) : dn.replace(/\n/g, ', ');
}

export function parseCertificate(bytes: Uint8Array | string, id: string, origin: CertOrigin): PinnedCert {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(typeof bytes === 'string' ? bytes : Buffer.from(bytes));
  } catch {
    throw new KioskError(QrErrorCode.CERT, `The certificate ${id} could not be read (PEM or DER X.509 expected).`, { id });
  }
  const key = cert.publicKey;
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new KioskError(QrErrorCode.CERT, `The certificate ${id} is not an RSA key of at least 2048 bits.`, { id });
  }
  return {
    id, origin,
    subject: commonName(cert.subject),
    issuer: commonName(cert.issuer),
    validFrom: new Date(cert.validFrom),
    validTo: new Date(cert.validTo),
    fingerprint256: cert.fingerprint256,
    key,
    pem: cert.toString(),
  };
}

/** The signer as reported: no key material. */
export interface SignerInfo {
  id: string;
  origin: CertOrigin;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
}

export const signerInfo = (c: PinnedCert): SignerInfo => ({
  id: c.id, origin: c.origin, subject: c.subject, issuer: c.issuer,
  validFrom: c.validFrom.toISOString(), validTo: c.validTo.toISOString(), fingerprint256: c.fingerprint256,
});

const CERT_FILE = /\.(cer|crt|pem|der)$/i;

export class TrustStore {
  private readonly certs: PinnedCert[] = [];

  constructor(certs: PinnedCert[] = []) {
    for (const c of certs) this.add(c);
  }

  add(cert: PinnedCert): void {
    if (!this.certs.some((c) => c.fingerprint256 === cert.fingerprint256)) this.certs.push(cert);
  }

  addFile(file: string, origin: CertOrigin): PinnedCert {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new KioskError(QrErrorCode.CERT, `The certificate file ${path.basename(file)} could not be read.`, { file: path.basename(file) });
    }
    const cert = parseCertificate(bytes, path.basename(file), origin);
    this.add(cert);
    return cert;
  }

  /** Adds every certificate file in a folder; a missing folder adds nothing. */
  addDir(dir: string, origin: CertOrigin): PinnedCert[] {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
    return readdirSync(dir).filter((f) => CERT_FILE.test(f)).sort().map((f) => this.addFile(path.join(dir, f), origin));
  }

  list(): readonly PinnedCert[] {
    return this.certs;
  }

  /** RSASSA-PKCS1-v1_5 / SHA-256. Tries every pinned key; returns the one that verifies. */
  verifyRsaSha256(message: Uint8Array, signature: Uint8Array): PinnedCert | null {
    for (const cert of this.certs) {
      try {
        if (cryptoVerify('sha256', message, cert.key, signature)) return cert;
      } catch {
        // A malformed signature for this key is a plain "no": never carry on as verified.
      }
    }
    return null;
  }

  /** The newest certificate's start: a QR dated after it with no verifying key means "update needed". */
  newestStart(): Date | null {
    return this.certs.reduce<Date | null>((m, c) => (m === null || c.validFrom > m ? c.validFrom : m), null);
  }
}

/** resources/uidai-certs, found from this file in development and from the app folder when packaged. */
export function bundledCertDir(): string {
  // Packaged: electron-builder's extraResources puts them in process.resourcesPath/uidai-certs.
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.VDEX_RESOURCES_DIR ? path.join(process.env.VDEX_RESOURCES_DIR, 'uidai-certs') : '',
    resourcesPath ? path.join(resourcesPath, 'uidai-certs') : '',
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../resources/uidai-certs'),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources/uidai-certs'),
    path.resolve(process.cwd(), 'resources/uidai-certs'),
  ].filter(Boolean);
  return candidates.find((d) => existsSync(d)) ?? candidates[candidates.length - 1]!;
}

export interface TrustStoreOptions {
  /** Include resources/uidai-certs (default true). */
  bundled?: boolean;
  /** Folders of extra certificates (configuration; e.g. <dataDir>/uidai-certs). */
  dirs?: string[];
  /** Extra certificate files (the CLI's --cert). */
  files?: string[];
}

export function loadTrustStore(options: TrustStoreOptions = {}): TrustStore {
  const store = new TrustStore();
  if (options.bundled ?? true) store.addDir(bundledCertDir(), 'bundled');
  for (const d of options.dirs ?? []) store.addDir(d, 'configured');
  for (const f of options.files ?? []) store.addFile(f, 'explicit');
  return store;
}
