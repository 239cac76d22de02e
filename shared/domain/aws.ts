import { z } from 'zod';

/** How a profile gets credentials, in the order the AWS SDK's `fromIni` decides it. */
export const PROFILE_KINDS = [
  'sso',
  'sso-legacy',
  'static',
  'assume-role',
  'credential-process',
  'web-identity',
  'none',
] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const PROFILE_KIND_LABELS: Record<ProfileKind, string> = {
  sso: 'SSO (sso-session)',
  'sso-legacy': 'SSO (legacy)',
  static: 'Access keys',
  'assume-role': 'Assume role',
  'credential-process': 'Credential process',
  'web-identity': 'Web identity',
  none: 'No credentials',
};

/** A precise problem with one profile (or a config file), said so a person can fix it. */
export interface ProfileProblem {
  severity: 'error' | 'warning';
  message: string;
  file?: 'config' | 'credentials';
  line?: number;
}

/** The cached IAM Identity Center sign-in shared with the AWS CLI (`~/.aws/sso/cache`). */
export interface SsoSessionStatus {
  status: 'valid' | 'expired' | 'missing' | 'unreadable';
  /** UTC, when the cached access token expires. */
  expiresAt?: string;
  /** An expired sso-session token the SDK can still refresh without a browser sign-in. */
  refreshable?: boolean;
}

/**
 * What a profile can do now, one word for every kind: `invalid` when a problem is an error,
 * the session state (`valid`, `expired`, `missing`, `unreadable`) for SSO profiles,
 * `no-credentials` for a profile that only holds defaults, `usable` otherwise.
 */
export type ProfileStatus = 'usable' | 'invalid' | 'no-credentials' | SsoSessionStatus['status'];

export const PROFILE_STATUS_LABELS: Record<ProfileStatus, string> = {
  usable: 'Usable',
  invalid: 'Cannot be used',
  'no-credentials': 'No credentials',
  valid: 'Signed in',
  expired: 'Sign-in expired',
  missing: 'Not signed in',
  unreadable: 'Sign-in cache unreadable',
};

export function profileStatus(p: Pick<ProfileSummary, 'kind' | 'problems' | 'session'>): ProfileStatus {
  if (p.problems.some((x) => x.severity === 'error')) return 'invalid';
  if (p.session) return p.session.status;
  return p.kind === 'none' ? 'no-credentials' : 'usable';
}

export interface ProfileSummary {
  name: string;
  kind: ProfileKind;
  status: ProfileStatus;
  /** Which file(s) define it. */
  files: Array<'config' | 'credentials'>;
  region?: string;
  accountId?: string;
  roleName?: string;
  roleArn?: string;
  sourceProfile?: string;
  ssoSession?: string;
  ssoStartUrl?: string;
  ssoRegion?: string;
  /** For SSO profiles only. */
  session?: SsoSessionStatus;
  /** Errors make the profile unusable; warnings do not. */
  problems: ProfileProblem[];
}

export interface ConfigFileStatus {
  kind: 'config' | 'credentials';
  path: string;
  exists: boolean;
  problems: ProfileProblem[];
}

export interface ProfileList {
  profiles: ProfileSummary[];
  files: ConfigFileStatus[];
}

/** Who the app is connected as, from STS GetCallerIdentity (+ IAM ListAccountAliases). */
export interface AwsIdentity {
  profile: string;
  accountId: string;
  /** Absent when the account has none or the identity may not read it (`aliasStatus`). */
  accountAlias?: string;
  aliasStatus: 'found' | 'none' | 'denied';
  principalArn: string;
  userId: string;
  region: string;
  /** The GetCallerIdentity request id: AWS support and auditors can trace it. */
  requestId: string;
  checkedAt: string;
  /** The ListAccountAliases call the alias comes from, when it was made and allowed: evidence names it too. */
  aliasCall?: { requestId: string; at: string };
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
}

export interface SsoRole {
  accountId: string;
  roleName: string;
}

/** Pushed while a sign-in runs; the user code and page are shown so the person can match them. */
export const LoginProgress = z.discriminatedUnion('stage', [
  z.object({ profile: z.string(), stage: z.literal('starting') }),
  z.object({
    profile: z.string(),
    stage: z.literal('waiting'),
    userCode: z.string(),
    verificationUri: z.string(),
    verificationUriComplete: z.string(),
    expiresAt: z.string(),
  }),
  /** Authorization-code sign-in: the browser shows AWS's page; no code to compare. */
  z.object({ profile: z.string(), stage: z.literal('browser'), authorizeUrl: z.string() }),
  z.object({ profile: z.string(), stage: z.literal('done'), expiresAt: z.string() }),
  z.object({
    profile: z.string(),
    stage: z.literal('failed'),
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
  }),
  z.object({ profile: z.string(), stage: z.literal('cancelled') }),
]);
export type LoginProgress = z.infer<typeof LoginProgress>;

export const SIGN_IN_METHODS = ['device', 'browser'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export interface LoginResult {
  profile: string;
  expiresAt: string;
}

export const ProfileName = z
  .string()
  .trim()
  .min(1, 'Choose a profile')
  .max(200, 'Profile names are at most 200 characters');

export const AwsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'Use a region code like us-east-1');

export const AccountId = z.string().regex(/^\d{12}$/, 'An AWS account id has 12 digits');
