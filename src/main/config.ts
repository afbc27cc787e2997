/**
 * Kiosk configuration: one zod schema, defaults for demo mode. Later the
 * production file is signed by the central API (see the shipping issue);
 * environment overrides are honoured only in demo and development modes.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppModeSchema } from '../shared/ipc/app';

export const KioskConfigSchema = z.object({
  mode: AppModeSchema.default('demo'),
  /** Folder for the encrypted database, logs and key material. */
  dataDir: z.string().min(1),
  /** Central API base URL; in demo mode an embedded one is started when this is absent. */
  centralApiUrl: z.string().url().optional(),
  branchId: z.string().min(1).max(64).default('DEMO-BRANCH'),
  /** Start the simulated RD services and the embedded central API (demo only). */
  demoPeers: z.boolean().default(true),
});
export type KioskConfig = z.infer<typeof KioskConfigSchema>;

export function defaultDataDir(): string {
  return process.env.VDEX_DATA_DIR ?? path.join(os.homedir(), '.vdex-verify');
}

/** Builds the config from explicit values plus environment overrides where the mode allows them. */
export function loadConfig(overrides: Partial<KioskConfig> = {}, env: NodeJS.ProcessEnv = process.env): KioskConfig {
  const mode = AppModeSchema.parse(overrides.mode ?? env.VDEX_MODE ?? 'demo');
  const envAllowed = mode !== 'production';
  const fromEnv: Partial<KioskConfig> = envAllowed
    ? {
        ...(env.VDEX_DATA_DIR ? { dataDir: env.VDEX_DATA_DIR } : {}),
        ...(env.VDEX_CENTRAL_API_URL ? { centralApiUrl: env.VDEX_CENTRAL_API_URL } : {}),
        ...(env.VDEX_DEMO_PEERS ? { demoPeers: env.VDEX_DEMO_PEERS !== '0' } : {}),
      }
    : {};
  return KioskConfigSchema.parse({ dataDir: defaultDataDir(), ...fromEnv, ...overrides, mode });
}
