/**
 * Verification settings from the environment. Real adapters switch on when
 * their keys are present; otherwise (never in production) the sandboxes answer:
 *   VDEX_AADHAAR_HASH_KEY        base64 32 bytes, HMAC key for Aadhaar keyed hashes (required in production)
 *   VDEX_IDFY_API_KEY, VDEX_IDFY_ACCOUNT_ID [, VDEX_IDFY_URL]          PAN and passport through IDfy
 *   VDEX_CASHFREE_CLIENT_ID, VDEX_CASHFREE_CLIENT_SECRET [, VDEX_CASHFREE_URL]   Aadhaar OTP through Cashfree
 *   VDEX_UIDAI_TEST_KEY_FILE     the sandbox's test "UIDAI" private key (default: the RD simulator's)
 *   VDEX_DEV_OTP_LOG             where the sandbox "sends" OTPs (default: <data dir>/dev-otp.log)
 */
import { hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VerificationOptions } from '../routes/verify/plugin';

const DEFAULT_TEST_KEY = fileURLToPath(new URL('../../../simulators/rd-service/keys/uidai-test.key.pem', import.meta.url));

/** Undefined in production when no provider is configured: the /v1/verify routes are then not served. */
export function verificationFromEnv(o: { env?: NodeJS.ProcessEnv; production: boolean; dataDir?: string; dataKey: Buffer }): VerificationOptions | undefined {
  const env = o.env ?? process.env;
  const anyProvider = Boolean(env.VDEX_IDFY_API_KEY || env.VDEX_CASHFREE_CLIENT_ID);
  if (o.production && !anyProvider) return undefined;
  const mode = o.production ? 'production' : 'demo';
  let hashKey: Buffer;
  if (env.VDEX_AADHAAR_HASH_KEY) hashKey = Buffer.from(env.VDEX_AADHAAR_HASH_KEY, 'base64');
  else if (o.production) throw new Error('E_SERVER_NO_HASH_KEY: set VDEX_AADHAAR_HASH_KEY (32 bytes, base64) in production.');
  // Demo: derived from the data key, so it survives restarts with the embedded database.
  else hashKey = Buffer.from(hkdfSync('sha256', o.dataKey, Buffer.alloc(0), 'vdex aadhaar keyed hash v1', 32));
  if (hashKey.length !== 32) throw new Error('E_SERVER_BAD_HASH_KEY: VDEX_AADHAAR_HASH_KEY must be 32 bytes.');

  const idfy = env.VDEX_IDFY_API_KEY && env.VDEX_IDFY_ACCOUNT_ID
    ? { idfy: { baseURL: env.VDEX_IDFY_URL ?? 'https://eve.idfy.com', apiKey: env.VDEX_IDFY_API_KEY, accountId: env.VDEX_IDFY_ACCOUNT_ID } }
    : {};
  const cashfree = env.VDEX_CASHFREE_CLIENT_ID && env.VDEX_CASHFREE_CLIENT_SECRET
    ? { cashfree: { baseURL: env.VDEX_CASHFREE_URL ?? 'https://api.cashfree.com', clientId: env.VDEX_CASHFREE_CLIENT_ID, clientSecret: env.VDEX_CASHFREE_CLIENT_SECRET } }
    : {};
  const sandbox = o.production ? {} : {
    sandbox: {
      uidaiPrivateKeyPem: readFileSync(env.VDEX_UIDAI_TEST_KEY_FILE ?? DEFAULT_TEST_KEY, 'utf8'),
      otpLogFile: env.VDEX_DEV_OTP_LOG ?? path.join(o.dataDir ?? os.tmpdir(), 'dev-otp.log'),
    },
  };
  return { hashKey, providers: { mode, ...idfy, ...cashfree, ...sandbox } };
}
