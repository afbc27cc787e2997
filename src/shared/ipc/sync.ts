/** `queue:*` and `sync:*` channels: the kiosk's outbox as the agent sees it, and its push events. */
import { z } from 'zod';
import { defineChannel } from './define';

export const BreakerStateSchema = z.enum(['closed', 'open', 'half-open', 'isolated']);

export const QueueStatusSchema = z.object({
  enrolled: z.boolean(),
  online: z.boolean(),
  /** Rows waiting or in flight. */
  depth: z.number().int(),
  rejected: z.number().int(),
  applied: z.number().int(),
  auditPending: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  breaker: BreakerStateSchema,
  lastError: z.string().nullable(),
  /** Set when the server refused the audit chain (409). */
  chainBreakAt: z.number().int().nullable(),
  clockSkewMs: z.number(),
});
export type QueueStatus = z.infer<typeof QueueStatusSchema>;

export const RejectedItemSchema = z.object({
  id: z.number().int(),
  recordType: z.string(),
  recordId: z.string(),
  reason: z.string(),
  attempts: z.number().int(),
  updatedAt: z.string(),
});

export const syncChannels = {
  'queue:status': defineChannel(z.undefined(), QueueStatusSchema),
  'queue:rejected': defineChannel(z.undefined(), z.array(RejectedItemSchema)),
  /** Puts rejected rows back in the queue (all, or the ids given) after the cause was fixed. */
  'queue:retry': defineChannel(z.object({ ids: z.array(z.number().int().positive()).max(1000).optional() }).strict(), z.object({ retried: z.number().int() })),
  /** Runs a sync cycle now; resolves when it has finished (the flow never waits on this). */
  'sync:now': defineChannel(z.undefined(), QueueStatusSchema),
};

export const syncEvents = {
  'sync:progress': z.object({
    phase: z.enum(['audit', 'outbox']),
    sent: z.number().int(),
    applied: z.number().int(),
    duplicate: z.number().int(),
    rejected: z.number().int(),
    depth: z.number().int(),
  }),
  'queue:changed': QueueStatusSchema,
};
