/** One step of a store's schema: applied once, in order of `version`, and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  /** Plain SQL, possibly several statements. Never edited once released: a change is a new migration. */
  sql: string;
}

/** The migrations not yet applied, in order; refuses a database that a newer release of the server has migrated. */
export function pendingMigrations(all: readonly Migration[], applied: readonly number[]): Migration[] {
  const known = new Set(all.map((migration) => migration.version));
  const unknown = applied.filter((version) => !known.has(version));
  if (unknown.length > 0) {
    throw new Error(
      `The database has schema version ${Math.max(...unknown)}, which this passkey-elements-server does not know: it was migrated by a newer release. Upgrade this server instead of running an older one on it.`,
    );
  }
  const done = new Set(applied);
  return all.filter((migration) => !done.has(migration.version)).sort((a, b) => a.version - b.version);
}
