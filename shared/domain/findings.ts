import { z } from 'zod';

export const CHECK_RESULTS = ['pass', 'fail', 'needs_review', 'not_applicable', 'error'] as const;
export const CheckResult = z.enum(CHECK_RESULTS);
export type CheckResult = z.infer<typeof CheckResult>;

export const CHECK_RESULT_LABELS: Record<CheckResult, string> = {
  pass: 'Pass',
  fail: 'Fail',
  needs_review: 'Needs review',
  not_applicable: 'Not applicable',
  error: 'Error',
};

/** One AWS principal (or the account itself) behind a finding, with what the rule saw for it. */
export const FindingEntity = z.object({
  arn: z.string(),
  name: z.string().optional(),
  /** Where a regional resource lives; absent for account-wide ones (IAM) and in findings before regions. */
  region: z.string().optional(),
  result: CheckResult,
  /** One sentence for people: why this entity passes, fails or needs review. */
  detail: z.string(),
  /** The values the rule read, so a reviewer can verify without opening the raw response. */
  facts: z.record(z.string(), z.unknown()).optional(),
});
export type FindingEntity = z.infer<typeof FindingEntity>;

export const FindingError = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  /** The IAM action the collecting principal lacks, e.g. `iam:GenerateCredentialReport`. */
  missingAction: z.string().optional(),
});
export type FindingError = z.infer<typeof FindingError>;

export const FINDING_SCHEMA_VERSION = 1;

/** A check's result with the entities behind it: stored as JSON evidence beside the raw responses. */
export const Finding = z.object({
  schemaVersion: z.literal(FINDING_SCHEMA_VERSION),
  checkId: z.string(),
  /** The account the finding was collected in; absent in findings from before several accounts were collected. */
  accountId: z.string().optional(),
  /** The regions the check read (regional checks only). */
  regions: z.array(z.string()).optional(),
  result: CheckResult,
  summary: z.string(),
  /** The rule in words, as the auditor should read it. */
  rule: z.string(),
  /** The workspace limits the rule used (days, lengths); empty when the rule has none. */
  limits: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  entities: z.array(FindingEntity),
  /** Things worth a reviewer's eye that do not change the result. */
  notes: z.array(z.string()).default([]),
  evaluatedAt: z.string(),
  error: FindingError.nullable(),
});
export type Finding = z.infer<typeof Finding>;

/** One stored file behind a check's result; `path` is relative to the workspace folder. */
export interface CheckEvidenceRef {
  id: string;
  kind: 'api_snapshot' | 'findings';
  fileName: string;
  sha256: string;
  path: string;
}

export interface CheckRunItem {
  checkId: string;
  /** The account this result is for: a run covers every account in scope. */
  accountId: string;
  result: CheckResult;
  summary: string;
  entities: FindingEntity[];
  notes: string[];
  error: FindingError | null;
  /** Empty when the run stopped or was cancelled before the check finished. */
  evidence: CheckEvidenceRef[];
}

/** One account of a run: who read it, which regions (and why), or why it could not be read. */
export interface RunAccount {
  id: string;
  alias?: string;
  principalArn?: string;
  regions: { region: string; why: string }[];
  /** Chosen or listed regions that are disabled or not opted in: recorded, never read, never a failure. */
  notEnabled: string[];
  /** The account could not be reached (role missing or denied); the other accounts went on. */
  error?: { code: string; message: string; hint?: string };
}

/** What one collection run did: shown in the result panel and printed by `collect --json`. */
export interface CheckRun {
  /** Every account the run covered, the profile's own first. */
  accounts: RunAccount[];
  runId: string;
  status: 'completed' | 'stopped' | 'cancelled';
  startedAt: string;
  finishedAt: string;
  /** The profile's own account (the one it signs in to). */
  account: { id: string; alias?: string };
  principalArn: string;
  region: string;
  profile?: string;
  collectedBy: { name: string; email: string };
  /** One item per check and account. */
  checks: CheckRunItem[];
  /** Why the run stopped early (expired sign-in, network), for people. */
  stopped?: { code: string; message: string; hint?: string };
}

/** Pushed while a run is going: one bar per check. */
export interface CheckProgress {
  runId: string;
  checkId: string;
  done: number;
  total: number;
  result?: CheckResult;
}

/**
 * Pushed while a run is going: where it is in one account. `regionsRead` of `regionsTotal` (the
 * enabled regions the run reads there) only when the run has regional checks; `checksDone` of
 * `checksTotal` counts the checks evaluated for the account.
 */
export interface AccountRunProgress {
  runId: string;
  account: { id: string; alias?: string };
  regionsRead?: number;
  regionsTotal?: number;
  checksDone: number;
  checksTotal: number;
}

/** The most recent stored finding of one check, with who collected it and when. */
export interface LatestFinding {
  checkId: string;
  runId?: string;
  finding: Finding | null;
  collectedAt: string;
  collectedBy: { name: string; email: string };
  account?: { id: string; alias?: string; principalArn: string; region: string };
  evidence: CheckEvidenceRef[];
  /** A changed, missing or unreadable findings file is reported, never read as if it were fine. */
  integrity: 'ok' | 'tampered' | 'missing' | 'unreadable';
}

/** A control's checks: the latest finding per account in scope, and apart, those from other accounts. */
export interface ControlFindings {
  controlId: string;
  /** The accounts chosen on the AWS screen; empty when none are chosen (then every account counts). */
  accountsInScope: string[];
  checks: {
    checkId: string;
    title: string;
    /** One per account in scope that has a finding; empty: not run yet. */
    latest: LatestFinding[];
    /** Latest findings from accounts outside the scope: shown apart, never the control's result. */
    outOfScope: LatestFinding[];
  }[];
}
