/**
 * MHA UAPA schedules as a curated CSV (MHA publishes HTML/PDF only). Columns:
 * serial, name_as_published, schedule, snapshot (optionally aliases). Names
 * carry aliases after '/' or '@' and suffixes like "and all its manifestations".
 */
import type { EntityName, WatchlistEntity } from '../model';
import { parseCsvRecords } from './csv';

const SUFFIX_RE = /\b(and|including)\s+(all\s+)?(its|their)\s+(manifestations|front\s+organi[sz]ations).*$/i;

export function splitPublishedName(published: string): string[] {
  const base = published.replace(SUFFIX_RE, '').replace(/[,;]\s*$/, '').trim();
  const parts: string[] = [];
  for (const piece of base.split(/\s*[/@]\s*|\s+alias\s+/i)) {
    const m = /^(.*?)\s*\(([^)]+)\)\s*$/.exec(piece);
    if (m) { parts.push(m[1]!.trim()); parts.push(m[2]!.trim()); } else parts.push(piece.trim());
  }
  return parts.filter((p) => /\p{L}/u.test(p));
}

export function parseUapaCsv(text: string): { entities: WatchlistEntity[]; snapshot: string } {
  const records = parseCsvRecords(text);
  let snapshot = 'unknown';
  const entities: WatchlistEntity[] = [];
  for (const r of records) {
    const serial = (r.serial ?? r.id ?? '').trim();
    const published = (r.name_as_published ?? r.name ?? '').trim();
    if (!serial || !published) continue;
    const [primary, ...aliases] = splitPublishedName(published);
    if (!primary) continue;
    const names: EntityName[] = [{ name: primary, kind: 'primary' }, ...aliases.map((n) => ({ name: n, kind: 'aka' as const }))];
    for (const a of (r.aliases ?? '').split(/[;|]/).map((s) => s.trim()).filter(Boolean)) names.push({ name: a, kind: 'aka' });
    const schedule = r.schedule ?? '';
    snapshot = r.snapshot?.trim() || snapshot;
    const person = /fourth/i.test(schedule) || /^(person|individual)$/i.test(r.type ?? '');
    entities.push({
      id: `UAPA:${/fourth/i.test(schedule) ? 'IV-' : 'I-'}${serial}`,
      list: 'UAPA',
      ref: serial,
      kind: person ? 'person' : 'organisation',
      names,
      dob: [],
      countries: [],
      programs: [schedule || 'UAPA'],
      sourceVersion: snapshot,
    });
  }
  for (const e of entities) e.sourceVersion = snapshot;
  return { entities, snapshot };
}
