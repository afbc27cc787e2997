/**
 * The kiosk side of list bundles: verify the Ed25519 signature and the body
 * hash, install atomically, keep the last good one (a refused bundle never
 * replaces it), and report version and age.
 * Files: <dataDir>/aml/bundle.json.gz and <dataDir>/aml/bundle.manifest.json.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BundleBodySchema, BundleManifestSchema, signedText, type BundleBody, type BundleManifest } from '../../shared/aml/bundle';
import { KioskError } from '../../shared/errors';

export type TrustedKeys = ReadonlyMap<string, KeyObject>;

/** Trusted keys from PEM/base64-DER SPKI strings by key id. */
export function trustedKeysFrom(keys: Record<string, string>): TrustedKeys {
  const m = new Map<string, KeyObject>();
  for (const [id, k] of Object.entries(keys)) {
    m.set(id, k.includes('BEGIN') ? createPublicKey(k) : createPublicKey({ key: Buffer.from(k, 'base64'), format: 'der', type: 'spki' }));
  }
  return m;
}

/** Verifies a manifest + body; returns the parsed body or throws a KioskError saying why it was refused. */
export function verifyBundle(manifestJson: unknown, body: Buffer, keys: TrustedKeys): { manifest: BundleManifest; body: BundleBody } {
  const parsed = BundleManifestSchema.safeParse(manifestJson);
  if (!parsed.success) throw new KioskError('E_AML_BUNDLE_MALFORMED', 'The list bundle manifest is malformed; keeping the previous lists.');
  const manifest = parsed.data;
  const key = keys.get(manifest.keyId);
  if (!key) throw new KioskError('E_AML_BUNDLE_UNTRUSTED', `The list bundle is signed with an unknown key (${manifest.keyId}); keeping the previous lists.`);
  const { signature, ...unsigned } = manifest;
  let ok: boolean;
  try {
    ok = verify(null, Buffer.from(signedText(unsigned)), key, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw new KioskError('E_AML_BUNDLE_BAD_SIGNATURE', 'The list bundle signature does not verify; keeping the previous lists.', { version: manifest.version });
  const sha = createHash('sha256').update(body).digest('hex');
  if (sha !== manifest.sha256 || body.length !== manifest.bytes) throw new KioskError('E_AML_BUNDLE_BAD_HASH', 'The list bundle does not match its signed hash; keeping the previous lists.', { version: manifest.version });
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(body).toString('utf8'));
  } catch {
    throw new KioskError('E_AML_BUNDLE_MALFORMED', 'The list bundle body cannot be read; keeping the previous lists.');
  }
  const b = BundleBodySchema.safeParse(json);
  if (!b.success || b.data.version !== manifest.version || b.data.entities.length !== manifest.entities) {
    throw new KioskError('E_AML_BUNDLE_MALFORMED', 'The list bundle body does not match its manifest; keeping the previous lists.');
  }
  return { manifest, body: b.data };
}

export class BundleStore {
  private readonly dir: string;
  private readonly keys: Map<string, KeyObject>;
  constructor(dataDir: string, keys: TrustedKeys) {
    this.dir = path.join(dataDir, 'aml');
    this.keys = new Map(keys);
  }

  /** Adds keys at run time (demo mode's own central API); a key id already trusted keeps its key. */
  trust(keys: TrustedKeys): void {
    for (const [id, key] of keys) if (!this.keys.has(id)) this.keys.set(id, key);
  }

  private get bodyFile(): string { return path.join(this.dir, 'bundle.json.gz'); }
  private get manifestFile(): string { return path.join(this.dir, 'bundle.manifest.json'); }

  /** The installed bundle, verified again on load; null when none (or when the files on disk no longer verify). */
  loadCurrent(): { manifest: BundleManifest; body: BundleBody } | null {
    if (!existsSync(this.bodyFile) || !existsSync(this.manifestFile)) return null;
    return verifyBundle(JSON.parse(readFileSync(this.manifestFile, 'utf8')), readFileSync(this.bodyFile), this.keys);
  }

  currentManifest(): BundleManifest | null {
    if (!existsSync(this.manifestFile)) return null;
    const p = BundleManifestSchema.safeParse(JSON.parse(readFileSync(this.manifestFile, 'utf8')));
    return p.success ? p.data : null;
  }

  /** Verifies, then installs (write temp files, rename). A refused bundle leaves the current one in place. */
  install(manifestJson: unknown, body: Buffer): { manifest: BundleManifest; body: BundleBody } {
    const verified = verifyBundle(manifestJson, body, this.keys);
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(`${this.bodyFile}.tmp`, body);
    writeFileSync(`${this.manifestFile}.tmp`, JSON.stringify(verified.manifest));
    renameSync(`${this.bodyFile}.tmp`, this.bodyFile);
    renameSync(`${this.manifestFile}.tmp`, this.manifestFile);
    return verified;
  }
}
