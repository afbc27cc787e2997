/**
 * The Node logger: pino with every identity field redacted wherever it appears
 * (top level and one or two levels down). Never log identity data on purpose;
 * this is the safety net.
 */
import pino from 'pino';
import { IDENTITY_FIELDS, type Logger } from '../shared/log';

const redactPaths = IDENTITY_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export function createLogger(options: { level?: string; destination?: pino.DestinationStream; name?: string } = {}): Logger {
  const level = options.level ?? process.env.VDEX_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  const base = { level, name: options.name ?? 'vdex', redact: { paths: redactPaths, censor: '[redacted]' } };
  return (options.destination ? pino(base, options.destination) : pino(base)) as unknown as Logger;
}
