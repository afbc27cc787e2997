/** The sanctions fixtures laid out under their published names (symlinks in a temp folder), for benches and tests. */
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SANCTIONS = process.env.VDEX_SANCTIONS_FIXTURES ?? path.resolve(import.meta.dirname, '../../shared/fixtures/sanctions');

/** Full bench set: OFAC 2024-05-03 sdn.csv + 2025-12 aliases, UN 2026-02-27, MHA UAPA. */
export function fixtureListsDir(which: { ofac?: boolean; un?: boolean; uapa?: boolean } = { ofac: true, un: true, uapa: true }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vdex-aml-lists-'));
  mkdirSync(dir, { recursive: true });
  const link = (from: string, to: string): void => symlinkSync(path.join(SANCTIONS, from), path.join(dir, to));
  if (which.ofac) {
    link('ofac/2024-05-03/sdn.csv.gz', 'sdn.csv.gz');
    link('ofac/2025-12-24-watchman-aliases/alt.csv.gz', 'alt.csv.gz');
    link('ofac/2025-12-24-watchman-aliases/add.csv.gz', 'add.csv.gz');
    link('ofac/2025-12-24-watchman-aliases/sdn_comments.csv.gz', 'sdn_comments.csv.gz');
  }
  if (which.un) link('un/2026-02-27/consolidated.xml.gz', 'consolidated.xml.gz');
  if (which.uapa) link('india/mha_uapa_first_schedule_2023-12.csv', 'uapa.csv');
  return dir;
}

export const LABELLED = {
  unUntreated: path.join(SANCTIONS, 'labelled/yente_positives_un_untreated.csv'),
  unTreated: path.join(SANCTIONS, 'labelled/yente_positives_un_treated.csv'),
  negativesGlobal: path.join(SANCTIONS, 'labelled/yente_negatives_global.csv.gz'),
  negativesUs: path.join(SANCTIONS, 'labelled/yente_negatives_us.csv.gz'),
};
