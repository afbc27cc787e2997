/**
 * The one normalised watchlist entity model, whatever list it came from
 * (OFAC SDN, UN consolidated, MHA UAPA, PEP). Bundles carry these as JSON.
 */
import { z } from 'zod';

export const ListIdSchema = z.enum(['OFAC', 'UN', 'UAPA', 'PEP']);
export type ListId = z.infer<typeof ListIdSchema>;

export const EntityKindSchema = z.enum(['person', 'organisation', 'vessel', 'aircraft']);
export type EntityKind = z.infer<typeof EntityKindSchema>;

/** A date of birth as the lists give it: full, month, year only, or a year range. */
export const ListDateSchema = z.object({
  year: z.number().int().optional(),
  month: z.number().int().min(1).max(12).optional(),
  day: z.number().int().min(1).max(31).optional(),
  fromYear: z.number().int().optional(),
  toYear: z.number().int().optional(),
  approximate: z.boolean().optional(),
});
export type ListDate = z.infer<typeof ListDateSchema>;

export const EntityNameSchema = z.object({
  name: z.string(),
  /** primary; strong alias (aka/fka/nka/Good); weak alias (OFAC quoted remark AKA, UN "Low"). */
  kind: z.enum(['primary', 'aka', 'fka', 'weak']),
});
export type EntityName = z.infer<typeof EntityNameSchema>;

export const WatchlistEntitySchema = z.object({
  /** Stable across bundle versions: `${list}:${ref}`. */
  id: z.string(),
  list: ListIdSchema,
  /** The publisher's reference: OFAC ent_num, UN reference number (QDi.135), UAPA serial, PEP id. */
  ref: z.string(),
  kind: EntityKindSchema,
  names: z.array(EntityNameSchema).min(1),
  dob: z.array(ListDateSchema),
  /** ISO 3166 alpha-2 codes: nationality, citizenship and country of birth together. */
  countries: z.array(z.string()),
  gender: z.enum(['male', 'female']).optional(),
  programs: z.array(z.string()),
  listedOn: z.string().optional(),
  /** PEP only: the public function, and the country it is held in. */
  position: z.string().optional(),
  pepCountry: z.string().optional(),
  /** Which published file version the entity came from (OFAC publish date, UN dateGenerated…). */
  sourceVersion: z.string(),
});
export type WatchlistEntity = z.infer<typeof WatchlistEntitySchema>;

export const ListSourceSchema = z.object({
  list: ListIdSchema,
  /** File names read, e.g. ["sdn.csv", "alt.csv"]. */
  files: z.array(z.string()),
  version: z.string(),
  entities: z.number().int(),
});
export type ListSource = z.infer<typeof ListSourceSchema>;

/** What a customer is screened with. */
export interface ScreeningSubject {
  name: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  dob?: string;
  /** ISO alpha-2 or an English country name. */
  country?: string;
  gender?: 'male' | 'female' | 'other';
  kind?: 'person' | 'organisation';
}
