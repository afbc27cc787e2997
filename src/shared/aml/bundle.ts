/**
 * Watchlist bundle format. The central API parses the official files into the
 * normalised entities, gzips the JSON body and signs it with Ed25519; kiosks
 * verify before installing and keep the last good bundle.
 *   body      = gzip(JSON BundleBody)
 *   signature = Ed25519 over signedText(manifest), where manifest carries sha256(body)
 */
import { z } from 'zod';
import { ListSourceSchema, WatchlistEntitySchema } from './model';

export const BUNDLE_FORMAT = 'vdex-aml-bundle/1';

export const BundleBodySchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.string().min(1).max(64),
  createdAt: z.string(),
  sources: z.array(ListSourceSchema),
  entities: z.array(WatchlistEntitySchema),
});
export type BundleBody = z.infer<typeof BundleBodySchema>;

export const BundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.string().min(1).max(64),
  createdAt: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  entities: z.number().int().nonnegative(),
  sources: z.array(ListSourceSchema),
  keyId: z.string().min(1).max(64),
  /** base64 Ed25519 signature over signedText(manifest). */
  signature: z.string().min(1),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** The exact text that is signed: every field a kiosk relies on, in a fixed order. */
export function signedText(m: Omit<BundleManifest, 'signature'>): string {
  return [m.format, m.version, m.createdAt, m.sha256, String(m.bytes), String(m.entities), m.keyId, JSON.stringify(m.sources)].join('\n');
}
