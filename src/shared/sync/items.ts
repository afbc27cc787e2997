/**
 * The sync payload: what a kiosk's outbox sends to the central API, and the
 * per-item answer. One schema for both sides: the server validates with it
 * (422 per item), the kiosk builds with it. No field may carry a full Aadhaar
 * number, VID, OTP, PID block or share code: Aadhaar appears only as its last
 * 4 digits and the kiosk vault's reference key.
 */
import { z } from 'zod';
import { scrubAadhaarNumbers } from '../validators/aadhaar';

/** Most items in one batch; more answers 413. */
export const MAX_BATCH_ITEMS = 500;
/** Largest batch body in bytes; more answers 413. */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest');
const isoTime = z.iso.datetime({ offset: true });
/** Free text that must not smuggle an Aadhaar number or VID. */
const safeText = (max: number) =>
  z.string().max(max).refine((s) => scrubAadhaarNumbers(s) === s, 'must not contain an Aadhaar number or VID');
const ref = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const SyncItemKindSchema = z.enum(['kyc.record', 'audit.entry', 'aml.assessment', 'api.request']);
export type SyncItemKind = z.infer<typeof SyncItemKindSchema>;

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

/** An Aadhaar verification row as the kiosk store keeps it (masked number, vault reference, no identity data). */
export const AadhaarVerificationPayloadSchema = z.object({
  id: z.string().min(1).max(64),
  transactionId: z.string().min(1).max(128),
  referenceId: nullable(z.string().max(128)),
  method: z.enum(['otp', 'biometric', 'qr', 'xml']),
  verificationStatus: z.enum(['initiated', 'otp_sent', 'verified', 'failed', 'expired']),
  attempts: z.number().int().min(0).max(5).default(0),
  aadhaarMasked: nullable(z.string().regex(/^(X{4} ){2,3}\d{4}$/, 'a masked Aadhaar number or VID')),
  aadhaarVaultRef: nullable(ref),
  address: nullable(z.record(z.string(), z.unknown())),
  photoRef: nullable(z.string().max(200)),
  failureReason: nullable(z.string().max(500)),
  createdAt: isoTime,
  verifiedAt: nullable(isoTime),
}).refine((v) => v.verificationStatus !== 'verified' || !!v.verifiedAt, { message: 'a verified verification needs verifiedAt', path: ['verifiedAt'] });

/** An AML assessment row as the kiosk store keeps it. */
export const StoreAmlAssessmentSchema = z.object({
  id: z.string().min(1).max(64),
  subjectRef: z.string().min(1).max(128),
  riskScore: z.number().min(0).max(100),
  riskLevel: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']),
  matchCount: z.number().int().min(0).default(0),
  strongMatchCount: z.number().int().min(0).default(0),
  listVersions: nullable(z.record(z.string(), z.unknown())),
  matches: nullable(z.array(z.unknown()).max(200)),
  disposition: nullable(z.string().max(64)),
  screenedAt: isoTime,
});

/**
 * One onboarding as the kiosk store ships it (OnboardingRepository.payloadFor):
 * the KYC record with the verification and AML rows that belong to it.
 */
export const KycRecordPayloadSchema = z.object({
  record: z.object({
    id: z.string().min(1).max(64),
    reference: z.string().min(1).max(64),
    branchId: ref,
    agentId: ref,
    deviceId: nullable(z.string().max(128)),
    /** 'ovd': an officially valid document on the alternate-ID path (no Aadhaar verification rows). */
    method: z.enum(['otp', 'biometric', 'qr', 'xml', 'ovd']),
    status: z.enum(['pending', 'approved', 'rejected', 'expired']),
    statusReason: nullable(safeText(500)),
    customerName: nullable(safeText(200)),
    dateOfBirth: nullable(z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'YYYY or YYYY-MM-DD')),
    gender: nullable(z.enum(['M', 'F', 'T'])),
    mobileLast4: nullable(z.string().regex(/^\d{4}$/)),
    aadhaarLast4: nullable(z.string().regex(/^\d{4}$/, 'the last 4 digits only')),
    aadhaarKeyedHash: nullable(hex64),
    aadhaarVaultRef: nullable(ref),
    details: nullable(z.record(z.string(), z.unknown())),
    submittedAt: isoTime,
    verifiedAt: nullable(isoTime),
  }),
  verifications: z.array(AadhaarVerificationPayloadSchema).max(20).default([]),
  amlAssessments: z.array(StoreAmlAssessmentSchema).max(20).default([]),
  consents: z.array(z.object({ id: z.string(), purpose: z.string(), granted: z.boolean(), givenAt: isoTime }).passthrough()).max(50).default([]),
});

/** One entry of the kiosk's hash-chained audit log (src/main/store/audit/chain.ts). */
export const AuditEntryPayloadSchema = z.object({
  seq: z.number().int().min(1),
  at: isoTime,
  agentId: z.string().max(128).nullable(),
  action: z.string().min(1).max(128),
  subjectRef: z.string().max(200).nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: hex64,
  hash: hex64,
});

/** A later AML assessment (a re-screen) of a record the server already has. */
export const AmlAssessmentPayloadSchema = z.object({
  kycRecordId: z.string().min(1).max(64),
  assessment: StoreAmlAssessmentSchema,
});

export const ApiRequestPayloadSchema = z.object({
  requestId: z.string().min(1).max(64),
  /** The kiosk's KYC record id, when the call belonged to one. */
  kycId: z.string().min(1).max(64).optional(),
  provider: ref,
  endpoint: z.string().min(1).max(200).regex(/^\/[A-Za-z0-9/_.-]*$/, 'a path without query string'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  statusCode: z.number().int().min(0).max(599),
  durationMs: z.number().int().min(0).max(600_000),
  errorCode: ref.optional(),
  requestedAt: isoTime,
});

/** Digests and ids are not text: a 12-digit run inside a hash is not an Aadhaar number. */
const OPAQUE = /^([0-9a-f]{64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Last line of defence: no Verhoeff-valid 12- or 16-digit number in any text or number of an item. */
function noIdentityNumbers(v: unknown): boolean {
  if (typeof v === 'string') return OPAQUE.test(v) || scrubAadhaarNumbers(v) === v;
  if (typeof v === 'number') return scrubAadhaarNumbers(String(v)) === String(v);
  if (Array.isArray(v)) return v.every(noIdentityNumbers);
  if (v && typeof v === 'object') return Object.entries(v).every(([k, x]) => noIdentityNumbers(k) && noIdentityNumbers(x));
  return true;
}

const item = <K extends SyncItemKind, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({
    /** Client idempotency key, made in the capture transaction. */
    key: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
    /** The kiosk outbox's own monotonic sequence: per-device order. */
    seq: z.number().int().min(1),
    kind: z.literal(kind),
    createdAt: isoTime,
    payload: payload.refine(noIdentityNumbers, 'must not contain an Aadhaar number or VID'),
  });

export const SyncItemSchema = z.discriminatedUnion('kind', [
  item('kyc.record', KycRecordPayloadSchema),
  item('audit.entry', AuditEntryPayloadSchema),
  item('aml.assessment', AmlAssessmentPayloadSchema),
  item('api.request', ApiRequestPayloadSchema),
]);
export type SyncItem = z.infer<typeof SyncItemSchema>;
export type KycRecordPayload = z.infer<typeof KycRecordPayloadSchema>;
export type AuditEntryPayload = z.infer<typeof AuditEntryPayloadSchema>;
export type AmlAssessmentPayload = z.infer<typeof AmlAssessmentPayloadSchema>;
export type ApiRequestPayload = z.infer<typeof ApiRequestPayloadSchema>;

/**
 * The envelope is checked loosely (each item is validated alone, so one bad
 * item is rejected with its reason and the rest still apply).
 */
export const SyncBatchSchema = z.object({
  items: z.array(z.object({ key: z.string(), seq: z.number() }).passthrough()).min(1),
});

export const SyncOutcomeSchema = z.enum(['applied', 'duplicate', 'rejected']);
export type SyncOutcome = z.infer<typeof SyncOutcomeSchema>;

export const SyncItemResultSchema = z.object({
  key: z.string(),
  seq: z.number(),
  outcome: SyncOutcomeSchema,
  code: z.string().optional(),
  reason: z.string().optional(),
});
export type SyncItemResult = z.infer<typeof SyncItemResultSchema>;

export const SyncBatchResponseSchema = z.object({
  results: z.array(SyncItemResultSchema),
  chain: z.object({ seq: z.number(), hash: z.string() }),
});
export type SyncBatchResponse = z.infer<typeof SyncBatchResponseSchema>;

/** 409: the audit chain does not continue from the server's head. */
export const ChainBreakSchema = z.object({
  code: z.literal('E_SYNC_CHAIN_BREAK'),
  message: z.string(),
  firstBadSequence: z.number(),
  key: z.string(),
  expected: z.object({ seq: z.number(), prevHash: z.string() }),
});
export type ChainBreak = z.infer<typeof ChainBreakSchema>;

/** The audit chain's first prevHash. */
export const GENESIS_HASH = '0'.repeat(64);
