/**
 * Server-side re-screening: when a new list bundle is published, every
 * customer on the server (user_profiles, with their latest KYC case) is
 * screened again against it and gets an `aml_assessments` row for that list
 * version. Idempotent: the row id is derived from (bundle version, user), so a
 * re-run of the same version — after a crash, or a second publish of the same
 * bundle — adds nothing twice. Names and dates of birth are decrypted in
 * memory only; the stored hits carry list-side facts (entity, list, ref,
 * score), never the customer's name.
 */
import { createHash } from 'node:crypto';
import { screen, type ScreeningHit } from '../../../src/shared/aml/matcher';
import type { WatchlistEntity } from '../../../src/shared/aml/model';
import { assessRisk, DEFAULT_THRESHOLDS } from '../../../src/shared/aml/risk';
import { buildIndex, type WatchlistIndex } from '../../../src/shared/aml/token-index';
import type { FieldCipher } from '../crypto/fields';
import type { Database } from '../db/database';

export interface RescreenBundle {
  version: string;
  entities: readonly WatchlistEntity[];
}

export interface RescreenSummary {
  version: string;
  /** Customers screened in this run (not counting ones already assessed at this version). */
  screened: number;
  alreadyAssessed: number;
  /** Customers with a hit at or above the review threshold. */
  potentialMatches: number;
  /** Customers without any KYC case (an assessment needs one). */
  withoutKyc: number;
  /** Rows whose name could not be decrypted (wrong data key, damaged value). */
  unreadable: number;
  ms: number;
}

export interface RescreenOptions {
  /** Customers read per page. */
  pageSize?: number;
  now?: () => Date;
  /** Reuse an index already built for this bundle. */
  index?: WatchlistIndex;
}

const RISK = { LOW: 'low', MEDIUM: 'medium', HIGH: 'high', CRITICAL: 'high' } as const;
const GENDER = { M: 'male', F: 'female', T: 'other' } as const;

function assessmentId(version: string, userId: string): string {
  const h = createHash('sha256').update(`rescreen\u0000${version}\u0000${userId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What the server keeps of a hit: list-side facts only (the explanation quotes the customer's name). */
function storedHit(h: ScreeningHit): Record<string, unknown> {
  return { entityId: h.entityId, list: h.list, ref: h.ref, primaryName: h.primaryName, programs: h.programs, score: h.score, matchedName: h.explanation.matchedName };
}

interface CustomerRow {
  user_id: string;
  full_name_enc: Buffer | Uint8Array;
  dob_enc: Buffer | Uint8Array | null;
  gender: keyof typeof GENDER | null;
  kyc_id: string | null;
  assessed: boolean;
}

export async function rescreenAllCustomers(db: Database, cipher: FieldCipher, bundle: RescreenBundle, options: RescreenOptions = {}): Promise<RescreenSummary> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const pageSize = options.pageSize ?? 500;
  const index = options.index ?? buildIndex(bundle.entities);
  const summary: RescreenSummary = { version: bundle.version, screened: 0, alreadyAssessed: 0, potentialMatches: 0, withoutKyc: 0, unreadable: 0, ms: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // Keyset pages by user id; each customer's latest KYC case; whether this version already assessed them.
    const { rows } = await db.query<CustomerRow>(
      `SELECT p.user_id, p.full_name_enc, p.dob_enc, p.gender,
              (SELECT k.id FROM kyc k WHERE k.user_id = p.user_id ORDER BY k.captured_at DESC, k.id LIMIT 1) AS kyc_id,
              EXISTS (SELECT 1 FROM aml_assessments a WHERE a.user_id = p.user_id AND a.list_version = $2) AS assessed
         FROM user_profiles p
        WHERE p.user_id > $1
        ORDER BY p.user_id
        LIMIT $3`,
      [after, bundle.version, pageSize],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.user_id;
    for (const row of rows) {
      if (row.assessed) { summary.alreadyAssessed++; continue; }
      if (!row.kyc_id) { summary.withoutKyc++; continue; }
      let name: string;
      let dob: string | undefined;
      try {
        name = cipher.decrypt(row.full_name_enc);
        dob = row.dob_enc ? cipher.decrypt(row.dob_enc) : undefined;
      } catch {
        summary.unreadable++;
        continue;
      }
      const hits = screen(index, { name, ...(dob ? { dob } : {}), ...(row.gender ? { gender: GENDER[row.gender] } : {}) });
      const risk = assessRisk({ hits });
      if (hits.some((h) => h.score >= DEFAULT_THRESHOLDS.review)) summary.potentialMatches++;
      const decision = risk.band === 'CRITICAL' ? 'block' : risk.band === 'LOW' ? 'clear' : 'review';
      await db.query(
        `INSERT INTO aml_assessments (id, kyc_id, user_id, list_version, risk_score, risk_level, hits, decision, assessed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [assessmentId(bundle.version, row.user_id), row.kyc_id, row.user_id, bundle.version, Math.min(100, risk.score), RISK[risk.band],
          JSON.stringify(hits.filter((h) => h.score >= DEFAULT_THRESHOLDS.review).map(storedHit)), decision, now().toISOString()],
      );
      summary.screened++;
    }
  }
  summary.ms = Math.round(performance.now() - started);
  return summary;
}
