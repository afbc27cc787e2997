/**
 * Parses PidData. Only `Resp@errCode` decides success (HTTP is 200 either way).
 * Tolerates namespaces, missing DeviceInfo/Skey/Data on errors, line-wrapped
 * base64 (whitespace is stripped) and comma lists in nmPoints/qScore.
 */
import { KioskError } from '../../shared/errors';
import { deviceInfoFromNode } from './device-info';
import type { ParsedPidData, PidResp } from './types';
import { attr, child, hasAttr, parseRdXml, rootElement, text } from './xml';

function optionalInt(node: Parameters<typeof attr>[0], name: string): number | undefined {
  if (!hasAttr(node, name)) return undefined;
  const v = attr(node, name).trim();
  return /^\d{1,6}$/.test(v) ? Number(v) : undefined;
}

function intList(value: string): number[] {
  return value.split(',').map((s) => s.trim()).filter((s) => /^\d{1,6}$/.test(s)).map(Number);
}

export function parsePidData(xml: string): ParsedPidData {
  const doc = parseRdXml(xml, 'PidData');
  const root = rootElement(doc, 'PidData');
  if (!root) throw new KioskError('E_RD_BAD_RESPONSE', 'The capture answer has no PidData element.');
  const respNode = child(root, 'Resp');
  if (!respNode || !hasAttr(respNode, 'errCode')) throw new KioskError('E_RD_BAD_RESPONSE', 'The capture answer has no Resp errCode.');
  const errCode = attr(respNode, 'errCode').trim();
  if (errCode.length === 0 || errCode.length > 16) throw new KioskError('E_RD_BAD_RESPONSE', 'The capture answer has an unusable errCode.');
  const resp: PidResp = {
    errCode,
    errInfo: attr(respNode, 'errInfo').slice(0, 500),
    fCount: optionalInt(respNode, 'fCount'),
    fType: optionalInt(respNode, 'fType'),
    iCount: optionalInt(respNode, 'iCount'),
    iType: optionalInt(respNode, 'iType'),
    pCount: optionalInt(respNode, 'pCount'),
    pType: optionalInt(respNode, 'pType'),
    nmPoints: intList(attr(respNode, 'nmPoints')),
    qScore: intList(attr(respNode, 'qScore')),
  };
  const success = errCode === '0';
  const out: ParsedPidData = { resp, success };
  const di = child(root, 'DeviceInfo');
  if (di) out.deviceInfo = deviceInfoFromNode(di);
  const skey = child(root, 'Skey');
  if (skey) out.skey = { ci: attr(skey, 'ci').trim(), value: text(skey).replace(/\s+/g, '') };
  const hmac = child(root, 'Hmac');
  if (hmac) out.hmac = text(hmac).replace(/\s+/g, '');
  const data = child(root, 'Data');
  if (data) out.data = { type: attr(data, 'type').trim(), value: text(data).replace(/\s+/g, '') };
  if (success && (!out.skey?.value || !out.hmac || !out.data?.value)) {
    throw new KioskError('E_RD_BAD_RESPONSE', 'The capture reported success but the PID block is incomplete (Skey, Hmac or Data missing).');
  }
  return out;
}
