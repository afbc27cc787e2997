/**
 * The support bundle (`vdex logs export`): every log file in `<data dir>/logs`, each line redacted
 * again on the way out (files written by an older build, or by hand, get the same treatment), plus
 * a manifest. A zip (fflate) so support can open it anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { KioskError } from '../../shared/errors';
import { LOG_DIR_NAME } from './logger';
import { redactLine } from './redaction';

export interface SupportBundleSummary {
  out: string;
  createdAt: string;
  files: Array<{ name: string; lines: number; changedLines: number; bytes: number }>;
}

export interface ExportOptions {
  dataDir: string;
  out: string;
  now?: Date;
  /** Facts about the kiosk for the manifest (version, mode, branch); never identity data. */
  about?: Record<string, unknown>;
  /** Only files modified within this many days. */
  days?: number;
}

export function exportSupportBundle(options: ExportOptions): SupportBundleSummary {
  const logDir = path.join(options.dataDir, LOG_DIR_NAME);
  if (!existsSync(logDir)) throw new KioskError('E_LOGS_NONE', `No log folder at ${logDir}.`);
  const now = options.now ?? new Date();
  const since = options.days === undefined ? 0 : now.getTime() - options.days * 86_400_000;
  const entries: Record<string, Uint8Array> = {};
  const files: SupportBundleSummary['files'] = [];
  for (const name of readdirSync(logDir).sort()) {
    const full = path.join(logDir, name);
    const stat = statSync(full);
    if (!stat.isFile() || !/\.log(\.\d+)?$|\.\d+\.log$/.test(name) || stat.mtimeMs < since) continue;
    const lines = readFileSync(full, 'utf8').split('\n');
    let changedLines = 0;
    const redacted = lines.map((line) => {
      const out = redactLine(line);
      if (out !== line) changedLines += 1;
      return out;
    });
    const text = redacted.join('\n');
    entries[`logs/${name}`] = strToU8(text);
    files.push({ name, lines: lines.filter((l) => l.trim() !== '').length, changedLines, bytes: Buffer.byteLength(text) });
  }
  if (files.length === 0) throw new KioskError('E_LOGS_NONE', `No log files in ${logDir}.`);
  const createdAt = now.toISOString();
  entries['manifest.json'] = strToU8(JSON.stringify({ format: 'vdex-support-bundle/1', createdAt, about: options.about ?? {}, files }, null, 2));
  writeFileSync(options.out, zipSync(entries, { level: 6 }));
  return { out: options.out, createdAt, files };
}
