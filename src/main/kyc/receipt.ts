/**
 * The acknowledgement receipt as a PDF (pdf-lib), masked data only: reference,
 * date, branch, agent, CDD mode, masked Aadhaar (last 4), masked PAN, the consent
 * summary and the withdrawal and grievance contacts. The PDF uses the standard
 * Helvetica font (Latin only); the on-screen receipt repeats it in the customer's language.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Receipt } from '../../shared/ipc/kyc';

export const GRIEVANCE_CONTACT = 'Grievance officer: grievance@vdex.example, 1800-000-000 (toll free)';

export async function renderReceiptPdf(r: Omit<Receipt, 'pdfBase64'>): Promise<string> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Acknowledgement ${r.reference}`);
  doc.setProducer('V-DEX Verify');
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 790;
  const line = (text: string, options: { bold?: boolean; size?: number } = {}) => {
    const size = options.size ?? 11;
    // Standard fonts cover WinAnsi only: anything else is replaced rather than failing the receipt.
    const safe = text.replace(/[^\x20-\x7E]/g, '?');
    page.drawText(safe, { x: 48, y, size, font: options.bold ? bold : font, color: rgb(0.08, 0.12, 0.17), maxWidth: 500 });
    y -= size + 9;
  };
  line('V-DEX Verify - KYC acknowledgement', { bold: true, size: 16 });
  line(`Reference: ${r.reference}`, { bold: true });
  line(`Status: ${r.status}`);
  line(`Date/time: ${r.issuedAt}`);
  line(`Branch: ${r.branchId}    Agent: ${r.agent}`);
  line(`CDD mode: ${r.cddMode}`);
  line(`Aadhaar/ID: ${r.maskedId ?? 'not collected'}`);
  line(`PAN: ${r.maskedPan ?? 'not provided (Form 60)'}`);
  line('KIN: to be communicated after the CKYC upload');
  y -= 6;
  line('Consent given', { bold: true });
  for (const c of r.consents) line(`${c.granted ? '[x]' : '[ ]'} ${c.purpose} (text ${c.version}, ${c.hash.slice(0, 12)})`, { size: 10 });
  y -= 6;
  line(r.withdrawalContact.length < 110 ? r.withdrawalContact : 'To withdraw consent, visit any branch.', { size: 10 });
  line(r.grievanceContact, { size: 10 });
  return Buffer.from(await doc.save()).toString('base64');
}
