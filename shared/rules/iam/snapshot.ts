import type { AccountFacts, Snapshot, SourceKey, SourceValues } from '../../checks/types';
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

/** The API answers the IAM checks read, by source key (see shared/checks/sources.ts). */
export interface IamSourceValues {
  accountSummary: Record<string, number>;
  /** `null` when the account has no custom password policy (NoSuchEntity). */
  passwordPolicy: PasswordPolicy | null;
  credentialReport: CredentialReportRow[];
  virtualMfaDevices: VirtualMfaDevice[];
  authorizationDetails: AuthorizationDetails;
  /** Default-version documents of the attached AWS-managed policies, by ARN. */
  awsManagedPolicyDocuments: Record<string, string>;
}

export type IamSnapshot = AccountFacts & Partial<IamSourceValues>;

export type IamSource = keyof IamSourceValues;

export const accountArn = (s: AccountFacts): string => `arn:${s.partition}:iam::${s.accountId}:root`;

/** Reads a source the registry guaranteed is present. */
export function need<K extends SourceKey>(s: Snapshot, key: K): SourceValues[K] {
  const v = s[key];
  if (v === undefined) throw new Error(`Source ${key} was not collected`);
  return v as SourceValues[K];
}
