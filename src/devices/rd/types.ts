/** What the RD client knows about a service, its device and a capture. Plain data, no Node types. */
export type Modality = 'finger' | 'iris' | 'face' | 'unknown';
export type RdStatus = 'READY' | 'USED' | 'NOTREADY';
export type RdScheme = 'http' | 'https';

export interface RdInterfaces {
  /** Sanitised origin-form path of the CAPTURE interface, e.g. `/rd/capture`. */
  capture: string;
  /** Sanitised origin-form path of the DEVICEINFO interface, e.g. `/rd/info`. */
  deviceInfo: string;
  /** True when the service listed no usable Interface and the fallback paths are in use. */
  fallback: boolean;
}

export interface RdServiceDoc {
  /** Normalised status; any unknown value counts as NOTREADY (reference §2.2). */
  status: RdStatus;
  /** The status string as the service sent it. */
  rawStatus: string;
  info: string;
  interfaces: RdInterfaces;
}

export interface DeviceCertificate {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whole days until `validTo` (negative once expired). */
  daysToExpiry: number;
  expired: boolean;
}

export interface RdDeviceInfo {
  dpId: string;
  rdsId: string;
  rdsVer: string;
  dc: string;
  mi: string;
  /** base64 DER X.509 of the device key, whitespace removed. */
  mc: string;
  /** `additional_info` Params by name (srno, sysid, ts, ...). */
  additionalInfo: Record<string, string>;
}

export interface PidResp {
  errCode: string;
  errInfo: string;
  fCount?: number;
  fType?: number;
  iCount?: number;
  iType?: number;
  pCount?: number;
  pType?: number;
  /** Per captured finger (comma-separated on the wire). */
  nmPoints: number[];
  qScore: number[];
}

export interface ParsedPidData {
  resp: PidResp;
  /** True only when `Resp@errCode` is "0": nothing else decides success. */
  success: boolean;
  deviceInfo?: RdDeviceInfo;
  skey?: { ci: string; value: string };
  hmac?: string;
  data?: { type: string; value: string };
}
