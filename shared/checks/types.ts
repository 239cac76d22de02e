import type { CheckSettings } from '../domain/workspace';
import type { Finding, FindingEntity, FindingError } from '../domain/findings';
import type { IamSourceValues } from '../rules/iam/snapshot';

/**
 * Every API answer a check can read, by source key. Each service's rules declare their own part;
 * a source's key is unique across services, so a rule reads `snapshot.credentialReport`.
 */
export type SourceValues = IamSourceValues;

export type SourceKey = keyof SourceValues;

/** What the collector knows about the account a snapshot was read from. */
export interface AccountFacts {
  accountId: string;
  /** `aws`, `aws-us-gov`, `aws-cn`: taken from the caller's ARN. */
  partition: string;
}

/** The API answers one account's checks read. A source left undefined was not collected. */
export type Snapshot = AccountFacts & Partial<SourceValues>;

/** What a rule concluded, before the registry stamps the check id, time and error. */
export interface RuleOutcome {
  result: 'pass' | 'fail' | 'needs_review' | 'not_applicable';
  summary: string;
  entities: FindingEntity[];
  notes?: string[];
}

export interface RuleInput {
  snapshot: Snapshot;
  settings: CheckSettings;
  now: Date;
}

export type SourceErrors = Partial<Record<SourceKey, FindingError>>;

/** One check, defined once: what people read, what it proves, what it reads, and its rule. */
export interface CheckDefinition {
  /** Stable: stored evidence, findings and `collect --only` refer to it. */
  id: string;
  title: string;
  description: string;
  /** The catalog controls its evidence is linked to (the control pages list the check from here). */
  controls: readonly string[];
  /** Without these the check is an error; each names the API answer it comes from. */
  requires: readonly SourceKey[];
  /** Corroborating sources: when missing the check still runs and says what it could not confirm. */
  uses: readonly SourceKey[];
  rule: (s: CheckSettings) => string;
  limits: (s: CheckSettings) => Finding['limits'];
  evaluate: (input: RuleInput) => RuleOutcome;
}
