import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchlistEntity } from '../../shared/aml/model';
import type { Logger } from '../../shared/log';
import { KioskPolicySchema } from '../config/schema';
import { createAmlService } from './create';
import { MemoryAmlPersistence } from './persistence';
import { AmlService } from './service';

const silent = { info() {}, warn() {}, error() {}, debug() {}, child() { return silent; } } as unknown as Logger;
const entity: WatchlistEntity = {
  id: 'UN:QDi.135', list: 'UN', ref: 'QDi.135', kind: 'person', names: [{ name: 'DAWOOD IBRAHIM KASKAR', kind: 'primary' }], dob: [], countries: [], programs: [], sourceVersion: 't',
};

// Issue 8: the home screen warns when the watchlists are missing or older than the policy allows.
describe('watchlist age in aml:lists', () => {
  it('says missing with no lists, nothing while fresh, old past the limit (default 7 days)', () => {
    let now = new Date('2026-03-01T00:00:00Z');
    const service = new AmlService({ persistence: new MemoryAmlPersistence(), log: silent, now: () => now });
    expect(service.status()).toMatchObject({ loaded: false, ageHours: null, maxAgeHours: 168, warning: 'missing' });
    service.loadEntities([entity], 'UN@2026-03-01');
    now = new Date('2026-03-08T00:00:00Z');
    expect(service.status()).toMatchObject({ ageHours: 168, warning: null });
    now = new Date('2026-03-08T01:00:00Z');
    expect(service.status()).toMatchObject({ ageHours: 169, warning: 'old' });
  });

  it('takes the limit from the kiosk policy (watchlistMaxAgeDays, default 7)', () => {
    expect(KioskPolicySchema.parse({}).watchlistMaxAgeDays).toBe(7);
    expect(() => KioskPolicySchema.parse({ watchlistMaxAgeDays: 0 })).toThrow();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-age-'));
    const service = createAmlService({ dataDir, log: silent, store: () => undefined, config: { mode: 'development', amlBundleKeys: {}, policy: { watchlistMaxAgeDays: 2 } }, env: {} });
    expect(service.status()).toMatchObject({ maxAgeHours: 48, warning: 'missing' });
  });
});
