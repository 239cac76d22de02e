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
