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

export const AadhaarVerificationPayloadSchema = z.object({
  verificationId: z.uuid(),
  method: z.enum(['otp', 'biometric', 'offline_qr', 'offline_xml']),
  status: z.enum(['pending', 'verified', 'failed', 'expired']),
  provider: ref.optional(),
  providerTxnId: ref.optional(),
  photoHash: hex64.optional(),
  consentRef: ref,
  attemptCount: z.number().int().min(0).max(5).default(0),
  verifiedAt: isoTime.optional(),
  errorCode: ref.optional(),
}).refine((v) => v.status !== 'verified' || v.verifiedAt !== undefined, { message: 'a verified verification needs verifiedAt', path: ['verifiedAt'] });

export const KycRecordPayloadSchema = z.object({
  kycId: z.uuid(),
  customerId: z.uuid(),
  branchId: ref,
  agentId: ref,
  method: z.enum(['otp', 'biometric', 'offline_qr', 'offline_xml', 'ovd', 'digilocker']),
  status: z.enum(['pending', 'in_review', 'verified', 'rejected', 'expired']),
  riskLevel: z.enum(['low', 'medium', 'high']).optional(),
  decisionReason: safeText(500).optional(),
  decidedAt: isoTime.optional(),
  capturedAt: isoTime,
  customer: z.object({
    fullName: safeText(200).pipe(z.string().min(1)),
    dob: z.iso.date().optional(),
    gender: z.enum(['M', 'F', 'T']).optional(),
    address: safeText(1000).optional(),
    mobile: z.string().regex(/^[6-9]\d{9}$/, 'a 10-digit Indian mobile number').optional(),
    aadhaarLast4: z.string().regex(/^\d{4}$/),
    aadhaarRef: ref,
  }),
  verification: AadhaarVerificationPayloadSchema.optional(),
});

export const AuditEntryPayloadSchema = z.object({
  seq: z.number().int().min(1),
  prevHash: hex64,
  hash: hex64,
  at: isoTime,
  event: ref,
  actor: ref,
  entityRef: ref.optional(),
  details: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .refine((d) => Object.values(d).every((v) => typeof v !== 'string' || scrubAadhaarNumbers(v) === v), 'details must not contain an Aadhaar number or VID')
    .optional(),
});

export const AmlAssessmentPayloadSchema = z.object({
  assessmentId: z.uuid(),
  kycId: z.uuid(),
  customerId: z.uuid(),
  listVersion: ref,
  riskScore: z.number().min(0).max(100),
  riskLevel: z.enum(['low', 'medium', 'high']),
  decision: z.enum(['clear', 'review', 'block']),
  hits: z.array(z.object({ listId: ref, entryId: ref, score: z.number().min(0).max(1) })).max(100),
  assessedAt: isoTime,
});

export const ApiRequestPayloadSchema = z.object({
  requestId: z.uuid(),
  kycId: z.uuid().optional(),
  provider: ref,
  endpoint: z.string().min(1).max(200).regex(/^\/[A-Za-z0-9/_.-]*$/, 'a path without query string'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  statusCode: z.number().int().min(0).max(599),
  durationMs: z.number().int().min(0).max(600_000),
  errorCode: ref.optional(),
  requestedAt: isoTime,
});

const item = <K extends SyncItemKind, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({
    /** Client idempotency key, made in the capture transaction. */
    key: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
    /** The kiosk outbox's own monotonic sequence: per-device order. */
    seq: z.number().int().min(1),
    kind: z.literal(kind),
    createdAt: isoTime,
    payload,
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
