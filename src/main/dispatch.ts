/**
 * One call through the contract, whatever the transport: check the channel,
 * parse the input with its schema, run the handler, check the output, and turn
 * every failure into error data. Nothing thrown here reaches a renderer.
 */
import { CoreErrorCode, toErrorData } from '../shared/errors';
import { channels, isChannelName } from '../shared/ipc';
import type { Logger } from '../shared/log';
import type { Result } from '../shared/result';
import type { CallContext, Handler, Handlers } from './handler-types';

/** Zod issues reduced to paths and codes: the received values may be identity data. */
function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.code}`)
    .join('; ');
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  ctx: CallContext,
  log?: Logger,
): Promise<Result<unknown>> {
  if (!isChannelName(channel)) {
    return { ok: false, error: { code: CoreErrorCode.UNKNOWN_CHANNEL, message: 'The kiosk does not know this request.' } };
  }
  const spec = channels[channel];
  const parsed = spec.input.safeParse(rawInput);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: CoreErrorCode.BAD_INPUT,
        message: `The request ${channel} was malformed (${describeIssues(parsed.error.issues)}).`,
      },
    };
  }
  try {
    const handler = handlers[channel] as Handler<typeof channel>;
    const value = await handler(parsed.data as never, ctx);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log?.error({ channel, issues: describeIssues(checked.error.issues) }, 'handler returned a value outside the contract');
      return { ok: false, error: { code: CoreErrorCode.BAD_OUTPUT, message: 'The kiosk produced an invalid answer. Please call support.' } };
    }
    return { ok: true, value: checked.data };
  } catch (e) {
    const error = toErrorData(e);
    if (error.code === CoreErrorCode.INTERNAL) {
      log?.error({ channel, err: e instanceof Error ? e.name : typeof e }, 'handler failed');
    }
    return { ok: false, error };
  }
}
