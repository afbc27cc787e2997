/**
 * One RD call over Node http/https on loopback. Custom verbs go through Node's
 * client fine; its strict response parser does not accept the bare-LF answers
 * some services may send, so `insecureHTTPParser` is on. That is acceptable
 * only because every call goes to 127.0.0.1 (enforced here). Self-signed TLS is
 * accepted for the same reason, for loopback only.
 */
import http from 'node:http';
import https from 'node:https';
import { KioskError } from '../../shared/errors';
import type { RdScheme } from './types';
import { MAX_RD_XML_BYTES } from './xml';

export const RD_HOST = '127.0.0.1';

export interface RdCall {
  scheme: RdScheme;
  port: number;
  method: 'RDSERVICE' | 'DEVICEINFO' | 'CAPTURE';
  path: string;
  body?: string;
  /** Whole-call deadline. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** EXT header (the calling application's name, per spec). */
  ext?: string;
}

export interface RdHttpResponse {
  status: number;
  body: string;
}

export type RdFailureReason = 'refused' | 'reset' | 'timeout' | 'cancelled' | 'tls' | 'too-large' | 'protocol';

export function rdFailure(reason: RdFailureReason, port: number, cause?: unknown): KioskError {
  const messages: Record<RdFailureReason, [string, string]> = {
    refused: ['E_RD_UNREACHABLE', `No RD service answers on port ${port}.`],
    reset: ['E_RD_UNREACHABLE', `The RD service on port ${port} closed the connection without answering.`],
    timeout: ['E_RD_TIMEOUT', `The RD service on port ${port} did not answer in time.`],
    cancelled: ['E_RD_CANCELLED', 'The capture was cancelled by the operator.'],
    tls: ['E_RD_UNREACHABLE', `The RD service on port ${port} failed the TLS handshake.`],
    'too-large': ['E_RD_BAD_RESPONSE', `The RD service on port ${port} sent an answer that is too large.`],
    protocol: ['E_RD_BAD_RESPONSE', `The RD service on port ${port} sent a malformed HTTP answer.`],
  };
  const [code, message] = messages[reason];
  return new KioskError(code, message, { port, reason }, { cause });
}

function reasonOf(e: unknown): RdFailureReason {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code.startsWith('HPE_')) return 'protocol';
  if (code.startsWith('ERR_SSL') || code.includes('TLS') || code === 'EPROTO') return 'tls';
  return 'reset';
}

export function rdRequest(call: RdCall): Promise<RdHttpResponse> {
  return new Promise<RdHttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (err: KioskError | undefined, value?: RdHttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const body = call.body === undefined ? undefined : Buffer.from(call.body, 'utf8');
    const headers: Record<string, string> = { Host: `${RD_HOST}:${call.port}` };
    if (call.ext) headers.EXT = call.ext;
    if (body) {
      headers['Content-Type'] = 'text/xml';
      headers['Content-Length'] = String(body.length);
    }
    const options: https.RequestOptions = {
      host: RD_HOST,
      port: call.port,
      method: call.method,
      path: call.path,
      headers,
      agent: false,
      insecureHTTPParser: true,
      ...(call.scheme === 'https' ? { rejectUnauthorized: false } : {}),
    };
    const req = (call.scheme === 'https' ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RD_XML_BYTES) finish(rdFailure('too-large', call.port));
        else chunks.push(c);
      });
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => finish(rdFailure(reasonOf(e), call.port, e)));
      // A service that closes after a body without Content-Length ends the response on close.
      res.on('aborted', () => finish(rdFailure('reset', call.port)));
    });
    req.on('error', (e) => finish(rdFailure(reasonOf(e), call.port, e)));
    const timer = setTimeout(() => finish(rdFailure('timeout', call.port)), call.timeoutMs);
    const onAbort = () => finish(rdFailure('cancelled', call.port));
    if (call.signal?.aborted) return onAbort();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    req.end(body);
  });
}
