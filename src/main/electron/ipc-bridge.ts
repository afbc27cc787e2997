/**
 * Registers every contract channel with ipcMain (VS Code style: validated at
 * the door). The sender must be our own main frame; the payload is parsed by
 * the dispatcher; errors come back as data. Push events go to our window only.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { CoreErrorCode } from '../../shared/errors';
import { channelNames } from '../../shared/ipc';
import type { Logger } from '../../shared/log';
import type { Result } from '../../shared/result';
import { dispatch } from '../dispatch';
import type { Handlers } from '../handler-types';
import { isTrustedSender } from './policy';

/** The part of ipcMain we use, so the contract test can pass a recorder. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  allowedOrigins: readonly string[],
  log?: Logger,
): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, ...args): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, allowedOrigins)) {
        log?.warn({ channel }, 'refused IPC from an untrusted sender');
        return { ok: false, error: { code: CoreErrorCode.FORBIDDEN_SENDER, message: 'Request refused: it did not come from the kiosk window.' } };
      }
      return dispatch(handlers, channel, args[0], { transport: 'electron', connectionId: String(event.sender.id) }, log);
    });
  }
  return () => channelNames.forEach((c) => ipcMain.removeHandler(c));
}
