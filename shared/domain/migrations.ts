/**
 * Workspace documents carry `schemaVersion`. Each step upgrades one version to the next and
 * is a pure function, so old workspaces open in new app versions and the steps are testable.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export interface DocumentMigrations {
  current: number;
  /** `steps[n]` upgrades version n to n + 1. */
  steps: Record<number, Migration>;
}

export type MigrationOutcome =
  | { kind: 'ok'; doc: Record<string, unknown>; migratedFrom?: number }
  | { kind: 'too_new'; version: number }
  | { kind: 'unversioned' }
  | { kind: 'no_path'; version: number };

export function migrate(raw: unknown, migrations: DocumentMigrations): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'unversioned' };
  let doc = raw as Record<string, unknown>;
  const start = doc.schemaVersion;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 1) return { kind: 'unversioned' };
  if (start > migrations.current) return { kind: 'too_new', version: start };
  for (let v = start; v < migrations.current; v++) {
    const step = migrations.steps[v];
    if (!step) return { kind: 'no_path', version: v };
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  return start === migrations.current ? { kind: 'ok', doc } : { kind: 'ok', doc, migratedFrom: start };
}
