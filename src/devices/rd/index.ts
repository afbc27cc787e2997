/** The UIDAI RD-service client (main process only). */
export { RdClient, type CaptureOutcome, type RdClientOptions, type RdTarget } from './client';
export { discoverRdServices, rankServices, RD_PORTS, type DiscoveredService, type DiscoveryOptions, type DiscoveryResult } from './discovery';
export { rdErrorText, RD_ERROR_CODES, type RdErrorText } from './error-codes';
export { buildPidOptionsXml, validatePidOptions, POSH_VALUES, type PidOptionsInput, type RdEnv, type Posh } from './pid-options';
export { parsePidData } from './pid-data';
export { parseDeviceInfo, readDeviceCertificate, MC_WARN_DAYS } from './device-info';
export { parseRdService, classifyModality } from './rd-service-doc';
export { sanitizeInterfacePath } from './paths';
export type * from './types';
