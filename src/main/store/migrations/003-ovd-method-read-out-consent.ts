/**
 * 003: a KYC record's method may be 'ovd' (an officially valid document on the
 * alternate-ID path: until now such cases were stored as 'xml' with the real
 * method hidden in details), and a consent's channel may be 'read_out' (the
 * agent read the text to the customer: until now stored as 'screen_tap').
 *
 * SQLite changes a CHECK only by rebuilding the table; kyc_records is the parent
 * of four tables, so the runner turns foreign keys off around this step
 * (`rebuildsTables`) and checks them before committing. Indexes are re-created.
 *
 * Records written before it as 'xml' whose details say the kiosk method was
 * 'alternate-id' become 'ovd' (the old read-out consents left no trace to fix).
 * Down maps the new values back to what 001 allows ('ovd' -> 'xml',
 * 'read_out' -> 'screen_tap'): lossy, which is why rollback is development-only.
 */
import { rebuildTable } from './rebuild-table';
import type { Migration } from './types';

const METHOD_001 = `CHECK (method IN ('otp', 'biometric', 'qr', 'xml'))`;
const METHOD_003 = `CHECK (method IN ('otp', 'biometric', 'qr', 'xml', 'ovd'))`;
const CHANNEL_001 = `CHECK (channel IN ('screen_tap', 'signature_pad', 'paper_scan'))`;
const CHANNEL_003 = `CHECK (channel IN ('screen_tap', 'signature_pad', 'paper_scan', 'read_out'))`;

export const migration003: Migration = {
  version: 3,
  name: 'ovd method and read-out consent',
  rebuildsTables: true,
  up: (db) => {
    rebuildTable(db, {
      table: 'kyc_records', replace: [[METHOD_001, METHOD_003]],
      select: { method: `CASE WHEN method = 'xml' AND json_valid(details_json) AND json_extract(details_json, '$.kioskMethod') = 'alternate-id' THEN 'ovd' ELSE method END` },
    });
    rebuildTable(db, { table: 'consents', replace: [[CHANNEL_001, CHANNEL_003]] });
  },
  down: (db) => {
    rebuildTable(db, { table: 'kyc_records', replace: [[METHOD_003, METHOD_001]], select: { method: `CASE method WHEN 'ovd' THEN 'xml' ELSE method END` } });
    rebuildTable(db, { table: 'consents', replace: [[CHANNEL_003, CHANNEL_001]], select: { channel: `CASE channel WHEN 'read_out' THEN 'screen_tap' ELSE channel END` } });
  },
};
