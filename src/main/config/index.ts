/** Kiosk configuration: schemas, the signed file, and loading with the per-mode override rule. */
export * from './schema';
export * from './signing';
export * from './load';
export { TRUSTED_CONFIG_KEYS } from './trusted-keys';
export { configHealth } from './health';
