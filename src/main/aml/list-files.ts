/**
 * Reads official list files from folders by their published names, any
 * subset, gzipped or not: sdn.csv, alt.csv, add.csv, sdn_comments.csv,
 * sdn.xml, consolidated.xml, uapa.csv, pep.csv (each also as NAME.gz).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { KioskError } from '../../shared/errors';
import { PUBLISHED_NAMES, parsePublishedFiles, type ParsedLists, type PublishedFile, type PublishedName } from '../../shared/aml/lists/published';

export { PUBLISHED_NAMES, type PublishedName };
export type LoadedLists = ParsedLists;

/** Text of a file, gunzipped when it is gzip (by magic bytes, whatever its name says). */
export function readListFile(file: string): string {
  const buf = readFileSync(file);
  const data = buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf) : buf;
  return data.toString('utf8');
}

/** The path of a published file in the folder (plain or .gz), or undefined. */
export function findListFile(dir: string, name: PublishedName): string | undefined {
  for (const candidate of [name, `${name}.gz`]) {
    const p = path.join(dir, candidate);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** Loads every recognised file from one or more folders (a later folder's file wins). */
export function loadListsFromDirs(dirs: string[]): LoadedLists {
  const files: Partial<Record<PublishedName, PublishedFile>> = {};
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new KioskError('E_AML_LISTS_DIR', `List folder not found: ${dir}`);
    for (const name of PUBLISHED_NAMES) {
      const f = findListFile(dir, name);
      if (f) files[name] = { text: readListFile(f), fallbackVersion: statSync(f).mtime.toISOString().slice(0, 10) };
    }
  }
  if (Object.keys(files).length === 0) throw new KioskError('E_AML_NO_LISTS', `No list files found (looked for ${PUBLISHED_NAMES.join(', ')}, plain or .gz).`);
  return parsePublishedFiles(files);
}
