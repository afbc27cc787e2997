/**
 * Where the sandbox "sends" an OTP: a development log, never SMS and never the
 * server's own logger. The demo agent reads the OTP from this file (or the test
 * from memory). Holds only synthetic residents' OTPs; the sandbox refuses to
 * run in production, so no real OTP can land here.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface OtpDelivery { txnId: string; maskedAadhaar: string; mobileLast4: string; otp: string; expiresAt: string }

export interface OtpOutbox {
  deliver(d: OtpDelivery): void;
}

/** JSON lines appended to a development file (mode 0600). */
export class FileOtpOutbox implements OtpOutbox {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }
  deliver(d: OtpDelivery): void {
    appendFileSync(this.file, `${JSON.stringify({ at: new Date().toISOString(), ...d })}\n`, { mode: 0o600 });
  }
}

export class MemoryOtpOutbox implements OtpOutbox {
  readonly delivered: OtpDelivery[] = [];
  deliver(d: OtpDelivery): void { this.delivered.push(d); }
  /** The last OTP sent for a transaction. */
  otpFor(txnId: string): string | undefined {
    return [...this.delivered].reverse().find((d) => d.txnId === txnId)?.otp;
  }
}
