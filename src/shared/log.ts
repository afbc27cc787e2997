/**
 * The logging port. Node code gets a pino logger (src/main/log.ts) that redacts
 * identity fields; pure code takes this interface so it can log without Node.
 */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Field names whose values are identity data: always redacted in logs, audit details and traces. */
export const IDENTITY_FIELDS = [
  'aadhaar', 'aadhaarNumber', 'aadhaar_number', 'uid', 'vid', 'otp', 'pid', 'pidData', 'pidBlock',
  'shareCode', 'share_code', 'biometric', 'biometrics', 'skey', 'hmac', 'photo',
] as const;

export const silentLogger: Logger = {
  debug() {}, info() {}, warn() {}, error() {},
  child() { return silentLogger; },
};
