/**
 * Typed errors. Every layer throws `KioskError` with a stable code and an
 * agent-facing message; the IPC dispatcher turns it into `ErrorData`.
 * Messages must never contain identity data (Aadhaar, VID, OTP, PID, share code):
 * pass masked values only.
 */
import type { ErrorData } from './result';

/** Codes shared by every domain. Domains add their own `E_<DOMAIN>_...` codes. */
export const CoreErrorCode = {
  UNKNOWN_CHANNEL: 'E_IPC_UNKNOWN_CHANNEL',
  BAD_INPUT: 'E_IPC_BAD_INPUT',
  BAD_OUTPUT: 'E_IPC_BAD_OUTPUT',
  FORBIDDEN_SENDER: 'E_IPC_FORBIDDEN_SENDER',
  UNAUTHORIZED: 'E_UNAUTHORIZED',
  NOT_AVAILABLE: 'E_NOT_AVAILABLE',
  NEEDS_NETWORK: 'E_NEEDS_NETWORK',
  TIMEOUT: 'E_TIMEOUT',
  INTERNAL: 'E_INTERNAL',
} as const;

export class KioskError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KioskError';
    this.code = code;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isKioskError(e: unknown): e is KioskError {
  return e instanceof KioskError;
}

/**
 * Any thrown value to safe error data. Unknown errors are reported as E_INTERNAL
 * with a generic message: their text may carry data we never want on screen.
 */
export function toErrorData(e: unknown): ErrorData {
  if (isKioskError(e)) return e.toData();
  return { code: CoreErrorCode.INTERNAL, message: 'Something went wrong inside the kiosk. Please try again; if it repeats, call support.' };
}
