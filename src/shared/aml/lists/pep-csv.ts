/**
 * A PEP list as CSV with a header row: name, aliases (';' or '|' separated),
 * position, country, and optional id, date_of_birth/dob, gender, start_date, end_date.
 */
import { toCountryCode } from '../countries';
import { parseListDate } from '../dates';
import type { EntityName, WatchlistEntity } from '../model';
import { parseCsvRecords } from './csv';

export function parsePepCsv(text: string, sourceVersion: string): WatchlistEntity[] {
  const out: WatchlistEntity[] = [];
  parseCsvRecords(text).forEach((r, i) => {
    const name = (r.name ?? r.full_name ?? '').trim();
    if (!name) return;
    const names: EntityName[] = [{ name, kind: 'primary' }];
    for (const a of (r.aliases ?? '').split(/[;|]/).map((s) => s.trim()).filter(Boolean)) names.push({ name: a, kind: 'aka' });
    const country = toCountryCode(r.country);
    const dob = parseListDate(r.date_of_birth ?? r.dob);
    const ref = (r.id ?? '').trim() || String(i + 1);
    const gender = (r.gender ?? '').toLowerCase();
    const entity: WatchlistEntity = {
      id: `PEP:${ref}`,
      list: 'PEP',
      ref,
      kind: 'person',
      names,
      dob: dob ? [dob] : [],
      countries: country ? [country] : [],
      programs: [[r.start_date, r.end_date].filter(Boolean).join('..')].filter(Boolean),
      sourceVersion,
    };
    if (r.position) entity.position = r.position.trim();
    if (country) entity.pepCountry = country;
    if (gender === 'male' || gender === 'female') entity.gender = gender;
    out.push(entity);
  });
  return out;
}
