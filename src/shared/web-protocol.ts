/**
 * Browser mode's wire format over the loopback WebSocket: the same contract as
 * Electron IPC, framed as JSON messages.
 */
import { z } from 'zod';

export { WEB_IPC_PATH, WEB_MAX_MESSAGE_BYTES, type WebServerMessage } from './web-wire';

export const WebRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown().optional(),
});
export type WebRequest = z.infer<typeof WebRequestSchema>;
