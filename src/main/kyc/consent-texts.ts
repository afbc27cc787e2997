/**
 * Versioned consent texts per language from `resources/consent/<lang>.json`.
 * The kiosk computes each item's SHA-256 over exactly what is shown (title,
 * newline, text), so the recorded hash proves which words the customer saw.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KioskError } from '../../shared/errors';
import { ConsentPurposeSchema, type ConsentText, type KycLanguage } from '../../shared/ipc/kyc';

const FileSchema = z.object({
  version: z.string(),
  withdrawalContact: z.string(),
  items: z.array(z.object({ purpose: ConsentPurposeSchema, required: z.boolean(), title: z.string(), text: z.string() })),
});

export function consentHash(title: string, text: string): string {
  return createHash('sha256').update(`${title}\n${text}`, 'utf8').digest('hex');
}

/**
 * The resources folder holding `consent/`: VDEX_RESOURCES_DIR when set; packaged, Electron's
 * `process.resourcesPath` (electron-builder's extraResources put `consent/` there); otherwise the
 * `resources/` folder found walking up from the sources (development, tests, browser mode).
 */
export function findResourcesDir(start = path.dirname(fileURLToPath(import.meta.url)), resourcesPath = (process as { resourcesPath?: string }).resourcesPath): string {
  if (process.env.VDEX_RESOURCES_DIR) return process.env.VDEX_RESOURCES_DIR;
  if (resourcesPath && existsSync(path.join(resourcesPath, 'consent'))) return resourcesPath;
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'consent'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(process.cwd(), 'resources');
}

export class ConsentTexts {
  private readonly cache = new Map<KycLanguage, ConsentText>();

  constructor(private readonly dir: string) {}

  get(language: KycLanguage): ConsentText {
    const cached = this.cache.get(language);
    if (cached) return cached;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(this.dir, `${language}.json`), 'utf8'));
    } catch {
      throw new KioskError('E_KYC_CONSENT_TEXT_MISSING', `The consent text for language "${language}" is missing on this kiosk.`);
    }
    const file = FileSchema.parse(raw);
    const text: ConsentText = {
      language,
      version: file.version,
      withdrawalContact: file.withdrawalContact,
      items: file.items.map((i) => ({ ...i, hash: consentHash(i.title, i.text) })),
    };
    this.cache.set(language, text);
    return text;
  }
}
