import { FINDING_SCHEMA_VERSION, type Finding } from '../../../domain/findings';
import type { CheckSettings } from '../../../domain/workspace';
import type { IamSource, RuleInput, RuleOutcome, SourceErrors } from '../snapshot';
import { accessKeyRotation, consoleUsersMfa, unusedCredentials } from './credentials';
import { passwordPolicy } from './password-policy';
import { adminAccess, usersDirectPolicies } from './permissions';
import { rootAccessKeys, rootMfa, rootRecentUse } from './root';

export interface IamCheckDef {
  /** The catalog's check id (`shared/catalog/checks.ts` holds the titles people read). */
  id: string;
  /** Without these the check is an error; each names the API answer it comes from. */
  requires: IamSource[];
  /** Corroborating sources: when missing the check still runs and says what it could not confirm. */
  uses: IamSource[];
  rule: (s: CheckSettings) => string;
  limits: (s: CheckSettings) => Finding['limits'];
  evaluate: (input: RuleInput) => RuleOutcome;
}

const none = () => ({});

export const IAM_CHECKS: readonly IamCheckDef[] = [
  {
    id: 'iam.root-mfa',
    requires: ['accountSummary'],
    uses: ['credentialReport', 'virtualMfaDevices'],
    rule: () =>
      'Pass when GetAccountSummary reports AccountMFAEnabled = 1 (or the root user has no password and no keys). A virtual MFA device assigned to the root ARN means the device is virtual, otherwise hardware or a security key.',
    limits: none,
    evaluate: rootMfa,
  },
  {
    id: 'iam.root-access-keys',
    requires: ['accountSummary'],
    uses: ['credentialReport'],
    rule: () =>
      'Pass when GetAccountSummary reports AccountAccessKeysPresent = 0 and the credential report shows no active root key.',
    limits: none,
    evaluate: rootAccessKeys,
  },
  {
    id: 'iam.root-recent-use',
    requires: ['credentialReport'],
    uses: [],
    rule: (s) =>
      `Fail when the root password or a root access key was used within the last ${s.rootRecentUseDays} days (credential report).`,
    limits: (s) => ({ rootRecentUseDays: s.rootRecentUseDays }),
    evaluate: rootRecentUse,
  },
  {
    id: 'iam.console-users-mfa',
    requires: ['credentialReport'],
    uses: [],
    rule: () =>
      'Fail for every IAM user whose credential report row has password_enabled = true and mfa_active = false.',
    limits: none,
    evaluate: consoleUsersMfa,
  },
  {
    id: 'iam.password-policy',
    requires: ['passwordPolicy'],
    uses: [],
    rule: (s) =>
      `Fail when there is no password policy, MinimumPasswordLength < ${s.passwordMinLength} or PasswordReusePrevention < ${s.passwordReusePrevention}.`,
    limits: (s) => ({ passwordMinLength: s.passwordMinLength, passwordReusePrevention: s.passwordReusePrevention }),
    evaluate: passwordPolicy,
  },
  {
    id: 'iam.access-key-rotation',
    requires: ['credentialReport'],
    uses: [],
    rule: (s) =>
      `Fail for every active access key whose access_key_N_last_rotated is ${s.accessKeyMaxAgeDays} days ago or more.`,
    limits: (s) => ({ accessKeyMaxAgeDays: s.accessKeyMaxAgeDays }),
    evaluate: accessKeyRotation,
  },
  {
    id: 'iam.unused-credentials',
    requires: ['credentialReport'],
    uses: [],
    rule: (s) =>
      `Fail for every console password or active access key not used for ${s.unusedCredentialDays} days or more; a never-used credential counts from when it was issued.`,
    limits: (s) => ({ unusedCredentialDays: s.unusedCredentialDays }),
    evaluate: unusedCredentials,
  },
  {
    id: 'iam.admin-access',
    requires: ['authorizationDetails'],
    uses: ['awsManagedPolicyDocuments'],
    rule: () =>
      'Lists every user, group and role that holds AdministratorAccess or any Allow of * on * (not overridden by a Deny of * on * in the same policy) through inline, customer-managed or AWS-managed policies, directly or through groups. Also lists, separately, broad grants (an Allow with NotAction on *, or of * with NotResource) and holders of attached policies whose documents could not be read. Needs review when any list is not empty; pass only when all are empty.',
    limits: none,
    evaluate: adminAccess,
  },
  {
    id: 'iam.users-direct-policies',
    requires: ['authorizationDetails'],
    uses: [],
    rule: () => 'Fail for every IAM user with an inline policy or an attached managed policy of its own.',
    limits: none,
    evaluate: usersDirectPolicies,
  },
];

export const IAM_CHECK_IDS = IAM_CHECKS.map((c) => c.id);

export const iamCheck = (id: string): IamCheckDef | undefined => IAM_CHECKS.find((c) => c.id === id);

const SOURCE_NAMES: Record<IamSource, string> = {
  accountSummary: 'the account summary',
  passwordPolicy: 'the password policy',
  credentialReport: 'the credential report',
  virtualMfaDevices: 'the virtual MFA device list',
  authorizationDetails: 'the account authorization details',
  awsManagedPolicyDocuments: 'the AWS-managed policy documents',
};

/** Applies one check to a snapshot. Errors of required sources make it `error`; nothing throws. */
export function evaluateCheck(def: IamCheckDef, input: RuleInput, sourceErrors: SourceErrors = {}): Finding {
  const base = {
    schemaVersion: FINDING_SCHEMA_VERSION,
    checkId: def.id,
    rule: def.rule(input.settings),
    limits: def.limits(input.settings),
    evaluatedAt: input.now.toISOString(),
  } as const;
  const blocked = def.requires.find((s) => sourceErrors[s] !== undefined || input.snapshot[s] === undefined);
  if (blocked) {
    const error = sourceErrors[blocked] ?? { code: 'INTERNAL', message: `${SOURCE_NAMES[blocked]} was not collected.` };
    return {
      ...base,
      result: 'error',
      summary: `Could not evaluate: ${error.message}`,
      entities: [],
      notes: [],
      error,
    };
  }
  const notes = def.uses
    .filter((s) => sourceErrors[s] !== undefined)
    .map((s) => `Not corroborated by ${SOURCE_NAMES[s]}: ${sourceErrors[s]?.message}`);
  try {
    const outcome = def.evaluate(input);
    return { ...base, ...outcome, notes: [...notes, ...(outcome.notes ?? [])], error: null };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ...base,
      result: 'error',
      summary: `Could not evaluate: ${message}`,
      entities: [],
      notes,
      error: { code: 'AWS_ERROR', message },
    };
  }
}
