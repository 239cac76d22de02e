import { parse } from 'csv-parse/sync';
import { AppError } from '../../../../shared/ipc/result';
import {
  CREDENTIAL_REPORT_COLUMNS,
  ROOT_USER,
  type CredentialReportRow,
  type ReportAccessKey,
  type ReportBool,
  type ReportDate,
  type ReportMarker,
} from '../../../../shared/rules/iam';

// Parsing the CSV needs csv-parse, a Node library: it lives in main, so shared/ (which the renderer bundles) stays pure.
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
