/** The XML documents the simulated service answers with, shaped per personality. */
import type { Personality, SimModality } from './personalities';
import type { SealedPid } from './pid';

const NS = ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';
const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const ns = (p: Personality) => (p.namespaces ? NS : '');
const decl = (p: Personality) => (p.namespaces ? '<?xml version="1.0"?>\n' : '');

export function rdServiceXml(p: Personality, modality: SimModality, status: string, port: number): string {
  const ifaces = p.interfaces(port).map((i) => `\n  <Interface id="${i.id}" path="${esc(i.path)}"/>`).join('');
  return `${decl(p)}<RDService${ns(p)} status="${status}" info="${esc(p.info(modality))}">${ifaces}\n</RDService>\n`;
}

export interface DeviceFacts {
  dpId: string;
  rdsId: string;
  rdsVer: string;
  dc: string;
  mi: string;
  mc: string;
  srno: string;
  sysid: string;
  ts: string;
}

export function deviceInfoElement(p: Personality, d: DeviceFacts, withNs: boolean): string {
  const params: Array<[string, string]> = [['srno', d.srno], ['sysid', d.sysid], ['ts', d.ts]];
  if (p.startekExtras) params.push(['DeviceType', 'Open'], ['SupportUpto', '2030-12-31']);
  const extra = p.startekExtras ? ' error=""' : '';
  return `<DeviceInfo${withNs ? ns(p) : ''}${extra} dpId="${esc(d.dpId)}" rdsId="${esc(d.rdsId)}" rdsVer="${esc(d.rdsVer)}" dc="${esc(d.dc)}" mi="${esc(d.mi)}" mc="${esc(d.mc)}"><additional_info>${params.map(([n, v]) => `<Param name="${n}" value="${esc(v)}"/>`).join('')}</additional_info></DeviceInfo>`;
}

export function deviceInfoXml(p: Personality, d: DeviceFacts): string {
  return `${decl(p)}${deviceInfoElement(p, d, true)}\n`;
}

export function errorPidDataXml(p: Personality, errCode: string, errInfo: string): string {
  return `${decl(p)}<PidData${ns(p)}><Resp errCode="${esc(errCode)}" errInfo="${esc(errInfo)}"/></PidData>\n`;
}

export interface CaptureFacts {
  fCount: number;
  fType: number;
  iCount: number;
  iType: number;
  nmPoints: number[];
  qScore: number[];
  ts: string;
}

const wrap = (p: Personality, b64: string) => (p.wrapBase64 ? b64.replace(/(.{76})/g, '$1\n') : b64);

export function successPidDataXml(p: Personality, c: CaptureFacts, device: DeviceFacts, sealed: SealedPid): string {
  const resp = [
    `errCode="0"`, `errInfo="${esc(p.successErrInfo)}"`,
    `fCount="${c.fCount}"`, `fType="${c.fType}"`, `iCount="${c.iCount}"`, `iType="${c.iType}"`, `pCount="0"`, `pType="0"`,
    `nmPoints="${c.nmPoints.join(',')}"`, `qScore="${c.qScore.join(',')}"`,
    ...(p.startekExtras ? [`ts="${c.ts}"`] : []),
  ];
  // Startek reorders attributes (.NET serializer); mimic by reversing.
  if (p.startekExtras) resp.reverse();
  return `${decl(p)}<PidData${ns(p)}>\n <Resp ${resp.join(' ')}/>\n ${deviceInfoElement(p, device, false)}\n <Skey ci="${sealed.ci}">${wrap(p, sealed.skey)}</Skey>\n <Hmac>${wrap(p, sealed.hmac)}</Hmac>\n <Data type="X">${wrap(p, sealed.data)}</Data>\n</PidData>\n`;
}
