/**
 * Vendor personalities (reference §9): the same conformant core, dressed in
 * each vendor's observed shapes so the client is hardened against all of them.
 * Every id lives in a VDEXSIM namespace no real provider uses.
 */
import type { ResponseStyle } from './http';

export const PERSONALITIES = ['spec', 'mantra', 'morpho', 'startek', 'legacy-lf'] as const;
export type PersonalityName = (typeof PERSONALITIES)[number];
export type SimModality = 'finger' | 'iris';

export interface Personality {
  name: PersonalityName;
  info(modality: SimModality): string;
  /** Advertised Interfaces, in this vendor's order. */
  interfaces(port: number): Array<{ id: string; path: string }>;
  /** Paths the service actually answers on (origin form). */
  paths: { capture: string[]; deviceInfo: string[] };
  /** What an unknown method gets: silence (spec) or 405 (Mantra). */
  unknownMethod: 'silent' | '405';
  /** Answers OPTIONS preflights with CORS headers. */
  preflight: boolean;
  style: ResponseStyle;
  successErrInfo: string;
  /** .NET serializer namespaces on every document (Startek). */
  namespaces: boolean;
  /** Android-style line-wrapped base64 inside Skey/Hmac/Data. */
  wrapBase64: boolean;
  /** Morpho accepts only env P. */
  envOnlyP: boolean;
  /** Startek quirks: `ts` on Resp, `error=""` on DeviceInfo, DeviceType/SupportUpto params. */
  startekExtras: boolean;
  dpId: string;
  rdsId: string;
  rdsVer: string;
  mi(modality: SimModality): string;
}

const crlf = (connection = 'close'): ResponseStyle => ({ bareLf: false, contentLength: true, connection });
const base = {
  preflight: false,
  unknownMethod: 'silent' as const,
  namespaces: false,
  wrapBase64: false,
  envOnlyP: false,
  startekExtras: false,
  rdsVer: '0.1.0',
  paths: { capture: ['/rd/capture'], deviceInfo: ['/rd/info'] },
};
const kind = (m: SimModality) => (m === 'iris' ? 'Iris' : 'Fingerprint');

export const personalities: Record<PersonalityName, Personality> = {
  spec: {
    ...base,
    name: 'spec',
    info: (m) => `VDEXSIM ${kind(m)} RD Service (simulated, spec shapes)`,
    interfaces: () => [{ id: 'CAPTURE', path: '/rd/capture' }, { id: 'DEVICEINFO', path: '/rd/info' }],
    style: crlf('Closed'),
    successErrInfo: '',
    dpId: 'VDEXSIM.SPEC',
    rdsId: 'VDEXSIM.LIN.001',
    mi: (m) => (m === 'iris' ? 'VDXSIMIR10' : 'VDXSIMFP10'),
  },
  mantra: {
    ...base,
    name: 'mantra',
    preflight: true,
    unknownMethod: '405',
    info: (m) => `VDEXSIM Mantra-like ${kind(m)} Authentication Vendor Device Manager`,
    interfaces: () => [{ id: 'DEVICEINFO', path: '/rd/info' }, { id: 'CAPTURE', path: '/rd/capture' }],
    style: crlf(),
    successErrInfo: 'Success.',
    dpId: 'VDEXSIM.MANTRALIKE',
    rdsId: 'VDEXSIM.MANTRALIKE.WIN.001',
    mi: (m) => (m === 'iris' ? 'VDXSIMIR20' : 'VDXSIMFP20'),
  },
  morpho: {
    ...base,
    name: 'morpho',
    envOnlyP: true,
    info: (m) => `VDEXSIM_Morpho_like_RD_Service ${kind(m)}`,
    // One Morpho build emitted host:port-prefixed paths; clients must strip them.
    interfaces: (port) => [{ id: 'CAPTURE', path: `/127.0.0.1:${port}/capture` }, { id: 'DEVICEINFO', path: `/127.0.0.1:${port}/getDeviceInfo` }],
    paths: { capture: ['/capture'], deviceInfo: ['/getDeviceInfo'] },
    style: crlf(),
    successErrInfo: '',
    dpId: 'VDEXSIM.MORPHOLIKE',
    rdsId: 'VDEXSIM.MORPHOLIKE.WIN.001',
    mi: (m) => (m === 'iris' ? 'VDXSIMIR30L1' : 'VDXSIMFP30L1'),
  },
  startek: {
    ...base,
    name: 'startek',
    namespaces: true,
    startekExtras: true,
    info: (m) => `VDEXSIM Startek-like ${kind(m)} RD Service`,
    interfaces: () => [{ id: 'CAPTURE', path: '/rd/capture' }, { id: 'DEVICEINFO', path: '/rd/info' }],
    style: crlf(),
    successErrInfo: '',
    dpId: 'VDEXSIM.STARTEKLIKE',
    rdsId: 'VDEXSIM.STARTEKLIKE.WIN.001',
    mi: (m) => (m === 'iris' ? 'VDXSIMIR40' : 'VDXSIMFP40'),
  },
  'legacy-lf': {
    ...base,
    name: 'legacy-lf',
    unknownMethod: '405',
    wrapBase64: true,
    info: (m) => `VDEXSIM legacy ${kind(m)} RD Service`,
    // No Interface elements at all: the client must fall back to /rd/capture and /rd/info.
    interfaces: () => [],
    style: { bareLf: true, contentLength: false, connection: 'Closed' },
    successErrInfo: 'Success',
    dpId: 'VDEXSIM.LEGACY',
    rdsId: 'VDEXSIM.LEGACY.LIN.001',
    mi: (m) => (m === 'iris' ? 'VDXSIMIR50' : 'VDXSIMFP50'),
  },
};

export function isPersonalityName(v: string): v is PersonalityName {
  return (PERSONALITIES as readonly string[]).includes(v);
}
