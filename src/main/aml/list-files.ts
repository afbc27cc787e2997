/**
 * Reads official list files from a folder by their published names, any
 * subset, gzipped or not: sdn.csv, alt.csv, add.csv, sdn_comments.csv,
 * sdn.xml, consolidated.xml, uapa.csv, pep.csv (each also as NAME.gz).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { KioskError } from '../../shared/errors';
import type { ListSource, WatchlistEntity } from '../../shared/aml/model';
import { parseOfacCsv } from '../../shared/aml/lists/ofac-csv';
import { parseOfacXml } from '../../shared/aml/lists/ofac-xml';
import { parseUnXml } from '../../shared/aml/lists/un-xml';
import { parseUapaCsv } from '../../shared/aml/lists/uapa-csv';
import { parsePepCsv } from '../../shared/aml/lists/pep-csv';

export const PUBLISHED_NAMES = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv', 'sdn.xml', 'consolidated.xml', 'uapa.csv', 'pep.csv'] as const;
export type PublishedName = (typeof PUBLISHED_NAMES)[number];

export interface LoadedLists {
  entities: WatchlistEntity[];
  sources: ListSource[];
  danglingAliases: number;
}

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

function fileDate(file: string): string {
  return statSync(file).mtime.toISOString().slice(0, 10);
}

/** Loads every recognised file from one or more folders (later folders add to earlier ones). */
export function loadListsFromDirs(dirs: string[]): LoadedLists {
  const entities: WatchlistEntity[] = [];
  const sources: ListSource[] = [];
  let dangling = 0;
  const found = new Map<PublishedName, string>();
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new KioskError('E_AML_LISTS_DIR', `List folder not found: ${dir}`);
    for (const name of PUBLISHED_NAMES) {
      const f = findListFile(dir, name);
      if (f) found.set(name, f);
    }
  }
  if (found.size === 0) throw new KioskError('E_AML_NO_LISTS', `No list files found (looked for ${PUBLISHED_NAMES.join(', ')}, plain or .gz).`);
  const sdnCsv = found.get('sdn.csv');
  if (sdnCsv) {
    const version = fileDate(sdnCsv);
    const files = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'].filter((n) => found.has(n as PublishedName));
    const opt = (n: PublishedName): string | undefined => (found.has(n) ? readListFile(found.get(n)!) : undefined);
    const r = parseOfacCsv({ sdn: readListFile(sdnCsv), alt: opt('alt.csv'), add: opt('add.csv'), comments: opt('sdn_comments.csv') }, version);
    entities.push(...r.entities);
    dangling += r.danglingAliases;
    sources.push({ list: 'OFAC', files, version, entities: r.entities.length });
  } else if (found.has('sdn.xml')) {
    const r = parseOfacXml(readListFile(found.get('sdn.xml')!));
    entities.push(...r.entities);
    sources.push({ list: 'OFAC', files: ['sdn.xml'], version: r.publishDate, entities: r.entities.length });
  }
  if (found.has('consolidated.xml')) {
    const r = parseUnXml(readListFile(found.get('consolidated.xml')!));
    entities.push(...r.entities);
    sources.push({ list: 'UN', files: ['consolidated.xml'], version: r.dateGenerated, entities: r.entities.length });
  }
  if (found.has('uapa.csv')) {
    const r = parseUapaCsv(readListFile(found.get('uapa.csv')!));
    entities.push(...r.entities);
    sources.push({ list: 'UAPA', files: ['uapa.csv'], version: r.snapshot, entities: r.entities.length });
  }
  if (found.has('pep.csv')) {
    const f = found.get('pep.csv')!;
    const r = parsePepCsv(readListFile(f), fileDate(f));
    entities.push(...r);
    sources.push({ list: 'PEP', files: ['pep.csv'], version: fileDate(f), entities: r.length });
  }
  return { entities, sources, danglingAliases: dangling };
}
