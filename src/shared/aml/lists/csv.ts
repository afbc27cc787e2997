/**
 * CSV rows via csv-parse's browser build (pure JS, no Node streams), so the
 * list parsers stay in src/shared and the central API can use them too.
 */
import { parse } from 'csv-parse/browser/esm/sync';

/** Parses CSV text into rows of trimmed strings; tolerant of OFAC's quirks (0x1A at the end, ragged rows). */
export function parseCsvRows(text: string, options: { header?: false } = {}): string[][] {
  void options;
  const clean = text.split(String.fromCharCode(0x1a)).join('').replace(/^\ufeff/, '');
  return parse(clean, { relax_quotes: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
}

/** Parses CSV with a header row into records keyed by lower-cased header names. */
export function parseCsvRecords(text: string): Array<Record<string, string>> {
  const rows = parseCsvRows(text);
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** OFAC writes nulls as `-0-`. */
export function ofacValue(v: string | undefined): string | undefined {
  const t = v?.trim();
  return !t || t === '-0-' ? undefined : t;
}
