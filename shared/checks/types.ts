import type { CheckSettings } from '../domain/workspace';
import type { CheckResult, Finding, FindingEntity, FindingError } from '../domain/findings';
import type { AccountSourceValues } from '../rules/account';
import type { BackupSourceValues } from '../rules/backup';
import type { CloudTrailSourceValues } from '../rules/cloudtrail';
import type { ConfigSourceValues } from '../rules/config';
import type { Ec2SourceValues } from '../rules/ec2';
import type { GuardDutySourceValues } from '../rules/guardduty';
import type { IamSourceValues } from '../rules/iam/snapshot';
import type { InspectorSourceValues } from '../rules/inspector';
import type { KmsSourceValues } from '../rules/kms';
import type { RdsSourceValues } from '../rules/rds';
import type { S3SourceValues } from '../rules/s3';

/**
 * Every API answer a check can read, by source key. Each service's rules declare their own part;
 * a source's key is unique across services, so a rule reads `snapshot.credentialReport`.
 */
export type SourceValues = IamSourceValues &
  AccountSourceValues &
  CloudTrailSourceValues &
  GuardDutySourceValues &
  ConfigSourceValues &
  InspectorSourceValues &
  S3SourceValues &
  Ec2SourceValues &
  RdsSourceValues &
  KmsSourceValues &
  BackupSourceValues;

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
  /** `error` when some regions or resources could not be read and nothing failed. */
  result: CheckResult;
  summary: string;
  entities: FindingEntity[];
  notes?: string[];
  /** The first read that failed, when the result is `error`. */
  error?: FindingError;
}

export interface RuleInput {
  snapshot: Snapshot;
  /** The regions in use the regional sources were read in. */
  regions?: string[];
  /** The account's home region: always in use. */
  homeRegion?: string;
  /** True when the regions were chosen in Settings: each chosen region is in use, whatever is found there. */
  regionsChosen?: boolean;
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

/** A feature beside the checks that reads AWS: the sources it reads and its own calls. */
export interface PolicyFeature {
  id: string;
  /** How the Permissions screen names it beside the check ids. */
  label: string;
  sources: readonly SourceKey[];
  actions: readonly { action: string; why: string }[];
}
