/**
 * `kyc:*` channels: the onboarding session service. The renderer's flow machine
 * drives it step by step; every call is made by the logged-in agent and audited.
 * No full Aadhaar number, VID, OTP or share code ever crosses these channels:
 * identity arrives already masked (last 4 digits).
 */
import { z } from 'zod';
import { defineChannel } from './define';

export const KycLanguageSchema = z.enum(['en', 'hi', 'ta']);
export type KycLanguage = z.infer<typeof KycLanguageSchema>;

export const ConsentPurposeSchema = z.enum(['aadhaar-auth', 'offline-verification', 'pan-check', 'aml-screening', 'photo', 'marketing']);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

export const IdentityMethodSchema = z.enum(['otp', 'fingerprint', 'iris', 'secure-qr', 'offline-xml', 'alternate-id']);
export type IdentityMethod = z.infer<typeof IdentityMethodSchema>;

export const ConsentItemSchema = z.object({
  purpose: ConsentPurposeSchema,
  title: z.string(),
  text: z.string(),
  /** Needed for the purposes it names; optional items (marketing) are unbundled. */
  required: z.boolean(),
  /** SHA-256 (hex) of the exact text shown, computed by the kiosk, recorded with the consent. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export const ConsentTextSchema = z.object({
  language: KycLanguageSchema,
  version: z.string(),
  items: z.array(ConsentItemSchema),
  withdrawalContact: z.string(),
});
export type ConsentText = z.infer<typeof ConsentTextSchema>;

/** What the identity step proved, already masked. */
export const IdentitySchema = z.object({
  name: z.string().max(200),
  dob: z.string().max(20).optional(),
  gender: z.string().max(20).optional(),
  address: z.string().max(500).optional(),
  /** data: URL of the photo decoded from the QR/XML/eKYC response (review only; never stored by kyc). */
  photo: z.string().max(400_000).optional(),
  /** Masked Aadhaar/VID ("XXXX XXXX 1234"), or the OVD kind and last 4 on the alternate path. */
  maskedId: z.string().max(40),
  last4: z.string().regex(/^[0-9A-Z]{4}$/),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const EvidenceSchema = z.object({
  method: IdentityMethodSchema,
  /** Plain words: "UIDAI signature valid", "OTP verified by UIDAI", "Document seen by agent". */
  summary: z.string().max(300),
  verified: z.boolean(),
  verifiedAt: z.string(),
  /** Provider transaction / reference id, if any (never the Aadhaar number). */
  reference: z.string().max(120).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * Name, date of birth and gender cross-matched between the identity (Aadhaar eKYC/QR/XML) and what
 * PAN or passport checks returned (issue 7 item 4), computed by the kyc service from the answers it
 * received itself. Scores and reason codes per field; `explanation` is for the reviewer. No numbers.
 */
export const CrossMatchSourceSchema = z.enum(['aadhaar', 'pan', 'passport']);
export const CrossMatchSummarySchema = z.object({
  /** The weakest pair's score, 0..1; bands: >= 0.90 match, >= 0.75 review, else mismatch. */
  score: z.number().min(0).max(1),
  band: z.enum(['match', 'review', 'mismatch']),
  fields: z.array(z.object({
    sources: z.tuple([CrossMatchSourceSchema, CrossMatchSourceSchema]),
    field: z.enum(['name', 'dob', 'gender']),
    score: z.number().min(0).max(1),
    /** exact, initials, variant, subset, reordered, partial, empty, year-only, different, day-month-swapped. */
    reason: z.string().max(40),
  })).max(30),
  explanation: z.array(z.string().max(400)).max(30),
  at: z.string(),
});
export type CrossMatchSummary = z.infer<typeof CrossMatchSummarySchema>;

export const PanOutcomeSchema = z.object({
  status: z.enum(['verified', 'mismatch', 'queued', 'not-provided']),
  /** First 5 + last character: "ABCDE****F". */
  masked: z.string().max(10).optional(),
  nameMatch: z.number().min(0).max(1).optional(),
  /** Set by the kyc service in its answer to `kyc:pan` (a value sent to it is ignored). */
  crossMatch: CrossMatchSummarySchema.nullable().optional(),
});
export type PanOutcome = z.infer<typeof PanOutcomeSchema>;

export const AmlOutcomeSchema = z.object({
  level: z.enum(['clear', 'low', 'medium', 'high']),
  reasons: z.array(z.string()),
  matches: z.array(z.object({ name: z.string(), list: z.string(), score: z.number() })),
  /** True when a supervisor must decide (any potential match, PEP, high risk). */
  requiresReview: z.boolean(),
  listVersion: z.string().optional(),
});
export type AmlOutcome = z.infer<typeof AmlOutcomeSchema>;

export const CaseStatusSchema = z.enum(['draft', 'captured', 'referred', 'approved', 'rejected', 'cancelled']);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

export const CaseSummarySchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  status: CaseStatusSchema,
  method: IdentityMethodSchema.nullable(),
  makerId: z.string(),
  makerName: z.string(),
  customerName: z.string().nullable(),
  maskedId: z.string().nullable(),
  aml: AmlOutcomeSchema.nullable(),
  pan: PanOutcomeSchema.nullable(),
  referralNote: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  crossMatch: CrossMatchSummarySchema.nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const ReceiptSchema = z.object({
  reference: z.string(),
  status: CaseStatusSchema,
  issuedAt: z.string(),
  branchId: z.string(),
  agent: z.string(),
  cddMode: z.string(),
  maskedId: z.string().nullable(),
  maskedPan: z.string().nullable(),
  consents: z.array(z.object({ purpose: ConsentPurposeSchema, granted: z.boolean(), version: z.string(), hash: z.string() })),
  withdrawalContact: z.string(),
  grievanceContact: z.string(),
  /** The receipt as a PDF (masked data only), base64. */
  pdfBase64: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

const CaseId = z.object({ caseId: z.string().min(1).max(64) });

export const DecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('refer'), note: z.string().trim().min(1).max(500) }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(1).max(500) }),
]);
export type Decision = z.infer<typeof DecisionSchema>;

/** Where an interrupted onboarding picks up: identity evidence is never kept, so a case past it resumes at the identity step. */
export const ResumeStepSchema = z.enum(['consent', 'method', 'identity']);
export type ResumeStep = z.infer<typeof ResumeStepSchema>;

/** An onboarding left open by a crash or a closed window (progress only, masked). */
export const OpenCaseSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  makerId: z.string(),
  makerName: z.string(),
  language: KycLanguageSchema,
  method: IdentityMethodSchema.nullable(),
  maskedId: z.string().nullable(),
  /** The last step recorded before it stopped. */
  reached: z.enum(['started', 'consented', 'method', 'identified', 'face-match', 'pan', 'aml']),
  resumeAt: ResumeStepSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OpenCase = z.infer<typeof OpenCaseSchema>;

/** What the flow needs to continue a restored case. */
export const ResumedCaseSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  language: KycLanguageSchema,
  resumeAt: ResumeStepSchema,
  consentRef: z.string().nullable(),
  granted: z.array(z.object({ purpose: ConsentPurposeSchema, granted: z.boolean() })),
  method: IdentityMethodSchema.nullable(),
});
export type ResumedCase = z.infer<typeof ResumedCaseSchema>;

export const KycStatsSchema = z.object({ started: z.number(), approved: z.number(), referred: z.number(), rejected: z.number() });

export const kycChannels = {
  'kyc:consent-text': defineChannel(z.object({ language: KycLanguageSchema }), ConsentTextSchema),
  'kyc:start': defineChannel(z.object({ language: KycLanguageSchema }), z.object({ caseId: z.string(), reference: z.string() })),
  'kyc:consent': defineChannel(
    CaseId.extend({
      language: KycLanguageSchema,
      version: z.string().max(40),
      channel: z.enum(['screen', 'read-out']),
      items: z.array(z.object({ purpose: ConsentPurposeSchema, granted: z.boolean(), hash: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
    }),
    z.object({ consentId: z.string() }),
  ),
  'kyc:method': defineChannel(CaseId.extend({ method: IdentityMethodSchema }), z.object({ method: IdentityMethodSchema })),
  'kyc:identity': defineChannel(CaseId.extend({ identity: IdentitySchema, evidence: EvidenceSchema }), z.object({ status: CaseStatusSchema })),
  'kyc:review': defineChannel(CaseId.extend({ faceMatch: z.boolean() }), z.object({ faceMatch: z.boolean() })),
  'kyc:pan': defineChannel(CaseId.extend({ pan: PanOutcomeSchema }), z.object({ status: PanOutcomeSchema.shape.status, crossMatch: CrossMatchSummarySchema.nullable() })),
  'kyc:aml': defineChannel(CaseId.extend({ aml: AmlOutcomeSchema }), z.object({ requiresReview: z.boolean() })),
  'kyc:decide': defineChannel(CaseId.extend({ decision: DecisionSchema }), CaseSummarySchema),
  'kyc:cancel': defineChannel(CaseId, z.object({ status: CaseStatusSchema })),
  'kyc:receipt': defineChannel(CaseId, ReceiptSchema),
  /** Supervisor: cases referred for review (maker-checker). */
  'kyc:referred': defineChannel(z.undefined(), z.array(CaseSummarySchema)),
  /** Supervisor decides a referred case; re-authenticates with their own secret; never their own case. */
  'kyc:review-decide': defineChannel(
    CaseId.extend({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().max(500).optional(), kind: z.enum(['password', 'pin']), secret: z.string().min(1).max(128) }),
    CaseSummarySchema,
  ),
  'kyc:stats': defineChannel(z.undefined(), KycStatsSchema),
  /** Onboardings left open (crash, closed window): the agent's own; a supervisor sees every agent's. */
  'kyc:open-cases': defineChannel(z.undefined(), z.array(OpenCaseSchema)),
  /** Restores the maker's open case into the session service at its last safe step. */
  'kyc:resume': defineChannel(CaseId, ResumedCaseSchema),
  /** Drops an open case (its maker, or a supervisor): consents and audit entries stay, no record is made. */
  'kyc:discard': defineChannel(CaseId, z.object({ status: CaseStatusSchema })),
};
