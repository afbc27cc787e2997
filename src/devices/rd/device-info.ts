/** Parses DEVICEINFO (and the DeviceInfo element embedded in PidData), and reads the device certificate `mc`. */
import { X509Certificate } from 'node:crypto';
import { KioskError } from '../../shared/errors';
import type { DeviceCertificate, RdDeviceInfo } from './types';
import { attr, child, children, parseRdXml, rootElement, type XmlNode } from './xml';

const DAY_MS = 86_400_000;
/** Warn this many days before `mc` lapses (vendors rotate ~30-day certificates). */
export const MC_WARN_DAYS = 7;

export function deviceInfoFromNode(node: XmlNode): RdDeviceInfo {
  const additionalInfo: Record<string, string> = {};
  for (const p of children(child(node, 'additional_info'), 'Param')) {
    const name = attr(p, 'name');
    if (name && !Object.prototype.hasOwnProperty.call(additionalInfo, name)) additionalInfo[name] = attr(p, 'value');
  }
  return {
    dpId: attr(node, 'dpId'),
    rdsId: attr(node, 'rdsId'),
    rdsVer: attr(node, 'rdsVer'),
    dc: attr(node, 'dc'),
    mi: attr(node, 'mi'),
    mc: attr(node, 'mc').replace(/\s+/g, ''),
    additionalInfo,
  };
}

export function parseDeviceInfo(xml: string): RdDeviceInfo {
  const doc = parseRdXml(xml, 'DEVICEINFO answer');
  const root = rootElement(doc, 'DeviceInfo');
  if (!root) throw new KioskError('E_RD_BAD_RESPONSE', 'The DEVICEINFO answer has no DeviceInfo element.');
  return deviceInfoFromNode(root);
}

/** Reads `mc`; undefined when the device is unregistered (empty mc). Throws E_RD_BAD_CERT when it is not a certificate. */
export function readDeviceCertificate(mc: string, now: Date = new Date()): DeviceCertificate | undefined {
  if (!mc) return undefined;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(Buffer.from(mc, 'base64'));
  } catch (e) {
    throw new KioskError('E_RD_BAD_CERT', 'The device certificate (mc) could not be read.', undefined, { cause: e });
  }
  const validTo = new Date(cert.validTo);
  const daysToExpiry = Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    daysToExpiry,
    expired: validTo.getTime() <= now.getTime(),
  };
}

/** Operator-facing warnings about a device's registration (empty dc/mc, certificate near expiry). */
export function deviceWarnings(info: RdDeviceInfo, cert: DeviceCertificate | undefined): string[] {
  const w: string[] = [];
  if (!info.dc || !info.mc) w.push('E_RD_UNREGISTERED: the device reports no device code or certificate; it is not registered.');
  if (cert?.expired) w.push('E_RD_CERT_EXPIRED: the device certificate has expired; connect the kiosk to the internet so the RD service can renew it.');
  else if (cert && cert.daysToExpiry <= MC_WARN_DAYS) w.push(`E_RD_CERT_EXPIRING: the device certificate expires in ${cert.daysToExpiry} day(s); keep the kiosk online so the RD service renews it.`);
  return w;
}
