/**
 * IDfy eve v3 tasks (kyc-domain.md section 2.1): plain `api-key` and
 * `account-id` headers (IDfy signs nothing), a `{task_id, group_id, data}`
 * envelope, sync tasks answered with the task object, async tasks answered with
 * `{request_id}` and polled through `GET /v3/tasks?request_id=`, which returns
 * an array. Task status in_progress (or pending/queued) / completed / failed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ProviderError } from '../errors';
import { createProviderHttp, type ProviderHttp } from '../http';
import type { ProviderGuard } from '../resilience';

export interface IdfyConfig {
  baseURL: string;
  apiKey: string;
  accountId: string;
  timeoutMs?: number;
  /** Between polls of an async task. */
  pollIntervalMs?: number;
  /** Give up on an async task after this long (the case then goes to manual review). */
  pollBudgetMs?: number;
}

export const IdfyTaskSchema = z.object({
  action: z.string().optional(),
  type: z.string().optional(),
  status: z.string(),
  task_id: z.string().optional(),
  group_id: z.string().optional(),
  request_id: z.string().optional(),
  result: z.object({ source_output: z.record(z.string(), z.unknown()).nullable().optional() }).passthrough().nullable().optional(),
  error: z.unknown().optional(),
  message: z.unknown().optional(),
}).passthrough();
export type IdfyTask = z.infer<typeof IdfyTaskSchema>;

const IN_PROGRESS = new Set(['in_progress', 'pending', 'queued']);
const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
});

export class IdfyClient {
  static readonly NAME = 'idfy';
  private readonly http: ProviderHttp;
  private readonly pollIntervalMs: number;
  private readonly pollBudgetMs: number;

  constructor(config: IdfyConfig, private readonly guard: ProviderGuard) {
    this.http = createProviderHttp({
      provider: IdfyClient.NAME,
      baseURL: config.baseURL,
      timeoutMs: config.timeoutMs ?? guard.options.timeoutMs,
      headers: { 'api-key': config.apiKey, 'account-id': config.accountId },
    });
    this.pollIntervalMs = config.pollIntervalMs ?? 1500;
    this.pollBudgetMs = config.pollBudgetMs ?? 45_000;
  }

  /**
   * Runs one task and returns it once completed or failed. A retried POST reuses
   * its task_id, so IDfy can tell it is the same task.
   */
  async run(action: string, type: string, data: Record<string, unknown>, opts: { mode: 'sync' | 'async'; meta: { journeyId: string; deviceId?: string } }): Promise<IdfyTask> {
    const body = { task_id: randomUUID(), group_id: opts.meta.journeyId, data };
    const trace = { journeyId: opts.meta.journeyId, ...(opts.meta.deviceId ? { deviceId: opts.meta.deviceId } : {}) };
    const path = `/v3/tasks/${opts.mode}/${action}/${type}`;
    const posted = await this.guard.call({ endpoint: `POST ${path}`, method: 'POST', retrySafe: true, ...trace }, async (signal) => {
      const res = await this.http.request<unknown>({ method: 'POST', url: path, data: body }, signal);
      return res.data;
    });
    if (opts.mode === 'sync') return this.parseTask(posted);
    const requestId = z.object({ request_id: z.string().min(1) }).safeParse(posted);
    if (!requestId.success) throw new ProviderError(IdfyClient.NAME, 'protocol', 'IDfy async task answer had no request_id');
    return this.poll(requestId.data.request_id, trace);
  }

  private async poll(requestId: string, trace: { journeyId: string; deviceId?: string }): Promise<IdfyTask> {
    const deadline = Date.now() + this.pollBudgetMs;
    for (;;) {
      const answer = await this.guard.call({ endpoint: 'GET /v3/tasks', method: 'GET', retrySafe: true, ...trace }, async (signal) =>
        (await this.http.request<unknown>({ method: 'GET', url: '/v3/tasks', params: { request_id: requestId } }, signal)).data);
      if (!Array.isArray(answer)) throw new ProviderError(IdfyClient.NAME, 'protocol', 'IDfy task poll did not answer an array');
      const task = answer.length > 0 ? this.parseTask(answer[0]) : undefined;
      if (task && !IN_PROGRESS.has(task.status)) return task;
      if (Date.now() + this.pollIntervalMs > deadline) {
        throw new ProviderError(IdfyClient.NAME, 'timeout', `IDfy task still in progress after ${Math.round(this.pollBudgetMs / 1000)} s`);
      }
      await sleep(this.pollIntervalMs);
    }
  }

  private parseTask(value: unknown): IdfyTask {
    const parsed = IdfyTaskSchema.safeParse(value);
    if (!parsed.success) throw new ProviderError(IdfyClient.NAME, 'protocol', 'IDfy answered a task object of an unexpected shape');
    return parsed.data;
  }
}

/** The task's source_output, or null when the government source failed (task status failed). */
export function sourceOutput(task: IdfyTask): Record<string, unknown> | null {
  if (task.status === 'failed') return null;
  if (task.status !== 'completed') throw new ProviderError(IdfyClient.NAME, 'protocol', `IDfy task ended in unknown status "${task.status}"`);
  const out = task.result?.source_output;
  if (!out || typeof out !== 'object') throw new ProviderError(IdfyClient.NAME, 'protocol', 'IDfy completed task had no source_output');
  return out;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
/** IDfy reports booleans as true/false and sometimes "Y"/"N" or "yes"/"no". */
export const bool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : typeof v === 'string' ? (/^(y|yes|true)$/i.test(v) ? true : /^(n|no|false)$/i.test(v) ? false : undefined) : undefined;
