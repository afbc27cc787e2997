/**
 * UN Security Council consolidated list (XML): INDIVIDUALS/INDIVIDUAL and
 * ENTITIES/ENTITY. Empty elements (`<ALIAS_NAME/>`) are skipped; BETWEEN dates
 * become year ranges; alias QUALITY "Low" is a weak alias.
 */
import { toCountryCode } from '../countries';
import { parseListDate } from '../dates';
import type { EntityName, ListDate, WatchlistEntity } from '../model';
import { arr, obj, parseListXml, text } from './xml';

const ARRAYS = new Set(['INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH', 'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'VALUE', 'INDIVIDUAL_DOCUMENT']);

export interface UnParseResult {
  entities: WatchlistEntity[];
  dateGenerated: string;
}

function values(v: unknown): string[] {
  return arr(obj(v).VALUE).map(text).filter((x): x is string => !!x);
}

function aliasKind(quality: string | undefined): EntityName['kind'] {
  const q = (quality ?? '').toLowerCase();
  if (q === 'low') return 'weak';
  if (q.startsWith('f.k.a')) return 'fka';
  return 'aka';
}

function unDate(d: Record<string, unknown>): ListDate | undefined {
  const type = (text(d.TYPE_OF_DATE) ?? '').toUpperCase();
  const from = text(d.FROM_YEAR);
  const to = text(d.TO_YEAR);
  if (type === 'BETWEEN' && from && to) return { fromYear: Number(from), toYear: Number(to) };
  const parsed = parseListDate(text(d.DATE) ?? text(d.YEAR));
  if (parsed && type === 'APPROXIMATELY') parsed.approximate = true;
  return parsed;
}

export function parseUnXml(xml: string): UnParseResult {
  const root = obj(parseListXml(xml, ARRAYS).CONSOLIDATED_LIST);
  const dateGenerated = text(root['@dateGenerated']) ?? 'unknown';
  const entities: WatchlistEntity[] = [];
  const build = (r: Record<string, unknown>, person: boolean): void => {
    const ref = text(r.REFERENCE_NUMBER) ?? text(r.DATAID);
    const primary = [r.FIRST_NAME, r.SECOND_NAME, r.THIRD_NAME, r.FOURTH_NAME].map(text).filter(Boolean).join(' ');
    if (!ref || !primary) return;
    const names: EntityName[] = [{ name: primary, kind: 'primary' }];
    for (const a of arr(person ? r.INDIVIDUAL_ALIAS : r.ENTITY_ALIAS)) {
      const n = text(obj(a).ALIAS_NAME);
      if (n) names.push({ name: n, kind: aliasKind(text(obj(a).QUALITY)) });
    }
    const original = text(r.NAME_ORIGINAL_SCRIPT);
    if (original) names.push({ name: original, kind: 'aka' });
    const countries = new Set<string>();
    for (const n of values(r.NATIONALITY)) { const c = toCountryCode(n); if (c) countries.add(c); }
    for (const p of arr(r.INDIVIDUAL_PLACE_OF_BIRTH)) { const c = toCountryCode(text(obj(p).COUNTRY)); if (c) countries.add(c); }
    const dob = person ? arr(r.INDIVIDUAL_DATE_OF_BIRTH).map((d) => unDate(obj(d))).filter((d): d is ListDate => !!d) : [];
    const gender = (text(r.GENDER) ?? '').toLowerCase();
    const entity: WatchlistEntity = {
      id: `UN:${ref}`,
      list: 'UN',
      ref,
      kind: person ? 'person' : 'organisation',
      names,
      dob,
      countries: [...countries],
      programs: [text(r.UN_LIST_TYPE)].filter((x): x is string => !!x),
      sourceVersion: dateGenerated,
    };
    const listedOn = text(r.LISTED_ON);
    if (listedOn) entity.listedOn = listedOn;
    if (gender === 'male' || gender === 'female') entity.gender = gender;
    entities.push(entity);
  };
  for (const i of arr(obj(root.INDIVIDUALS).INDIVIDUAL)) build(obj(i), true);
  for (const e of arr(obj(root.ENTITIES).ENTITY)) build(obj(e), false);
  return { entities, dateGenerated };
}
