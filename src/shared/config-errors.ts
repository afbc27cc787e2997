/** Why a kiosk configuration file is refused: the loader (src/main/config) and the refusal screen share these codes. */
export const ConfigErrorCode = {
  MISSING: 'E_CONFIG_MISSING',
  UNREADABLE: 'E_CONFIG_UNREADABLE',
  UNSIGNED: 'E_CONFIG_UNSIGNED',
  INVALID: 'E_CONFIG_INVALID',
  NO_TRUSTED_KEY: 'E_CONFIG_NO_TRUSTED_KEY',
  UNTRUSTED_KEY: 'E_CONFIG_UNTRUSTED_KEY',
  BAD_SIGNATURE: 'E_CONFIG_BAD_SIGNATURE',
  EXPIRED: 'E_CONFIG_EXPIRED',
  NOT_YET_VALID: 'E_CONFIG_NOT_YET_VALID',
  WRONG_KIOSK: 'E_CONFIG_WRONG_KIOSK',
  BAD_KEY: 'E_CONFIG_BAD_KEY',
} as const;
export type ConfigErrorCodeValue = (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode];
