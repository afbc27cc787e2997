/**
 * Kiosk configuration schemas. `KioskConfig` is what the running kiosk uses; in production its
 * central API URL, branch and policy come only from a file signed by the central API's key
 * (`SignedConfigFileSchema`, see signing.ts).
 */
import { z } from 'zod';
import { IdleLockSecondsSchema } from '../../shared/ipc/agents';
import { AppModeSchema } from '../../shared/ipc/app';

/** Policy values the bank's IT sets per branch. */
export const KioskPolicySchema = z.object({
  /** Lock the agent's session after this much inactivity (bounds shared with agents:set-idle-lock). */
  idleLockSeconds: IdleLockSecondsSchema.default(120),
  /** Clear an unfinished onboarding's screen state after this much inactivity. */
  idleResetSeconds: z.number().int().min(30).max(3600).default(300),
  /** Days a synced onboarding record stays on the kiosk before retention deletes it. */
  retentionDays: z.number().int().min(1).max(3650).default(30),
  /** Days of local log files kept. */
  logRetentionDays: z.number().int().min(1).max(365).default(14),
  /** Watchlists older than this many days (or none at all) are flagged on the home screen. */
  watchlistMaxAgeDays: z.number().int().min(1).max(365).default(7),
}).strict();
export type KioskPolicy = z.infer<typeof KioskPolicySchema>;

/** Trusted signers of AML list bundles: key id → SPKI PEM (the central API's bundle key). */
export const AmlBundleKeysSchema = z.record(z.string().min(1).max(64), z.string().min(40).max(4000)).refine((k) => Object.keys(k).length <= 8, 'at most 8 keys');

export const BranchIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, - and _ (at most 64)');

export const KioskConfigSchema = z.object({
  mode: AppModeSchema.default('demo'),
  /** Folder for the encrypted database, logs and key material. */
  dataDir: z.string().min(1),
  /** Central API base URL; in demo mode an embedded one is started when this is absent. */
  centralApiUrl: z.string().url().optional(),
  branchId: BranchIdSchema.default('DEMO-BRANCH'),
  /** Start the simulated RD services and the embedded central API (demo only). */
  demoPeers: z.boolean().default(true),
  policy: KioskPolicySchema.default(KioskPolicySchema.parse({})),
  /** Where the central API URL, branch and policy came from. */
  source: z.enum(['defaults', 'signed-file']).default('defaults'),
  /** Ed25519 public keys (SPKI PEM) by key id that AML list bundles must be signed with; from the signed file. */
  amlBundleKeys: AmlBundleKeysSchema.default({}),
});
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

/** What the central API signs for one branch (or one kiosk). */
export const SignedConfigPayloadSchema = z.object({
  centralApiUrl: z.string().url().refine((u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(u), 'must be https (or http on loopback)'),
  branchId: BranchIdSchema,
  /** When set, only the kiosk with this id accepts the file. */
  kioskId: z.string().min(1).max(64).optional(),
  policy: KioskPolicySchema,
  /** Keys AML list bundles are signed with (keep the old one during a rotation). */
  amlBundleKeys: AmlBundleKeysSchema.optional(),
  issuedAt: z.string().datetime(),
  /** Refused after this instant (forces IT to re-issue, e.g. yearly). */
  expiresAt: z.string().datetime().optional(),
}).strict();
export type SignedConfigPayload = z.infer<typeof SignedConfigPayloadSchema>;
export type SignedConfigPayloadInput = z.input<typeof SignedConfigPayloadSchema>;

export const CONFIG_FILE_FORMAT = 'vdex-kiosk-config/1';

/** The file on disk: the payload, the signer's key id and an Ed25519 signature over both. */
export const SignedConfigFileSchema = z.object({
  format: z.literal(CONFIG_FILE_FORMAT),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  config: z.unknown(),
  signature: z.string().min(1),
}).strict();
export type SignedConfigFile = z.infer<typeof SignedConfigFileSchema>;
