/**
 * Errors cross every process boundary as data (Signal Desktop style): a channel
 * never throws at the renderer, it answers `{ ok: false, error }`.
 */
import { z } from 'zod';

export const ErrorDataSchema = z.object({
  /** Stable machine code, `E_` + upper snake case, e.g. `E_QR_SIGNATURE`. */
  code: z.string().regex(/^E_[A-Z0-9_]+$/),
  /** Safe for the agent to read: never carries identity data. */
  message: z.string().max(2000),
  /** Optional structured hints (field names, retry-after seconds...). Never identity data. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorData = z.infer<typeof ErrorDataSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ErrorData): Result<never> => ({ ok: false, error });
