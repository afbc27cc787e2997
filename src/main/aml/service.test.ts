import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { BUNDLE_FORMAT, signedText } from '../../shared/aml/bundle';
import type { ListSource, WatchlistEntity } from '../../shared/aml/model';
import type { Logger } from '../../shared/log';
import { BundleStore } from './bundle-store';
import { MemoryAmlPersistence } from './persistence';
import { AmlService } from './service';

const silent = { info() {}, warn() {}, error() {}, debug() {}, child() { return silent; } } as unknown as Logger;
const person = (ref: string, name: string, extra: Partial<WatchlistEntity> = {}): WatchlistEntity => ({
  id: `UN:${ref}`, list: 'UN', ref, kind: 'person', names: [{ name, kind: 'primary' }], dob: [], countries: [], programs: ['Al-Qaida'], sourceVersion: 't', ...extra,
});
const v1 = [person('QDi.135', 'DAWOOD IBRAHIM KASKAR', { dob: [{ year: 1955, month: 12, day: 26 }], countries: ['IN'] })];
const v2 = [...v1, person('QDi.999', 'RAMESH KUMAR TALWAR')];

// The central API's signer (server/src/watchlists/build.ts) does the same; the kiosk may not import server/.
function signBundle(entities: WatchlistEntity[], sources: ListSource[], version: string, key: { keyId: string; privateKey: KeyObject }, at = new Date()) {
  const body = gzipSync(JSON.stringify({ format: BUNDLE_FORMAT, version, createdAt: at.toISOString(), sources, entities }));
  const unsigned = { format: BUNDLE_FORMAT, version, createdAt: at.toISOString(), sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length, entities: entities.length, sources, keyId: key.keyId } as const;
  return { manifest: { ...unsigned, signature: sign(null, Buffer.from(signedText(unsigned)), key.privateKey).toString('base64') }, body };
}

function setup() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-'));
  const bundles = new BundleStore(dataDir, new Map([['central-1', publicKey]]));
  const persistence = new MemoryAmlPersistence();
  const service = new AmlService({ persistence, log: silent, bundles, now: () => new Date('2026-03-01T00:00:00Z') });
  return { privateKey, otherKey: other.privateKey, dataDir, bundles, persistence, service };
}

describe('list bundles', () => {
  it('installs a correctly signed bundle and reports version and age', () => {
    const s = setup();
    const b = signBundle(v1, [], '20260228T000000', { keyId: 'central-1', privateKey: s.privateKey }, new Date('2026-02-28T00:00:00Z'));
    s.service.installBundle(JSON.parse(JSON.stringify(b.manifest)), b.body);
    expect(s.service.status()).toMatchObject({ loaded: true, origin: 'bundle', version: '20260228T000000', ageHours: 24, entities: 1 });
    // A fresh service on the same folder loads the last good bundle.
    const again = new AmlService({ persistence: new MemoryAmlPersistence(), log: silent, bundles: s.bundles });
    expect(again.loadInstalledBundle()).toBe(true);
  });

  it('refuses a bad signature, an unknown key, or a tampered body, and keeps the last good bundle', () => {
    const s = setup();
    const good = signBundle(v1, [], 'v1', { keyId: 'central-1', privateKey: s.privateKey });
    s.service.installBundle(good.manifest, good.body);
    const forged = signBundle(v2, [], 'v2', { keyId: 'central-1', privateKey: s.otherKey });
    expect(() => s.service.installBundle(forged.manifest, forged.body)).toThrow(expect.objectContaining({ code: 'E_AML_BUNDLE_BAD_SIGNATURE' }));
    const unknown = signBundle(v2, [], 'v2', { keyId: 'nobody', privateKey: s.otherKey });
    expect(() => s.service.installBundle(unknown.manifest, unknown.body)).toThrow(expect.objectContaining({ code: 'E_AML_BUNDLE_UNTRUSTED' }));
    const real = signBundle(v2, [], 'v2', { keyId: 'central-1', privateKey: s.privateKey });
    const tampered = Buffer.from(real.body);
    tampered[tampered.length - 5]! ^= 0xff;
    expect(() => s.service.installBundle(real.manifest, tampered)).toThrow(expect.objectContaining({ code: 'E_AML_BUNDLE_BAD_HASH' }));
    expect(() => s.service.installBundle({ ...real.manifest, version: 'v3' }, real.body)).toThrow(expect.objectContaining({ code: 'E_AML_BUNDLE_BAD_SIGNATURE' }));
    expect(s.service.status().version).toBe('v1');
    expect(s.bundles.currentManifest()!.version).toBe('v1');
    expect(s.persistence.auditLog.filter((e) => e.action === 'aml.bundle.refused')).toHaveLength(4);
    // A bundle file changed on disk after install no longer loads.
    writeFileSync(path.join(s.dataDir, 'aml', 'bundle.json.gz'), Buffer.concat([readFileSync(path.join(s.dataDir, 'aml', 'bundle.json.gz')), Buffer.from('x')]));
    expect(new AmlService({ persistence: new MemoryAmlPersistence(), log: silent, bundles: s.bundles }).loadInstalledBundle()).toBe(false);
  });
});

describe('screening, review queue and re-screening', () => {
  it('saves an assessment, queues a potential match, and audits a false-positive disposition', () => {
    const s = setup();
    s.service.loadEntities(v1, 'v1');
    const r = s.service.screenAndAssess({ subject: { name: 'Dawood Ibrahim Kaskar' }, subjectRef: 'rec-1', agentId: 'agent-7' });
    expect(r.risk).toMatchObject({ band: 'HIGH', pendingReview: true, pendingHits: ['UN:QDi.135'] });
    const [item] = s.service.reviewQueue();
    expect(item!.evidence[0]!.entry!.names[0]!.name).toBe('DAWOOD IBRAHIM KASKAR');
    expect(item!.evidence[0]!.hit.explanation.notes.join(' ')).toMatch(/No date of birth|name-only|matches the listed name/);
    expect(() => s.service.dispose({ assessmentId: r.id, entityId: 'UN:QDi.135', decision: 'false-positive', reason: '', supervisorId: 'sup-1' })).toThrow(expect.objectContaining({ code: 'E_AML_REASON_REQUIRED' }));
    const done = s.service.dispose({ assessmentId: r.id, entityId: 'UN:QDi.135', decision: 'false-positive', reason: 'DOB 1990 on Aadhaar, different father', supervisorId: 'sup-1' });
    expect(done.risk.band).toBe('LOW');
    expect(s.service.reviewQueue()).toEqual([]);
    expect(s.persistence.auditLog.at(-1)).toMatchObject({ action: 'aml.disposition.false-positive', agentId: 'sup-1', subjectRef: 'rec-1', details: { reason: 'DOB 1990 on Aadhaar, different father', entityId: 'UN:QDi.135' } });
  });

  it('a true-match disposition on a UN hit makes the assessment CRITICAL', () => {
    const s = setup();
    s.service.loadEntities(v1, 'v1');
    const r = s.service.screenAndAssess({ subject: { name: 'Dawood Ibrahim Kaskar' } });
    expect(s.service.dispose({ assessmentId: r.id, entityId: 'UN:QDi.135', decision: 'true-match', reason: 'same person', supervisorId: 'sup-1' }).risk.band).toBe('CRITICAL');
  });

  it('re-screens pending assessments when a new bundle arrives', () => {
    const s = setup();
    const b1 = signBundle(v1, [], 'v1', { keyId: 'central-1', privateKey: s.privateKey });
    s.service.installBundle(b1.manifest, b1.body);
    const pending = s.service.screenAndAssess({ subject: { name: 'Ramesh Kumar Talwar @ Dawood Ibrahim Kaskar' } });
    expect(pending.hits.map((h) => h.entityId)).toEqual(['UN:QDi.135']);
    const b2 = signBundle(v2, [], 'v2', { keyId: 'central-1', privateKey: s.privateKey });
    expect(s.service.installBundle(b2.manifest, b2.body).rescreened).toBe(1);
    const after = s.persistence.get(pending.id)!;
    expect(after.listVersion).toBe('v2');
    expect(after.hits.map((h) => h.entityId).sort()).toEqual(['UN:QDi.135', 'UN:QDi.999']);
  });

  it('refuses to screen with no lists loaded', () => {
    expect(() => setup().service.screenAndAssess({ subject: { name: 'x' } })).toThrow(expect.objectContaining({ code: 'E_AML_NO_LISTS' }));
  });
});
