/**
 * What `validate` expects after every migration: each table's column count,
 * its indexes other than the primary key, and its foreign keys with their
 * ON DELETE rule. Kept by hand on purpose: it is the second witness that the
 * migrations built the schema the seed describes.
 */
export interface ExpectedTable {
  columns: number;
  indexes: string[];
  foreignKeys: Array<{ column: string; references: string; onDelete: 'CASCADE' | 'SET NULL' | 'NO ACTION' }>;
}

export const expectedSchema: Record<string, ExpectedTable> = {
  users: { columns: 8, indexes: ['idx_users_mobile_hash', 'users_external_ref_key'], foreignKeys: [] },
  user_profiles: {
    columns: 14,
    indexes: ['idx_user_profiles_kyc_status'],
    foreignKeys: [{ column: 'user_id', references: 'users', onDelete: 'CASCADE' }],
  },
  kyc: {
    columns: 13,
    indexes: ['idx_kyc_user_id', 'idx_kyc_status'],
    foreignKeys: [{ column: 'user_id', references: 'users', onDelete: 'CASCADE' }],
  },
  kyc_logs: {
    columns: 7,
    indexes: ['idx_kyc_logs_kyc_id'],
    foreignKeys: [{ column: 'kyc_id', references: 'kyc', onDelete: 'CASCADE' }],
  },
  aml_assessments: {
    columns: 10,
    indexes: ['idx_aml_assessments_kyc_id', 'idx_aml_assessments_risk_level'],
    foreignKeys: [
      { column: 'kyc_id', references: 'kyc', onDelete: 'CASCADE' },
      { column: 'user_id', references: 'users', onDelete: 'CASCADE' },
    ],
  },
  api_requests: {
    columns: 11,
    indexes: ['idx_api_requests_device_id', 'idx_api_requests_requested_at'],
    foreignKeys: [{ column: 'kyc_id', references: 'kyc', onDelete: 'SET NULL' }],
  },
  aadhaar_verifications: {
    columns: 22,
    indexes: [
      'idx_aadhaar_verifications_user_id',
      'idx_aadhaar_verifications_kyc_id',
      'idx_aadhaar_verifications_status',
      'idx_aadhaar_verifications_created_at',
    ],
    foreignKeys: [
      { column: 'user_id', references: 'users', onDelete: 'CASCADE' },
      { column: 'kyc_id', references: 'kyc', onDelete: 'CASCADE' },
    ],
  },
  otp_attempts: {
    columns: 9,
    indexes: ['idx_otp_attempts_verification_id', 'idx_otp_attempts_created_at'],
    foreignKeys: [{ column: 'verification_id', references: 'aadhaar_verifications', onDelete: 'CASCADE' }],
  },
  devices: { columns: 8, indexes: [], foreignKeys: [] },
  enrolment_codes: {
    columns: 6,
    indexes: [],
    foreignKeys: [{ column: 'device_id', references: 'devices', onDelete: 'SET NULL' }],
  },
  request_nonces: {
    columns: 3,
    indexes: ['idx_request_nonces_expires_at'],
    foreignKeys: [{ column: 'device_id', references: 'devices', onDelete: 'CASCADE' }],
  },
  idempotency_keys: {
    columns: 6,
    indexes: [],
    foreignKeys: [{ column: 'device_id', references: 'devices', onDelete: 'CASCADE' }],
  },
  device_chain_heads: {
    columns: 5,
    indexes: [],
    foreignKeys: [{ column: 'device_id', references: 'devices', onDelete: 'CASCADE' }],
  },
  audit_entries: {
    columns: 10,
    indexes: [],
    foreignKeys: [{ column: 'device_id', references: 'devices', onDelete: 'CASCADE' }],
  },
};
