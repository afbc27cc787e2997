/** The forge's throwaway keys (test material, see README.md). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TEST_KEY_FILE = path.join(here, 'test-key.pem');
export const TEST_CERT_FILE = path.join(here, 'test-cert.pem');
export const WRONG_KEY_FILE = path.join(here, 'wrong-key.pem');
export const WRONG_CERT_FILE = path.join(here, 'wrong-cert.pem');
export const testKeyPem = (): string => readFileSync(TEST_KEY_FILE, 'utf8');
export const testCertPem = (): string => readFileSync(TEST_CERT_FILE, 'utf8');
export const wrongKeyPem = (): string => readFileSync(WRONG_KEY_FILE, 'utf8');
/** A real 60x60 JPEG 2000 codestream (the UIDAI sample's photo) to carry as the QR photo. */
export const samplePhotoJ2k = (): Uint8Array =>
  readFileSync(path.join(here, '../../src/devices/qr/fixtures/secure-qr/expected/uidai-sample-ref2697-2019-03-08.photo.j2k'));
