/** The 22 columns of the IAM credential report, in AWS's order. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

export const ROOT_USER = '<root_account>';

/**
 * A report value that is not a date or boolean: `N/A` (no such credential), `no_information`
 * (never used), `not_supported` (root-only fields AWS does not report).
 */
export type ReportMarker = 'N/A' | 'no_information' | 'not_supported';
export type ReportDate = Date | ReportMarker;
export type ReportBool = boolean | ReportMarker;

export interface ReportAccessKey {
  slot: 1 | 2;
  active: boolean;
  lastRotated: ReportDate;
  lastUsed: ReportDate;
  lastUsedRegion: string;
  lastUsedService: string;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  isRoot: boolean;
  createdAt: ReportDate;
  passwordEnabled: ReportBool;
  passwordLastUsed: ReportDate;
  passwordLastChanged: ReportDate;
  mfaActive: boolean;
  accessKeys: [ReportAccessKey, ReportAccessKey];
}

export const isDate = (v: ReportDate): v is Date => v instanceof Date;

/** Dates become ISO strings and markers stay as written, so findings JSON reads like the report. */
export const showDate = (v: ReportDate): string => (isDate(v) ? v.toISOString() : v);

export const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / 86_400_000);
