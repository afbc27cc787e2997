/** An error with an HTTP status and a stable code; the app's error handler turns it into `{ code, message }`. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}
