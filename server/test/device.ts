/**
 * A minimal signing client for the server tests, written from the shared
 * canonical-request definition (the kiosk's real client in src/main/sync is
 * exercised against the server by the fault suite).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  HEADER_DEVICE, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIME, canonicalRequest,
} from '../../src/shared/sync/signing';

/** Parsed JSON answers, read loosely by the tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface TestDevice {
  deviceId: string;
  privateKey: KeyObject;
  request(method: string, path: string, body?: unknown, opts?: { time?: number; nonce?: string; key?: KeyObject; tamper?: (b: string) => string }): Promise<{ status: number; json: Json; headers: Headers; sent: RequestInit & { url: string } }>;
}

export async function adminCall(base: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export async function enrolDevice(base: string, adminToken: string, name = 'kiosk'): Promise<TestDevice> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const code = (await adminCall(base, adminToken, 'POST', '/v1/admin/enrolment-codes', { branchId: 'BR-001' })).json.code as string;
  const res = await fetch(`${base}/v1/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, name, publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }),
  });
  const { deviceId } = (await res.json()) as { deviceId: string };
  if (!deviceId) throw new Error(`enrolment failed: ${res.status}`);
  return {
    deviceId,
    privateKey,
    async request(method, path, body, opts = {}) {
      let text = body === undefined ? '' : JSON.stringify(body);
      const time = String(opts.time ?? Date.now());
      const nonce = opts.nonce ?? randomBytes(16).toString('base64url');
      const bodySha256 = createHash('sha256').update(text).digest('hex');
      const signature = sign(null, Buffer.from(canonicalRequest({ method, path, bodySha256, time, nonce, deviceId })), opts.key ?? privateKey).toString('base64');
      if (opts.tamper) text = opts.tamper(text);
      const sent = {
        url: base + path,
        method,
        headers: { [HEADER_DEVICE]: deviceId, [HEADER_TIME]: time, [HEADER_NONCE]: nonce, [HEADER_SIGNATURE]: signature, ...(text ? { 'content-type': 'application/json' } : {}) },
        body: text || undefined,
      };
      const res = await fetch(sent.url, sent);
      const out = await res.text();
      return { status: res.status, json: out ? JSON.parse(out) : undefined, headers: res.headers, sent };
    },
  };
}
