/** The fields the "latest run" rule looks at; evidence records have them. */
export interface RunRecord {
  id: string;
  kind: string;
  checkId?: string;
  capturedAt: string;
}

/** Later capture wins; on the same instant the larger id, so every screen picks the same record. */
export const isLater = (a: RunRecord, b: RunRecord) =>
  a.capturedAt > b.capturedAt || (a.capturedAt === b.capturedAt && a.id > b.id);

/**
 * The one rule for "the latest run of a check": of the findings records of each check, the one
 * captured last. The checks screen, the dashboard, the pre-flight and the bundle all use it;
 * older runs stay in the evidence library and the bundle's evidence index.
 */
export function latestFindingsByCheck<R extends RunRecord>(records: Iterable<R>): Map<string, R> {
  const latest = new Map<string, R>();
  for (const record of records) {
    if (record.kind !== 'findings') continue;
    const key = record.checkId ?? record.id;
    const seen = latest.get(key);
    if (!seen || isLater(record, seen)) latest.set(key, record);
  }
  return latest;
}
