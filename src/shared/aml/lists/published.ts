/**
 * The official files by their published names, parsed into one entity set.
 * Pure (texts in, entities out) so the kiosk CLI and the central API share it;
 * each side does its own file reading.
 */
import type { ListSource, WatchlistEntity } from '../model';
import { parseOfacCsv } from './ofac-csv';
import { parseOfacXml } from './ofac-xml';
import { parsePepCsv } from './pep-csv';
import { parseUapaCsv } from './uapa-csv';
import { parseUnXml } from './un-xml';

export const PUBLISHED_NAMES = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv', 'sdn.xml', 'consolidated.xml', 'uapa.csv', 'pep.csv'] as const;
export type PublishedName = (typeof PUBLISHED_NAMES)[number];

export interface PublishedFile {
  text: string;
  /** A version for files that carry none inside (OFAC CSV, PEP CSV): e.g. the download date. */
  fallbackVersion: string;
}

export interface ParsedLists {
  entities: WatchlistEntity[];
  sources: ListSource[];
  danglingAliases: number;
}

export function parsePublishedFiles(files: Partial<Record<PublishedName, PublishedFile>>): ParsedLists {
  const entities: WatchlistEntity[] = [];
  const sources: ListSource[] = [];
  let dangling = 0;
  const sdn = files['sdn.csv'];
  if (sdn) {
    const names = (['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'] as const).filter((n) => files[n]);
    const r = parseOfacCsv({ sdn: sdn.text, alt: files['alt.csv']?.text, add: files['add.csv']?.text, comments: files['sdn_comments.csv']?.text }, sdn.fallbackVersion);
    entities.push(...r.entities);
    dangling += r.danglingAliases;
    sources.push({ list: 'OFAC', files: [...names], version: sdn.fallbackVersion, entities: r.entities.length });
  } else if (files['sdn.xml']) {
    const r = parseOfacXml(files['sdn.xml'].text);
    entities.push(...r.entities);
    sources.push({ list: 'OFAC', files: ['sdn.xml'], version: r.publishDate, entities: r.entities.length });
  }
  if (files['consolidated.xml']) {
    const r = parseUnXml(files['consolidated.xml'].text);
    entities.push(...r.entities);
    sources.push({ list: 'UN', files: ['consolidated.xml'], version: r.dateGenerated, entities: r.entities.length });
  }
  if (files['uapa.csv']) {
    const r = parseUapaCsv(files['uapa.csv'].text);
    entities.push(...r.entities);
    sources.push({ list: 'UAPA', files: ['uapa.csv'], version: r.snapshot, entities: r.entities.length });
  }
  const pep = files['pep.csv'];
  if (pep) {
    const r = parsePepCsv(pep.text, pep.fallbackVersion);
    entities.push(...r);
    sources.push({ list: 'PEP', files: ['pep.csv'], version: pep.fallbackVersion, entities: r.length });
  }
  return { entities, sources, danglingAliases: dangling };
}
