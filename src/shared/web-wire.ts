/**
 * Browser mode's wire constants and message shapes, without zod: the renderer's
 * WebSocket bridge imports these on the login path, where the schema module
 * (`web-protocol.ts`, which re-exports them) would pull in zod.
 */
export const WEB_IPC_PATH = '/ipc';
/** Largest message either side accepts (an offline e-KYC ZIP is well under this). */
export const WEB_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export type WebServerMessage =
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'event'; event: string; payload: unknown };
