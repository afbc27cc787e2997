/**
 * HID POS barcode scanners (usage page 0x8C, "HID Point of Sale Usage Tables"):
 * each input report of the Scanned Data Report carries up to 56 bytes of decoded
 * data and a "continued" flag; a QR of 3,000+ digits spans many reports. The
 * common layout (Honeywell, Zebra, Datalogic in HID POS mode), after the report id:
 *   [0] data length in this report  [1..3] AIM symbology id  [4..] data  [last] bit 0 = more follows
 * node-hid gives the report id as the first byte for numbered reports (id 0x02).
 */
export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;

export interface HidPosLayout {
  /** Report id in front of the payload (null when the device does not number reports). */
  reportId: number | null;
  /** Offset (after the report id) of the length byte, the symbology id, and the data. */
  lengthAt: number;
  symbologyAt: number;
  dataAt: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = { reportId: SCANNED_DATA_REPORT_ID, lengthAt: 0, symbologyAt: 1, dataAt: 4 };

export interface HidPosReport {
  data: Uint8Array;
  symbology: string;
  continued: boolean;
}

/** One report to its data; null for reports of other ids (status, settings). */
export function decodeHidPosReport(report: Uint8Array, layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT): HidPosReport | null {
  let body = report;
  if (layout.reportId !== null) {
    if (report[0] !== layout.reportId) return null;
    body = report.subarray(1);
  }
  if (body.length < layout.dataAt + 1) return null;
  const room = body.length - layout.dataAt - 1;
  const length = Math.min(body[layout.lengthAt]!, room);
  const symbology = String.fromCharCode(...body.subarray(layout.symbologyAt, layout.symbologyAt + 3)).replace(/\0/g, '');
  return { data: body.slice(layout.dataAt, layout.dataAt + length), symbology, continued: (body[body.length - 1]! & 0x01) === 1 };
}

/** Joins continued reports into one scan; a report without the continued flag ends it. */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly onScan: (text: string, symbology: string) => void, private readonly layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT, private readonly maxBytes = 16 * 1024) {}

  push(report: Uint8Array): void {
    const r = decodeHidPosReport(report, this.layout);
    if (!r) return;
    if (this.size + r.data.length > this.maxBytes) {
      this.reset();
      return;
    }
    this.parts.push(r.data);
    this.size += r.data.length;
    if (r.continued) return;
    const all = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.length;
    }
    this.reset();
    let text = '';
    for (const b of all) text += String.fromCharCode(b);
    if (text.length > 0) this.onScan(text, r.symbology);
  }

  reset(): void {
    this.parts = [];
    this.size = 0;
  }
}

/** Builds the reports a HID POS scanner would send for a payload (tests, simulators). */
export function encodeHidPosReports(text: string, symbology = ']Q1', reportSize = 64): Uint8Array[] {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  const per = reportSize - 1 - 4 - 1 - 2; // id, length+symbology, flag, 2 reserved
  const reports: Uint8Array[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += per) {
    const chunk = bytes.subarray(at, at + per);
    const r = new Uint8Array(reportSize);
    r[0] = SCANNED_DATA_REPORT_ID;
    r[1] = chunk.length;
    r.set(Array.from(symbology, (c) => c.charCodeAt(0)), 2);
    r.set(chunk, 5);
    r[reportSize - 1] = at + per < bytes.length ? 1 : 0;
    reports.push(r);
    if (bytes.length === 0) break;
  }
  return reports;
}
