import type { CheckSettings } from '../../domain/workspace';
import type { FindingEntity, FindingError } from '../../domain/findings';
import type { AuthorizationDetails } from './authorization-details';
import type { CredentialReportRow } from './credential-report';

/** GetAccountPasswordPolicy's PasswordPolicy, as AWS names the fields. */
export interface PasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface VirtualMfaDevice {
  SerialNumber?: string;
  User?: { Arn?: string; UserName?: string };
  EnableDate?: string | Date;
}

/** The API answers the IAM checks read. A source left undefined was not collected. */
export interface IamSnapshot {
  accountId: string;
  /** `aws`, `aws-us-gov`, `aws-cn`: taken from the caller's ARN. */
  partition: string;
  accountSummary?: Record<string, number>;
  /** `null` when the account has no custom password policy (NoSuchEntity). */
  passwordPolicy?: PasswordPolicy | null;
  credentialReport?: CredentialReportRow[];
  virtualMfaDevices?: VirtualMfaDevice[];
  authorizationDetails?: AuthorizationDetails;
  /** Default-version documents of the attached AWS-managed policies, by ARN. */
  awsManagedPolicyDocuments?: Record<string, string>;
}

export type IamSource = Exclude<keyof IamSnapshot, 'accountId' | 'partition'>;

/** What a rule concluded, before the registry stamps the check id, time and error. */
export interface RuleOutcome {
  result: 'pass' | 'fail' | 'needs_review' | 'not_applicable';
  summary: string;
  entities: FindingEntity[];
  notes?: string[];
}

export interface RuleInput {
  snapshot: IamSnapshot;
  settings: CheckSettings;
  now: Date;
}

export type SourceErrors = Partial<Record<IamSource, FindingError>>;

export const accountArn = (s: Pick<IamSnapshot, 'accountId' | 'partition'>): string =>
  `arn:${s.partition}:iam::${s.accountId}:root`;

/** Reads a source the registry guaranteed is present. */
export function need<K extends IamSource>(
  s: IamSnapshot,
  key: K,
): NonNullable<IamSnapshot[K]> | Extract<IamSnapshot[K], null> {
  const v = s[key];
  if (v === undefined) throw new Error(`Source ${key} was not collected`);
  return v as NonNullable<IamSnapshot[K]>;
}
