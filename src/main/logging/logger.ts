/**
 * The Node logger: pino with every identity and personal field redacted wherever it appears
 * (pino's path redaction for the common depths, plus a formatter that walks the whole record and
 * masks Aadhaar-like numbers in text). Never log identity data on purpose; this is the safety net.
 * Files rotate daily and at 10 MB in `<data dir>/logs` (pino-roll), keeping the newest few.
 */
import path from 'node:path';
import pino from 'pino';
import pinoRoll from 'pino-roll';
import { IDENTITY_FIELDS, type Logger } from '../../shared/log';
import { CENSOR, redactValue } from './redaction';

// A top-level `pid` in a pino line is the process id (a `pid` key in a log object is still
// censored by the log formatter below).
const redactPaths = IDENTITY_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]).filter((p) => p !== 'pid');

export const LOG_DIR_NAME = 'logs';
export const LOG_FILE_BASE = 'vdex';

export interface LoggerOptions {
  level?: string;
  destination?: pino.DestinationStream;
  name?: string;
}

function pinoOptions(options: LoggerOptions): pino.LoggerOptions {
  const level = options.level ?? process.env.VDEX_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return {
    level,
    name: options.name ?? 'vdex',
    redact: { paths: redactPaths, censor: CENSOR },
    formatters: {
      log: (record) => redactValue(record) as Record<string, unknown>,
      // The root bindings: pino's own process id and host name, and our logger name.
      bindings: ({ name, pid, ...rest }) => ({ ...(name === undefined ? {} : { name }), ...(typeof pid === 'number' ? { pid } : {}), ...(redactValue(rest) as Record<string, unknown>) }),
    },
    // Message strings are free text: mask Aadhaar-like numbers in them too.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? (redactValue(a) as string) : a)) as Parameters<typeof method>);
      },
    },
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = pinoOptions(options);
  const logger = options.destination ? pino(base, options.destination) : pino(base);
  // pino skips the bindings formatter for children, so redact a child's bindings here; children
  // inherit this method through their prototype, so grandchildren are covered too.
  const pinoChild = logger.child as unknown as (this: pino.Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => pino.Logger;
  logger.child = function redactedChild(this: pino.Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions) {
    return pinoChild.call(this, redactValue(bindings) as pino.Bindings, childOptions);
  } as unknown as typeof logger.child;
  return logger as unknown as Logger;
}

export interface FileLogger {
  log: Logger;
  logDir: string;
  /** Writes out what is buffered (call before exit). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A logger writing rotating files in `<dataDir>/logs`. */
export async function openFileLogger(options: { dataDir: string; level?: string; maxSize?: string; keepFiles?: number; name?: string }): Promise<FileLogger> {
  const logDir = path.join(options.dataDir, LOG_DIR_NAME);
  const stream = await pinoRoll({
    file: path.join(logDir, LOG_FILE_BASE),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: options.maxSize ?? '10m',
    limit: { count: options.keepFiles ?? 14 },
    mkdir: true,
  });
  const log = createLogger({ level: options.level ?? process.env.VDEX_LOG_LEVEL ?? 'info', destination: stream, ...(options.name ? { name: options.name } : {}) });
  // sonic-boom's flush() is a no-op when it buffers nothing (minLength 0) even while an async write
  // is in flight, so wait for that write (bounded), then write anything queued synchronously.
  const internals = stream as unknown as { _writing?: boolean };
  const flush = async () => {
    for (let waited = 0; internals._writing && waited < 2000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    try {
      stream.flushSync();
    } catch {
      // not open yet or already closed: nothing to write
    }
  };
  return {
    log,
    logDir,
    flush,
    async close() {
      await flush();
      await new Promise<void>((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
    },
  };
}
