import type { FuseConfig, FuseState } from '@electron/fuses';

export declare const KIOSK_FUSES: Readonly<FuseConfig>;
export declare function expectedFuseStates(config?: FuseConfig): Record<string, FuseState>;
export declare function applyKioskFuses(electronPath: string, options?: { resetAdHocDarwinSignature?: boolean }): Promise<FuseConfig<FuseState>>;
