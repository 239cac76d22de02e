/** The fields the "latest run" rule looks at; evidence records have them. */
export interface RunRecord {
  id: string;
  kind: string;
  checkId?: string;
  capturedAt: string;
  /** The AWS account the record was collected in. */
  aws?: { accountId: string };
}

/** One check collected in one account: the unit a "latest" is chosen within. */
const checkAccountKey = (record: RunRecord) => `${record.checkId ?? record.id}\u0000${accountOf(record) ?? ''}`;

/** Later capture wins; on the same instant the larger id, so every screen picks the same record. */
export const isLater = (a: RunRecord, b: RunRecord) =>
  a.capturedAt > b.capturedAt || (a.capturedAt === b.capturedAt && a.id > b.id);

/** The AWS account a record was collected in; null for a record that names none. */
export const accountOf = (record: RunRecord): string | null => record.aws?.accountId ?? null;

/**
 * Whether an account is in the workspace's scope (the accounts chosen on the AWS screen). A
 * workspace that chose no accounts collects the profile's own account only, so every account
 * counts there; once accounts are chosen, a record that names no account counts for none.
 */
export function accountInScope(accountId: string | null, scope: readonly string[]): boolean {
  if (scope.length === 0) return true;
  return accountId !== null && scope.includes(accountId);
}

/** The latest finding of each check per account, split by whether that account is in scope. */
export interface LatestPerAccount<R> {
  /** What the control's result is made of: one record per check and account in scope. */
  inScope: R[];
  /** Latest findings collected in accounts outside the scope: listed apart, never a control's result. */
  outOfScope: R[];
}

/**
 * The one rule for "the latest finding of a check per account in scope": of the findings records
 * of each check and account, the one captured last; a finding counts only for the account it was
 * collected in, and only while that account is in scope. The checks screen, the control page,
 * the dashboard, the pre-flight and the bundle all use it; older runs stay in the evidence
 * library. Both lists are ordered by check, then by the scope's order of accounts.
 */
export function latestFindingsPerAccount<R extends RunRecord>(
  records: Iterable<R>,
  scope: readonly string[],
): LatestPerAccount<R> {
  const latest = new Map<string, R>();
  for (const record of records) {
    if (record.kind !== 'findings') continue;
    const key = checkAccountKey(record);
    const seen = latest.get(key);
    if (!seen || isLater(record, seen)) latest.set(key, record);
  }
  const rank = (r: R) => {
    const i = scope.indexOf(accountOf(r) ?? '');
    return i < 0 ? scope.length : i;
  };
  const ordered = [...latest.values()].sort(
    (a, b) =>
      (a.checkId ?? a.id).localeCompare(b.checkId ?? b.id) ||
      rank(a) - rank(b) ||
      (accountOf(a) ?? '').localeCompare(accountOf(b) ?? ''),
  );
  return {
    inScope: ordered.filter((r) => accountInScope(accountOf(r), scope)),
    outOfScope: ordered.filter((r) => !accountInScope(accountOf(r), scope)),
  };
}

/** Whether a record belongs to the same run of the same check in the same account as a findings record. */
export const inRunOf = (record: RunRecord & { runId?: string }, findings: RunRecord & { runId?: string }) =>
  record.id === findings.id ||
  (record.runId !== undefined &&
    record.runId === findings.runId &&
    record.checkId === findings.checkId &&
    accountOf(record) === accountOf(findings));

/**
 * Evidence split by the same rule into the latest run of each check per account (its findings and
 * the raw responses of that run) and earlier runs. A control's bundle page shows the latest run;
 * earlier runs stay in the evidence index. Evidence of no check (screenshots, documents) is
 * never an earlier run: a person retires what it supersedes.
 */
export function splitByLatestRun<R extends RunRecord & { runId?: string }>(
  records: readonly R[],
): { latest: R[]; earlier: R[] } {
  const findings = new Map<string, R>();
  for (const record of records) {
    if (record.kind !== 'findings') continue;
    const seen = findings.get(checkAccountKey(record));
    if (!seen || isLater(record, seen)) findings.set(checkAccountKey(record), record);
  }
  const latest: R[] = [];
  const earlier: R[] = [];
  for (const record of records) {
    const run = record.checkId === undefined ? undefined : findings.get(checkAccountKey(record));
    (run && !inRunOf(record, run) ? earlier : latest).push(record);
  }
  return { latest, earlier };
}
