/**
 * OFAC SDN legacy CSV: sdn.csv (primary), alt.csv (strong aliases), add.csv
 * (addresses), sdn_comments.csv (remarks overflow), joined on ent_num.
 * No header row; nulls are `-0-`; programs look like `IRAN] [SDGT`; weak AKAs
 * sit in the remarks in single quotes; DOB, POB, nationality, gender too.
 */
import { toCountryCode } from '../countries';
import { parseListDate } from '../dates';
import type { EntityKind, EntityName, ListDate, WatchlistEntity } from '../model';
import { ofacValue, parseCsvRows } from './csv';

export interface OfacCsvFiles {
  sdn: string;
  alt?: string;
  add?: string;
  comments?: string;
}

export interface OfacParseResult {
  entities: WatchlistEntity[];
  /** alt/add rows whose ent_num is not in sdn.csv (e.g. newer aliases joined to an older primary file). */
  danglingAliases: number;
}

const KIND: Record<string, EntityKind> = { individual: 'person', vessel: 'vessel', aircraft: 'aircraft' };

export function parseRemarks(remarks: string): { dob: ListDate[]; countries: string[]; gender?: 'male' | 'female'; weakAkas: string[] } {
  const dob: ListDate[] = [];
  const countries = new Set<string>();
  let gender: 'male' | 'female' | undefined;
  const weakAkas: string[] = [];
  for (const m of remarks.matchAll(/a\.k\.a\.,?\s*'([^']+)'/gi)) weakAkas.push(m[1]!.trim());
  for (const part of remarks.split(';')) {
    const p = part.trim();
    let m = /^(?:alt\.\s*)?DOB\s+(.+)$/i.exec(p);
    if (m) {
      const d = parseListDate(m[1]!.replace(/\.$/, ''));
      if (d) dob.push(d);
      continue;
    }
    m = /^(?:alt\.\s*)?(?:nationality|citizen)\s+(.+?)\.?$/i.exec(p);
    if (m) {
      const c = toCountryCode(m[1]);
      if (c) countries.add(c);
      continue;
    }
    m = /^(?:alt\.\s*)?POB\s+(.+?)\.?$/i.exec(p);
    if (m) {
      const c = toCountryCode(m[1]!.split(',').pop());
      if (c) countries.add(c);
      continue;
    }
    m = /^Gender\s+(Male|Female)/i.exec(p);
    if (m) gender = m[1]!.toLowerCase() as 'male' | 'female';
  }
  return gender ? { dob, countries: [...countries], gender, weakAkas } : { dob, countries: [...countries], weakAkas };
}

export function parseOfacCsv(files: OfacCsvFiles, sourceVersion: string): OfacParseResult {
  const comments = new Map<string, string>();
  if (files.comments) for (const r of parseCsvRows(files.comments)) if (r[0]) comments.set(r[0], (comments.get(r[0]) ?? '') + (ofacValue(r[1]) ?? ''));
  const byEnt = new Map<string, WatchlistEntity>();
  for (const r of parseCsvRows(files.sdn)) {
    const ent = ofacValue(r[0]);
    const name = ofacValue(r[1]);
    if (!ent || !name || !/^\d+$/.test(ent)) continue;
    const remarks = (ofacValue(r[11]) ?? '') + (comments.get(ent) ?? '');
    const kind = KIND[(ofacValue(r[2]) ?? '').toLowerCase()] ?? 'organisation';
    const info = parseRemarks(remarks);
    const names: EntityName[] = [{ name, kind: 'primary' }, ...info.weakAkas.map((n) => ({ name: n, kind: 'weak' as const }))];
    const entity: WatchlistEntity = {
      id: `OFAC:${ent}`,
      list: 'OFAC',
      ref: ent,
      kind,
      names,
      dob: kind === 'person' ? info.dob : [],
      countries: info.countries,
      programs: (ofacValue(r[3]) ?? '').split(/\]\s*\[/).map((p) => p.replace(/[[\]]/g, '').trim()).filter(Boolean),
      sourceVersion,
    };
    if (info.gender) entity.gender = info.gender;
    byEnt.set(ent, entity);
  }
  let dangling = 0;
  if (files.alt) {
    for (const r of parseCsvRows(files.alt)) {
      const e = byEnt.get(r[0] ?? '');
      const n = ofacValue(r[3]);
      if (!n) continue;
      if (!e) { dangling++; continue; }
      const type = (ofacValue(r[2]) ?? 'aka').toLowerCase();
      e.names.push({ name: n, kind: type === 'fka' ? 'fka' : 'aka' });
    }
  }
  if (files.add) {
    for (const r of parseCsvRows(files.add)) {
      if (!byEnt.has(r[0] ?? '')) dangling++;
    }
  }
  return { entities: [...byEnt.values()], danglingAliases: dangling };
}
