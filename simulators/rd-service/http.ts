/**
 * A minimal HTTP/1.1 request reader and response writer on a raw socket: Node's
 * HTTP server answers 400 HPE_INVALID_METHOD to RDSERVICE, DEVICEINFO and
 * CAPTURE (reference §2.6), so the simulator parses requests itself.
 */
export interface RawRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string;
}

export const MAX_HEADER_BYTES = 16 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;

export type ParseOutcome = { kind: 'need-more' } | { kind: 'bad' } | { kind: 'request'; request: RawRequest };

/** Parses one request from the bytes received so far (Content-Length or chunked body; CRLF or bare LF). */
export function parseRequest(buf: Buffer): ParseOutcome {
  const crlf = buf.indexOf('\r\n\r\n');
  const lf = buf.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? { at: crlf, len: 4 } : lf >= 0 ? { at: lf, len: 2 } : undefined;
  if (!end) return buf.length > MAX_HEADER_BYTES ? { kind: 'bad' } : { kind: 'need-more' };
  const head = buf.subarray(0, end.at).toString('latin1');
  const lines = head.split(/\r?\n/);
  const m = /^([A-Za-z-]{1,32}) (\S{1,2048}) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!m) return { kind: 'bad' };
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) return { kind: 'bad' };
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const rest = buf.subarray(end.at + end.len);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const body = dechunk(rest);
    if (body === 'bad') return { kind: 'bad' };
    if (body === undefined) return rest.length > MAX_BODY_BYTES ? { kind: 'bad' } : { kind: 'need-more' };
    return { kind: 'request', request: { method: m[1]!, target: m[2]!, headers, body: body.toString('utf8') } };
  }
  const cl = headers['content-length'];
  const length = cl === undefined ? 0 : /^\d{1,9}$/.test(cl) ? Number(cl) : -1;
  if (length < 0 || length > MAX_BODY_BYTES) return { kind: 'bad' };
  if (rest.length < length) return { kind: 'need-more' };
  return { kind: 'request', request: { method: m[1]!, target: m[2]!, headers, body: rest.subarray(0, length).toString('utf8') } };
}

function dechunk(buf: Buffer): Buffer | undefined | 'bad' {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const nl = buf.indexOf('\n', pos);
    if (nl < 0) return undefined;
    const size = parseInt(buf.subarray(pos, nl).toString('latin1').trim().split(';')[0]!, 16);
    if (!Number.isFinite(size) || size < 0) return 'bad';
    pos = nl + 1;
    if (size === 0) return Buffer.concat(parts);
    if (buf.length < pos + size) return undefined;
    parts.push(buf.subarray(pos, pos + size));
    pos += size;
    if (buf[pos] === 0x0d) pos++;
    if (buf[pos] === 0x0a) pos++;
  }
}

export interface ResponseStyle {
  /** Bare LF line endings (the "legacy-lf" personality). */
  bareLf: boolean;
  contentLength: boolean;
  /** The `Connection` header value: the spec literally prints "Closed". */
  connection: string;
}

export function writeResponse(style: ResponseStyle, status: string, headers: Array<[string, string]>, body: string): Buffer {
  const eol = style.bareLf ? '\n' : '\r\n';
  const bodyBuf = Buffer.from(body, 'utf8');
  const all: Array<[string, string]> = [...headers];
  if (style.contentLength) all.push(['Content-Length', String(bodyBuf.length)]);
  all.push(['Connection', style.connection]);
  const head = [`HTTP/1.1 ${status}`, ...all.map(([k, v]) => `${k}: ${v}`)].join(eol) + eol + eol;
  return Buffer.concat([Buffer.from(head, 'latin1'), bodyBuf]);
}
