import {
  accessKeyRotation,
  adminAccess,
  consoleUsersMfa,
  passwordPolicy,
  rootAccessKeys,
  rootMfa,
  rootRecentUse,
  unusedCredentials,
  usersDirectPolicies,
} from '../rules/iam/checks';
import type { CheckDefinition } from './types';

const none = () => ({});

export const IAM_CHECKS = [
  {
    id: 'iam.root-mfa',
    title: 'Root user has MFA',
    description:
      'The account root user has multi-factor authentication turned on; the evidence says whether it is a virtual or a hardware device.',
    controls: ['iam-root-account'],
    requires: ['accountSummary'],
    uses: ['credentialReport', 'virtualMfaDevices'],
    rule: () =>
      'Pass when GetAccountSummary reports AccountMFAEnabled = 1 (or the root user has no password and no keys). A virtual MFA device assigned to the root ARN means the device is virtual, otherwise hardware or a security key.',
    limits: none,
    evaluate: rootMfa,
  },
  {
    id: 'iam.root-access-keys',
    title: 'Root user has no access keys',
    description: 'The account root user has no access keys, so it cannot be used from scripts or the CLI.',
    controls: ['iam-root-account'],
    requires: ['accountSummary'],
    uses: ['credentialReport'],
    rule: () =>
      'Pass when GetAccountSummary reports AccountAccessKeysPresent = 0 and the credential report shows no active root key.',
    limits: none,
    evaluate: rootAccessKeys,
  },
  {
    id: 'iam.root-recent-use',
    title: 'Root user not used recently',
    description:
      'Nobody signed in as the root user or used a root key within the limit set in the workspace (default 90 days).',
    controls: ['iam-root-account'],
    requires: ['credentialReport'],
    uses: [],
    rule: (s) =>
      `Fail when the root password or a root access key was used within the last ${s.rootRecentUseDays} days (credential report).`,
    limits: (s) => ({ rootRecentUseDays: s.rootRecentUseDays }),
    evaluate: rootRecentUse,
  },
  {
    id: 'iam.console-users-mfa',
    title: 'Console users have MFA',
    description: 'Every IAM user who can sign in to the AWS console has an MFA device.',
    controls: ['iam-mfa-enforcement'],
    requires: ['credentialReport'],
    uses: [],
    rule: () =>
      'Fail for every IAM user whose credential report row has password_enabled = true and mfa_active = false.',
    limits: none,
    evaluate: consoleUsersMfa,
  },
  {
    id: 'iam.password-policy',
    title: 'Password policy meets the baseline',
    description:
      "An IAM password policy exists and meets the workspace's baseline (default: at least 14 characters, last 24 passwords not reused).",
    controls: ['iam-password-policy'],
    requires: ['passwordPolicy'],
    uses: [],
    rule: (s) =>
      `Fail when there is no password policy, MinimumPasswordLength < ${s.passwordMinLength} or PasswordReusePrevention < ${s.passwordReusePrevention}.`,
    limits: (s) => ({ passwordMinLength: s.passwordMinLength, passwordReusePrevention: s.passwordReusePrevention }),
    evaluate: passwordPolicy,
  },
  {
    id: 'iam.access-key-rotation',
    title: 'Access keys are rotated',
    description: 'Every active access key is younger than the rotation limit set in the workspace (default 90 days).',
    controls: ['iam-access-key-rotation'],
    requires: ['credentialReport'],
    uses: [],
    rule: (s) =>
      `Fail for every active access key whose access_key_N_last_rotated is ${s.accessKeyMaxAgeDays} days ago or more.`,
    limits: (s) => ({ accessKeyMaxAgeDays: s.accessKeyMaxAgeDays }),
    evaluate: accessKeyRotation,
  },
  {
    id: 'iam.unused-credentials',
    title: 'No unused credentials',
    description:
      'No console password or active access key has gone unused for longer than the limit set in the workspace (default 90 days).',
    controls: ['iam-access-key-rotation', 'access-reviews'],
    requires: ['credentialReport'],
    uses: [],
    rule: (s) =>
      `Fail for every console password or active access key not used for ${s.unusedCredentialDays} days or more; a never-used credential counts from when it was issued.`,
    limits: (s) => ({ unusedCredentialDays: s.unusedCredentialDays }),
    evaluate: unusedCredentials,
  },
  {
    id: 'iam.admin-access',
    title: 'Who has administrator access',
    description:
      'Lists every user, group and role with full administrative power (AdministratorAccess, or any policy allowing every action on every resource) so its owner can confirm each one is needed.',
    controls: ['iam-least-privilege', 'access-reviews'],
    requires: ['authorizationDetails'],
    uses: ['awsManagedPolicyDocuments'],
    rule: () =>
      'Lists every user, group and role that holds AdministratorAccess or any Allow of * on * (not overridden by a Deny of * on * in the same policy) through inline, customer-managed or AWS-managed policies, directly or through groups. Also lists, separately, broad grants (an Allow with NotAction on *, or of * with NotResource) and holders of attached policies whose documents could not be read. Needs review when any list is not empty; pass only when all are empty.',
    limits: none,
    evaluate: adminAccess,
  },
  {
    id: 'iam.users-direct-policies',
    title: 'Permissions come from groups or roles',
    description:
      'No IAM user has policies attached directly; permissions are granted through groups or roles, where they are easier to review.',
    controls: ['iam-least-privilege'],
    requires: ['authorizationDetails'],
    uses: [],
    rule: () => 'Fail for every IAM user with an inline policy or an attached managed policy of its own.',
    limits: none,
    evaluate: usersDirectPolicies,
  },
] as const satisfies readonly CheckDefinition[];
