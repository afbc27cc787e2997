/**
 * Browser mode's wire format over the loopback WebSocket: the same contract as
 * Electron IPC, framed as JSON messages.
 */
import { z } from 'zod';

export const WEB_IPC_PATH = '/ipc';
/** Largest message either side accepts (an offline e-KYC ZIP is well under this). */
export const WEB_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export const WebRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown().optional(),
});
export type WebRequest = z.infer<typeof WebRequestSchema>;

export type WebServerMessage =
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'event'; event: string; payload: unknown };
