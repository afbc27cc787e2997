/** A numbered migration: SQL forward and back. Each file has a test beside it. */
export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
}
