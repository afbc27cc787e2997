/**
 * IDfy eve v3 emulator (test peer), held to the shapes in kyc-domain.md 2.1/2.2:
 * `api-key` + `account-id` headers (401 otherwise), `{task_id, group_id, data}`
 * (400 `{"error":"BAD_REQUEST"}` otherwise), 404 for unknown task types, sync
 * answers with the task object, async answers 202 `{request_id}`, and
 * `GET /v3/tasks?request_id=` answers an array whose task stays in_progress for
 * a configurable number of polls.
 */
import { randomUUID } from 'node:crypto';
import { HttpEmulator, type EmulatedAnswer, type EmulatedRequest } from '../test/http-emulator';

export const IDFY_KEYS = { apiKey: '5f0c6a3e-6c4b-4f55-9b37-0e7d3f7f2a11', accountId: 'a1b2c3d4e5f6/0b7e2f7c-1d55-4c61-8d1e-2b9a4c1f9e00' };

interface PanRecord { name: string; dob: string; status?: string; seeded?: boolean }
interface PassportRecord { dob: string; name: string; surname: string; applicationDate: string }

export class IdfyEmulator extends HttpEmulator {
  readonly pans = new Map<string, PanRecord>();
  readonly passports = new Map<string, PassportRecord>();
  /** Polls that still answer in_progress before an async task completes. */
  pollsBeforeDone = 2;
  /** Task types whose government source is "down" (task status failed). */
  readonly failingSources = new Set<string>();
  private readonly tasks = new Map<string, { task: Record<string, unknown>; pollsLeft: number }>();

  constructor() {
    super((req) => this.handle(req));
  }

  private handle(req: EmulatedRequest): EmulatedAnswer {
    if (req.headers['api-key'] !== IDFY_KEYS.apiKey || req.headers['account-id'] !== IDFY_KEYS.accountId) {
      return { status: 401, body: { error: 'UNAUTHORIZED', message: 'Invalid api-key or account-id' } };
    }
    if (req.method === 'GET' && req.path === '/v3/tasks') {
      const id = req.query.get('request_id') ?? '';
      const t = this.tasks.get(id);
      if (!t) return { status: 200, body: [] };
      if (t.pollsLeft > 0) {
        t.pollsLeft--;
        return { status: 200, body: [{ ...t.task, status: 'in_progress', result: null }] };
      }
      return { status: 200, body: [t.task] };
    }
    const m = /^\/v3\/tasks\/(sync|async)\/([a-z_]+)\/([a-z_]+)$/.exec(req.path);
    if (req.method !== 'POST' || !m) return { status: 404, body: { error: 'NOT_FOUND', message: 'Not Found' } };
    const [, mode, action, type] = m as unknown as [string, 'sync' | 'async', string, string];
    if (action !== 'verify_with_source' || (type !== 'ind_pan' && type !== 'ind_passport')) return { status: 404, body: { error: 'NOT_FOUND', message: 'Not Found' } };
    const body = req.body as { task_id?: unknown; group_id?: unknown; data?: Record<string, unknown> } | undefined;
    if (!body || typeof body.task_id !== 'string' || typeof body.group_id !== 'string' || !body.data || typeof body.data !== 'object') {
      return { status: 400, body: { error: 'BAD_REQUEST', message: 'Bad Request' } };
    }
    const requestId = randomUUID();
    const output = type === 'ind_pan' ? this.pan(body.data) : this.passport(body.data);
    if (output === 'bad') return { status: 400, body: { error: 'BAD_REQUEST', message: 'Bad Request' } };
    const now = new Date().toISOString();
    const failed = this.failingSources.has(type);
    const task = {
      action, type, task_id: body.task_id, group_id: body.group_id, request_id: requestId, created_at: now, completed_at: now,
      status: failed ? 'failed' : 'completed',
      result: failed ? null : { source_output: output },
      ...(failed ? { error: 'SOURCE_DOWN', message: 'Source is down' } : {}),
    };
    if (mode === 'sync') return { status: 200, body: task };
    this.tasks.set(requestId, { task, pollsLeft: this.pollsBeforeDone });
    return { status: 202, body: { request_id: requestId } };
  }

  private pan(data: Record<string, unknown>): Record<string, unknown> | 'bad' {
    const { id_number: pan, full_name: name, dob } = data;
    if (typeof pan !== 'string' || (dob !== undefined && (typeof dob !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dob)))) return 'bad';
    const rec = this.pans.get(pan);
    const input_details = { input_pan_number: pan, input_name: name, input_dob: dob };
    if (!rec) return { status: 'id_not_found', input_details };
    return {
      status: 'id_found',
      pan_status: rec.status ?? 'Existing and Valid. PAN is Operative',
      aadhaar_seeding_status: rec.seeded ?? true,
      name_match: typeof name === 'string' && name.toUpperCase() === rec.name,
      dob_match: dob === rec.dob,
      input_details,
    };
  }

  private passport(data: Record<string, unknown>): Record<string, unknown> | 'bad' {
    const fileNumber = data.passport_file_number;
    const dob = data.date_of_birth;
    if (typeof fileNumber !== 'string' || typeof dob !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return 'bad';
    const rec = this.passports.get(fileNumber);
    if (!rec || rec.dob !== dob) return { status: 'id_not_found', file_number: fileNumber };
    return {
      status: 'id_found', file_number: fileNumber, date_of_birth: rec.dob, name: rec.name, surname: rec.surname,
      application_date: rec.applicationDate, passport_status: `Passport ${'Z'}1234567 dispatched`,
    };
  }
}
