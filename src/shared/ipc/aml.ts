/** `aml:*` channels: screening, list status, the supervisor review queue and dispositions. */
import { z } from 'zod';
import { defineChannel } from './define';

const Hit = z.object({
  entityId: z.string(), list: z.string(), ref: z.string(), kind: z.string(), primaryName: z.string(), programs: z.array(z.string()),
  score: z.number(), position: z.string().optional(), pepCountry: z.string().optional(),
  explanation: z.object({
    matchedName: z.string(), matchedNameKind: z.string(),
    tokens: z.array(z.object({ query: z.string(), list: z.string(), similarity: z.number(), how: z.string() })),
    unmatchedQuery: z.array(z.string()), unmatchedList: z.array(z.string()), nameScore: z.number(),
    qualifiers: z.array(z.object({ factor: z.string(), verdict: z.string(), delta: z.number(), detail: z.string() })),
    notes: z.array(z.string()),
  }),
});

const Risk = z.object({
  band: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']), score: z.number(),
  reasons: z.array(z.object({ code: z.string(), detail: z.string(), points: z.number().optional() })),
  pendingHits: z.array(z.string()), pendingReview: z.boolean(), reKycYears: z.union([z.literal(2), z.literal(8), z.literal(10)]),
});

export const AmlScreenInputSchema = z.object({
  name: z.string().min(1).max(300),
  dob: z.string().max(10).optional(),
  country: z.string().max(60).optional(),
  gender: z.enum(['male', 'female', 'other']).optional(),
  kind: z.enum(['person', 'organisation']).optional(),
  subjectRef: z.string().max(100).optional(),
  kycRecordId: z.string().max(100).optional(),
  factors: z.object({
    customerType: z.enum(['salaried', 'pensioner', 'self-employed', 'business', 'cash-intensive', 'trust-ngo', 'hni']).optional(),
    residence: z.enum(['resident', 'non-resident']).optional(),
    fatfCountry: z.enum(['grey', 'black']).optional(),
    identityAssurance: z.enum(['biometric-ekyc', 'otp-ekyc', 'offline-ovd', 'low-confidence']).optional(),
    channel: z.enum(['assisted-in-person', 'non-face-to-face']).optional(),
    expectedActivity: z.enum(['low', 'medium', 'high']).optional(),
    domesticPep: z.boolean().optional(),
  }).optional(),
});

export const AmlAssessmentSchema = z.object({
  id: z.string(), subjectRef: z.string(), hits: z.array(Hit), risk: Risk, listVersion: z.string(), matcherVersion: z.string(),
  screenedAt: z.string(), nextReKycAt: z.string(),
  dispositions: z.array(z.object({ entityId: z.string(), decision: z.enum(['true-match', 'false-positive']), reason: z.string(), supervisorId: z.string(), at: z.string() })),
});

export const AmlListsStatusSchema = z.object({
  loaded: z.boolean(), origin: z.enum(['bundle', 'folder', 'none']), version: z.string().nullable(), createdAt: z.string().nullable(),
  ageHours: z.number().nullable(), entities: z.number(), names: z.number(),
  sources: z.array(z.object({ list: z.string(), files: z.array(z.string()), version: z.string(), entities: z.number() })),
  indexBuildMs: z.number().nullable(), matcherVersion: z.string(), thresholds: z.object({ review: z.number(), block: z.number() }),
  /** The last attempt to fetch lists from the central API. */
  lastCheck: z.object({
    at: z.string(), outcome: z.enum(['offline', 'none-published', 'unchanged', 'installed', 'refused', 'failed']),
    version: z.string().optional(), code: z.string().optional(), detail: z.string().optional(), rescreened: z.number().optional(),
  }).nullable(),
  /** Lists older than this are too old (the policy's watchlistMaxAgeDays, default 7 days). */
  maxAgeHours: z.number(),
  /** 'missing': no lists installed; 'old': older than maxAgeHours; null: fine. */
  warning: z.enum(['missing', 'old']).nullable(),
});

export const AmlReviewItemSchema = z.object({
  assessmentId: z.string(),
  subject: z.object({ name: z.string(), dob: z.string().optional(), country: z.string().optional(), gender: z.enum(['male', 'female', 'other']).optional(), kind: z.enum(['person', 'organisation']).optional() }),
  screenedAt: z.string(),
  listVersion: z.string(),
  evidence: z.array(z.object({ hit: Hit, entry: z.unknown() })),
});

export const AmlDisposeInputSchema = z.object({
  assessmentId: z.string().min(1).max(100),
  entityId: z.string().min(1).max(100),
  decision: z.enum(['true-match', 'false-positive']),
  reason: z.string().max(1000),
  supervisorId: z.string().min(1).max(100),
});

export const amlChannels = {
  'aml:screen': defineChannel(AmlScreenInputSchema, AmlAssessmentSchema),
  'aml:lists': defineChannel(z.undefined(), AmlListsStatusSchema),
  'aml:review-queue': defineChannel(z.undefined(), z.array(AmlReviewItemSchema)),
  'aml:dispose': defineChannel(AmlDisposeInputSchema, AmlAssessmentSchema),
};
