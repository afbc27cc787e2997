/**
 * Chooses and builds the providers from configuration: real adapters when
 * their keys are configured, the sandboxes otherwise (never in production).
 * In-process providers (the sandboxes) get the same guard (timeout, breaker,
 * recording) as HTTP ones, so /health shows every provider the same way.
 */
import { CashfreeAadhaarOtpProvider, type CashfreeConfig } from './cashfree/aadhaar-otp';
import { ProviderError } from './errors';
import { IdfyClient, type IdfyConfig } from './idfy/client';
import { IdfyPanProvider } from './idfy/pan';
import { IdfyPassportProvider } from './idfy/passport';
import type { VerificationRecorder } from './recorder';
import { GuardRegistry, type GuardOptions, type ProviderGuard } from './resilience';
import { SandboxDocuments } from './uidai-sandbox/documents';
import { FileOtpOutbox, type OtpOutbox } from './uidai-sandbox/otp-outbox';
import { UidaiSandbox } from './uidai-sandbox/sandbox';
import type { AadhaarOtpProvider, BiometricAuthProvider, PanProvider, PassportProvider, VerificationProviders } from './types';

export interface ProvidersConfig {
  mode: 'demo' | 'development' | 'test' | 'production';
  idfy?: IdfyConfig;
  cashfree?: CashfreeConfig;
  sandbox?: { uidaiPrivateKeyPem: string; otpOutbox?: OtpOutbox; otpLogFile?: string; maxPidSkewMs?: number };
  guards?: Record<string, Partial<GuardOptions>>;
}

export interface BuiltProviders extends VerificationProviders {
  guards: GuardRegistry;
  /** The sandbox, when one runs (tests read its OTP outbox through it). */
  sandbox?: UidaiSandbox;
}

/** Per-provider timeouts: OTP and biometric calls answer in seconds; IDfy's government sources are slower. */
const DEFAULT_GUARDS: Record<string, Partial<GuardOptions>> = {
  idfy: { timeoutMs: 15_000 },
  cashfree: { timeoutMs: 10_000 },
  'uidai-sandbox': { timeoutMs: 5_000 },
  'sandbox-documents': { timeoutMs: 2_000 },
};

/** A capability with no provider on this server: every call says so (422 E_VERIFY_NOT_SUPPORTED). */
function unconfigured(what: string): AadhaarOtpProvider & BiometricAuthProvider & PanProvider & PassportProvider {
  const no = async (): Promise<never> => { throw new ProviderError('unconfigured', 'not_supported', `${what} is not configured on this server`); };
  return { name: 'unconfigured', acceptsVid: false, wadhFor: () => '', initiate: no, verify: no, authenticate: no, verifyPan: no, verifyPassport: no };
}

function guarded<T extends object>(target: T, guard: ProviderGuard, methods: Array<keyof T & string>, retrySafe: (m: string) => boolean): T {
  const wrapped = Object.create(target) as T;
  for (const m of methods) {
    const fn = (target[m] as (...a: unknown[]) => Promise<unknown>).bind(target);
    (wrapped as Record<string, unknown>)[m] = (...args: unknown[]) => {
      const meta = args[1] as { journeyId?: string; deviceId?: string } | undefined;
      return guard.call({ endpoint: `${guard.name}.${m}`, method: 'CALL', retrySafe: retrySafe(m), ...(meta?.journeyId ? { journeyId: meta.journeyId } : {}), ...(meta?.deviceId ? { deviceId: meta.deviceId } : {}) }, () => fn(...args));
    };
  }
  return wrapped;
}

export function buildProviders(config: ProvidersConfig, recorder?: VerificationRecorder): BuiltProviders {
  const guards = new GuardRegistry(recorder, config.guards ?? {});
  const guard = (name: string) => guards.get(name, DEFAULT_GUARDS[name] ?? {});
  const production = config.mode === 'production';

  // Biometric eKYC has no real adapter yet (it needs a KUA/ASA contract): outside production the sandbox
  // answers; in production the capability answers "not configured" until an adapter exists.
  let sandbox: UidaiSandbox | undefined;
  if (!production && config.sandbox) {
    sandbox = new UidaiSandbox({
      mode: config.mode,
      uidaiPrivateKeyPem: config.sandbox.uidaiPrivateKeyPem,
      otpOutbox: config.sandbox.otpOutbox ?? new FileOtpOutbox(config.sandbox.otpLogFile ?? 'dev-otp.log'),
      ...(config.sandbox.maxPidSkewMs !== undefined ? { maxPidSkewMs: config.sandbox.maxPidSkewMs } : {}),
    });
  }
  const sandboxGuard = sandbox ? guard('uidai-sandbox') : undefined;
  const aadhaarOtp: AadhaarOtpProvider = config.cashfree
    ? new CashfreeAadhaarOtpProvider(config.cashfree, guard('cashfree'))
    : sandbox ? guarded(sandbox, sandboxGuard!, ['initiate', 'verify'], () => false) : unconfigured('Aadhaar OTP');
  const biometric: BiometricAuthProvider = sandbox ? guarded(sandbox, sandboxGuard!, ['authenticate'], () => false) : unconfigured('Biometric eKYC');

  let pan: PanProvider;
  let passport: PassportProvider;
  if (config.idfy) {
    const client = new IdfyClient(config.idfy, guard('idfy'));
    pan = new IdfyPanProvider(client);
    passport = new IdfyPassportProvider(client);
  } else if (!production) {
    const docs = guarded(new SandboxDocuments(config.mode), guard('sandbox-documents'), ['verifyPan', 'verifyPassport'], () => true);
    pan = docs;
    passport = docs;
  } else {
    pan = unconfigured('PAN verification');
    passport = unconfigured('Passport verification');
  }
  return { aadhaarOtp, biometric, pan, passport, guards, ...(sandbox ? { sandbox } : {}) };
}
