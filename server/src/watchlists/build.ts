/**
 * Builds and signs watchlist bundles from the official files (by their
 * published names, gzipped or not). Kiosks verify with the matching public key.
 */
import { createHash, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BUNDLE_FORMAT, signedText, type BundleBody, type BundleManifest } from '../../../src/shared/aml/bundle';
import { PUBLISHED_NAMES, parsePublishedFiles, type PublishedFile, type PublishedName } from '../../../src/shared/aml/lists/published';
import type { WatchlistEntity, ListSource } from '../../../src/shared/aml/model';

export interface SignedBundle {
  manifest: BundleManifest;
  body: Buffer;
}

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

export function readPublishedDir(dir: string): Partial<Record<PublishedName, PublishedFile>> {
  const files: Partial<Record<PublishedName, PublishedFile>> = {};
  for (const name of PUBLISHED_NAMES) {
    for (const candidate of [name, `${name}.gz`]) {
      const p = path.join(dir, candidate);
      if (!existsSync(p)) continue;
      const buf = readFileSync(p);
      const text = (buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf).toString('utf8');
      files[name] = { text, fallbackVersion: statSync(p).mtime.toISOString().slice(0, 10) };
      break;
    }
  }
  return files;
}

/** Signs a bundle of already-normalised entities. */
export function signBundle(entities: WatchlistEntity[], sources: ListSource[], version: string, key: SigningKey, createdAt = new Date()): SignedBundle {
  const bodyJson: BundleBody = { format: BUNDLE_FORMAT, version, createdAt: createdAt.toISOString(), sources, entities };
  const body = gzipSync(Buffer.from(JSON.stringify(bodyJson)), { level: 9 });
  const unsigned = {
    format: BUNDLE_FORMAT,
    version,
    createdAt: bodyJson.createdAt,
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.length,
    entities: entities.length,
    sources,
    keyId: key.keyId,
  } as const;
  const signature = sign(null, Buffer.from(signedText(unsigned)), key.privateKey).toString('base64');
  return { manifest: { ...unsigned, signature }, body };
}

/** Reads a folder of official files and signs them into a bundle. The version is the UTC build time unless given. */
export function buildBundleFromDir(dir: string, key: SigningKey, version?: string, now = new Date()): SignedBundle {
  const parsed = parsePublishedFiles(readPublishedDir(dir));
  if (parsed.entities.length === 0) throw new Error(`no list files in ${dir}`);
  const v = version ?? now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return signBundle(parsed.entities, parsed.sources, v, key, now);
}
