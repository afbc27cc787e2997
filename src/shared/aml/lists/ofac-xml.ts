/**
 * OFAC SDN in its XML form (sdn.xml). The namespace changed over the years
 * (tempuri.org → sanctionslistservice), so elements are read namespace-free.
 */
import { toCountryCode } from '../countries';
import { parseListDate } from '../dates';
import type { EntityKind, EntityName, ListDate, WatchlistEntity } from '../model';
import { parseRemarks } from './ofac-csv';
import { arr, obj, parseListXml, text } from './xml';

const ARRAYS = new Set(['sdnEntry', 'program', 'aka', 'nationality', 'citizenship', 'dateOfBirthItem', 'placeOfBirthItem', 'id', 'address']);
const KIND: Record<string, EntityKind> = { individual: 'person', vessel: 'vessel', aircraft: 'aircraft', entity: 'organisation' };

function joinName(first: string | undefined, last: string | undefined): string {
  return last && first ? `${last}, ${first}` : (last ?? first ?? '');
}

/** "05/03/2024" (MM/DD/YYYY) → "2024-05-03". */
function publishDate(v: string | undefined): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v ?? '');
  return m ? `${m[3]}-${m[1]}-${m[2]}` : (v ?? 'unknown');
}

export function parseOfacXml(xml: string): { entities: WatchlistEntity[]; publishDate: string } {
  const root = obj(parseListXml(xml, ARRAYS).sdnList);
  const version = publishDate(text(obj(root.publshInformation).Publish_Date));
  const entities: WatchlistEntity[] = [];
  for (const raw of arr(root.sdnEntry)) {
    const e = obj(raw);
    const uid = text(e.uid);
    const primary = joinName(text(e.firstName), text(e.lastName));
    if (!uid || !primary) continue;
    const kind = KIND[(text(e.sdnType) ?? '').toLowerCase()] ?? 'organisation';
    const names: EntityName[] = [{ name: primary, kind: 'primary' }];
    for (const a of arr(obj(e.akaList).aka)) {
      const ao = obj(a);
      const n = joinName(text(ao.firstName), text(ao.lastName));
      if (!n) continue;
      const weak = (text(ao.category) ?? '').toLowerCase() === 'weak';
      names.push({ name: n, kind: weak ? 'weak' : (text(ao.type) ?? '').toLowerCase().includes('f.k.a') ? 'fka' : 'aka' });
    }
    const countries = new Set<string>();
    for (const n of arr(obj(e.nationalityList).nationality)) { const c = toCountryCode(text(obj(n).country)); if (c) countries.add(c); }
    for (const n of arr(obj(e.citizenshipList).citizenship)) { const c = toCountryCode(text(obj(n).country)); if (c) countries.add(c); }
    for (const p of arr(obj(e.placeOfBirthList).placeOfBirthItem)) { const c = toCountryCode(text(obj(p).placeOfBirth)?.split(',').pop()); if (c) countries.add(c); }
    const dob = arr(obj(e.dateOfBirthList).dateOfBirthItem).map((d) => parseListDate(text(obj(d).dateOfBirth))).filter((d): d is ListDate => !!d);
    const remarks = parseRemarks(text(e.remarks) ?? '');
    const entity: WatchlistEntity = {
      id: `OFAC:${uid}`,
      list: 'OFAC',
      ref: uid,
      kind,
      names,
      dob: kind === 'person' ? dob : [],
      countries: [...countries],
      programs: arr<unknown>(obj(e.programList).program).map(text).filter((x): x is string => !!x),
      sourceVersion: version,
    };
    if (remarks.gender) entity.gender = remarks.gender;
    entities.push(entity);
  }
  return { entities, publishDate: version };
}
