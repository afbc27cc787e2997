/**
 * Building the kiosk's configuration. Production: the central API URL, branch and policy come only
 * from `<dataDir>/kiosk-config.json` signed by a trusted key; a missing, unsigned or invalid file
 * is refused (the Electron shell shows the "configuration refused" screen). Demo and development:
 * the signed file is optional and environment variables may override values.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isKioskError, KioskError } from '../../shared/errors';
import { AppModeSchema, type AppMode } from '../../shared/ipc/app';
import type { ErrorData } from '../../shared/result';
import { KioskConfigSchema, type KioskConfig } from './schema';
import { ConfigErrorCode, verifyConfigFile } from './signing';
import { TRUSTED_CONFIG_KEYS } from './trusted-keys';

export const CONFIG_FILE_NAME = 'kiosk-config.json';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VDEX_DATA_DIR ?? path.join(os.homedir(), '.vdex-verify');
}

function modeOf(overrides: Partial<KioskConfig>, env: NodeJS.ProcessEnv): AppMode {
  return AppModeSchema.parse(overrides.mode ?? env.VDEX_MODE ?? 'demo');
}

/** Environment overrides: honoured only outside production. */
function envOverrides(mode: AppMode, env: NodeJS.ProcessEnv): Partial<KioskConfig> {
  if (mode === 'production') return {};
  return {
    ...(env.VDEX_DATA_DIR ? { dataDir: env.VDEX_DATA_DIR } : {}),
    ...(env.VDEX_CENTRAL_API_URL ? { centralApiUrl: env.VDEX_CENTRAL_API_URL } : {}),
    ...(env.VDEX_BRANCH_ID ? { branchId: env.VDEX_BRANCH_ID } : {}),
    ...(env.VDEX_DEMO_PEERS ? { demoPeers: env.VDEX_DEMO_PEERS !== '0' } : {}),
  };
}

/**
 * The config from explicit values plus environment overrides where the mode allows them, without
 * reading the signed file (CLI tools and tests; the kiosk itself uses `resolveKioskConfig`).
 */
export function loadConfig(overrides: Partial<KioskConfig> = {}, env: NodeJS.ProcessEnv = process.env): KioskConfig {
  const mode = modeOf(overrides, env);
  return KioskConfigSchema.parse({ dataDir: defaultDataDir(mode === 'production' ? {} : env), ...envOverrides(mode, env), ...overrides, mode });
}

export interface ResolveOptions {
  overrides?: Partial<KioskConfig>;
  env?: NodeJS.ProcessEnv;
  /** Keys trusted for the signed file; defaults to the built-in ones. */
  trustedKeys?: readonly string[];
  now?: Date;
  kioskId?: string;
}

export type ConfigResolution =
  | { ok: true; config: KioskConfig; file: string | null }
  | { ok: false; mode: AppMode; dataDir: string; file: string; error: ErrorData };

/** Extra trusted key outside production: the PEM file named by VDEX_CONFIG_PUBLIC_KEY. */
function trustedKeysFor(mode: AppMode, env: NodeJS.ProcessEnv, builtIn: readonly string[]): readonly string[] {
  if (mode === 'production' || !env.VDEX_CONFIG_PUBLIC_KEY) return builtIn;
  return [...builtIn, readFileSync(env.VDEX_CONFIG_PUBLIC_KEY, 'utf8')];
}

/** The kiosk's configuration, or why it is refused (never throws for a bad file). */
export function resolveKioskConfig(options: ResolveOptions = {}): ConfigResolution {
  const env = options.env ?? process.env;
  const overrides = options.overrides ?? {};
  const mode = modeOf(overrides, env);
  const base = loadConfig(overrides, env);
  const file = mode !== 'production' && env.VDEX_CONFIG_FILE ? env.VDEX_CONFIG_FILE : path.join(base.dataDir, CONFIG_FILE_NAME);
  const refuse = (e: unknown): ConfigResolution => ({
    ok: false, mode, dataDir: base.dataDir, file,
    error: isKioskError(e) ? e.toData() : { code: ConfigErrorCode.UNREADABLE, message: 'The configuration file could not be read.' },
  });
  if (!existsSync(file)) {
    if (mode !== 'production') return { ok: true, config: base, file: null };
    return refuse(new KioskError(ConfigErrorCode.MISSING, `No signed configuration file: IT must install one as ${CONFIG_FILE_NAME} in the kiosk data folder.`));
  }
  try {
    const text = readFileSync(file, 'utf8');
    const { payload } = verifyConfigFile(text, {
      trustedKeys: trustedKeysFor(mode, env, options.trustedKeys ?? TRUSTED_CONFIG_KEYS),
      ...(options.now ? { now: options.now } : {}),
      ...(options.kioskId !== undefined ? { kioskId: options.kioskId } : {}),
    });
    const signed = {
      centralApiUrl: payload.centralApiUrl, branchId: payload.branchId, policy: payload.policy, source: 'signed-file' as const,
      ...(payload.amlBundleKeys ? { amlBundleKeys: payload.amlBundleKeys } : {}),
    };
    const config = KioskConfigSchema.parse({
      dataDir: base.dataDir,
      ...(mode === 'production' ? { demoPeers: false } : { demoPeers: base.demoPeers }),
      ...signed,
      // Outside production the environment and explicit values still win (testing a branch file locally).
      ...(mode === 'production' ? {} : { ...envOverrides(mode, env), ...overrides }),
      mode,
    });
    return { ok: true, config, file };
  } catch (e) {
    return refuse(e);
  }
}
