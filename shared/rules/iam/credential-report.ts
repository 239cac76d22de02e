import { parse } from 'csv-parse/sync';
import { AppError } from '../../ipc/result';

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

const MARKERS = new Set<string>(['N/A', 'no_information', 'not_supported']);

class ReportFormat {
  constructor(private readonly line: number) {}

  fail(column: string, value: string, expected: string): never {
    throw new AppError(
      'AWS_ERROR',
      `The credential report has an unexpected value "${value}" in column ${column} on line ${this.line} (expected ${expected}).`,
      {
        hint: 'Generate the report again; if it persists, keep the raw report and tell the app maintainers.',
        details: { line: this.line, column },
      },
    );
  }

  date(column: string, value: string): ReportDate {
    if (MARKERS.has(value)) return value as ReportMarker;
    const at = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at.getTime()))
      this.fail(column, value, 'an ISO 8601 time, N/A or no_information');
    return at;
  }

  bool(column: string, value: string): ReportBool {
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (MARKERS.has(value)) return value as ReportMarker;
    return this.fail(column, value, 'true or false');
  }

  strictBool(column: string, value: string): boolean {
    const b = this.bool(column, value);
    // Fields like mfa_active are always true/false; a marker means "not set".
    return b === true;
  }
}

/** Parses the CSV exactly as GetCredentialReport returns it (after base64 decoding). */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new AppError('AWS_ERROR', `The credential report is not valid CSV: ${(e as Error).message}`, {
      hint: 'Generate the report again; if it persists, keep the raw report and tell the app maintainers.',
    });
  }
  const header =
    csv
      .split(/\r?\n/, 1)[0]
      ?.replace(/^\uFEFF/, '')
      .split(',') ?? [];
  const missing = CREDENTIAL_REPORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new AppError('AWS_ERROR', `The credential report lacks the column(s) ${missing.join(', ')}.`, {
      hint: 'Generate the report again; if it persists, keep the raw report and tell the app maintainers.',
    });
  }
  return records.map((r, i) => {
    const f = new ReportFormat(i + 2);
    const col = (name: (typeof CREDENTIAL_REPORT_COLUMNS)[number]) => r[name] ?? '';
    const key = (slot: 1 | 2): ReportAccessKey => ({
      slot,
      active: f.strictBool(`access_key_${slot}_active`, col(`access_key_${slot}_active`)),
      lastRotated: f.date(`access_key_${slot}_last_rotated`, col(`access_key_${slot}_last_rotated`)),
      lastUsed: f.date(`access_key_${slot}_last_used_date`, col(`access_key_${slot}_last_used_date`)),
      lastUsedRegion: col(`access_key_${slot}_last_used_region`),
      lastUsedService: col(`access_key_${slot}_last_used_service`),
    });
    return {
      user: col('user'),
      arn: col('arn'),
      isRoot: col('user') === ROOT_USER,
      createdAt: f.date('user_creation_time', col('user_creation_time')),
      passwordEnabled: f.bool('password_enabled', col('password_enabled')),
      passwordLastUsed: f.date('password_last_used', col('password_last_used')),
      passwordLastChanged: f.date('password_last_changed', col('password_last_changed')),
      mfaActive: f.strictBool('mfa_active', col('mfa_active')),
      accessKeys: [key(1), key(2)],
    };
  });
}

export const isDate = (v: ReportDate): v is Date => v instanceof Date;

/** Dates become ISO strings and markers stay as written, so findings JSON reads like the report. */
export const showDate = (v: ReportDate): string => (isDate(v) ? v.toISOString() : v);

export const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / 86_400_000);
