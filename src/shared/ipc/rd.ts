/**
 * `rd:*` channels: biometric devices behind UIDAI RD services. The PID block
 * never crosses to the renderer: `rd:capture` answers a summary (codes, quality,
 * device ids, payload length and SHA-256) and an opaque `captureRef` that the
 * main process redeems when it sends the PID to the central API.
 */
import { z } from 'zod';
import { defineChannel } from './define';

const Port = z.number().int().min(1).max(65535);
export const ModalitySchema = z.enum(['finger', 'iris', 'face', 'unknown']);
export const RdStatusSchema = z.enum(['READY', 'USED', 'NOTREADY']);

export const RdDeviceSchema = z.object({
  id: z.string(),
  port: Port,
  scheme: z.enum(['http', 'https']),
  status: RdStatusSchema,
  info: z.string(),
  modality: ModalitySchema,
  interfaces: z.object({ capture: z.string(), deviceInfo: z.string(), fallback: z.boolean() }),
  device: z.object({ dpId: z.string(), rdsId: z.string(), rdsVer: z.string(), dc: z.string(), mi: z.string(), additionalInfo: z.record(z.string(), z.string()) }).optional(),
  certificate: z.object({ validTo: z.string(), daysToExpiry: z.number(), expired: z.boolean() }).optional(),
  warnings: z.array(z.string()),
});
export type RdDevice = z.infer<typeof RdDeviceSchema>;

export const RdDiscoverOutputSchema = z.object({ devices: z.array(RdDeviceSchema), elapsedMs: z.number(), budgetExhausted: z.boolean() });

export const RdCaptureInputSchema = z.object({
  port: Port,
  modality: z.enum(['finger', 'iris']),
  count: z.number().int().min(1).max(10).default(1),
  timeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  env: z.enum(['P', 'PP', 'S']).default('P'),
  /** From the backend for eKYC; empty for plain authentication. */
  wadh: z.string().max(64).default(''),
}).strict();

export const RdCaptureOutputSchema = z.object({
  /** Redeemable once, in the main process, for the PidData; expires after a short time. Absent on failure. */
  captureRef: z.string().optional(),
  success: z.boolean(),
  errCode: z.string(),
  errInfo: z.string(),
  message: z.object({ en: z.string(), hi: z.string() }),
  fCount: z.number().optional(),
  iCount: z.number().optional(),
  qScore: z.array(z.number()),
  nmPoints: z.array(z.number()),
  device: z.object({ dpId: z.string(), rdsId: z.string(), rdsVer: z.string(), dc: z.string(), mi: z.string() }).optional(),
  payload: z.object({ length: z.number(), sha256: z.string() }),
  durationMs: z.number(),
});
export type RdCaptureOutput = z.infer<typeof RdCaptureOutputSchema>;

export const rdChannels = {
  'rd:discover': defineChannel(z.undefined(), RdDiscoverOutputSchema),
  'rd:info': defineChannel(z.object({ port: Port }).strict(), RdDeviceSchema),
  'rd:capture': defineChannel(RdCaptureInputSchema, RdCaptureOutputSchema),
  'rd:cancel': defineChannel(z.object({ port: Port }).strict(), z.object({ cancelled: z.boolean() })),
};

export const rdEvents = {
  'devices:changed': z.object({ devices: z.array(RdDeviceSchema) }),
  'rd:progress': z.object({
    port: Port,
    stage: z.enum(['capturing', 'done', 'failed', 'cancelled']),
    errCode: z.string().optional(),
    code: z.string().optional(),
  }),
};
