/** Parses the RDSERVICE answer: status, info and the Interfaces chosen by id, never by position. */
import { KioskError } from '../../shared/errors';
import { FALLBACK_PATHS, sanitizeInterfacePath } from './paths';
import type { Modality, RdServiceDoc, RdStatus } from './types';
import { attr, children, parseRdXml, rootElement } from './xml';

const CAPTURE_IDS = ['capture', 'process_call'];
const INFO_IDS = ['deviceinfo', 'info'];

export function normaliseStatus(raw: string): RdStatus {
  const s = raw.trim().toUpperCase();
  return s === 'READY' || s === 'USED' ? s : 'NOTREADY';
}

export function parseRdService(xml: string): RdServiceDoc {
  const doc = parseRdXml(xml, 'RDSERVICE answer');
  const root = rootElement(doc, 'RDService');
  if (!root) throw new KioskError('E_RD_NOT_RD', 'The answer is not an RDService document.');
  const rawStatus = attr(root, 'status');
  const interfaces = children(root, 'Interface');
  const pick = (ids: string[]) => {
    for (const id of ids) {
      for (const i of interfaces) {
        if (attr(i, 'id').trim().toLowerCase() === id) {
          const path = sanitizeInterfacePath(attr(i, 'path'));
          if (path) return path;
        }
      }
    }
    return undefined;
  };
  const capture = pick(CAPTURE_IDS);
  const deviceInfo = pick(INFO_IDS);
  return {
    status: normaliseStatus(rawStatus),
    rawStatus,
    info: attr(root, 'info'),
    interfaces: {
      capture: capture ?? FALLBACK_PATHS.capture[0],
      deviceInfo: deviceInfo ?? FALLBACK_PATHS.deviceInfo[0],
      fallback: capture === undefined || deviceInfo === undefined,
    },
  };
}

/** Modality from the service's `info` string and, when known, the model id (reference §2.2, §6). */
export function classifyModality(info: string, mi = ''): Modality {
  const text = `${info} ${mi}`.toLowerCase();
  if (/iris|\bmis\d|iritech|irishield/.test(text)) return 'iris';
  if (/\bface\b|facerd/.test(text)) return 'face';
  if (/finger|\bfp\b|fingerprint|mfs\d|fm220|mso\s?1300|morpho|mantra|startek|secugen|precision|\bfpd?\b/.test(text)) return 'finger';
  return 'unknown';
}
