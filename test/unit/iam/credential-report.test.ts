import { describe, expect, it } from 'vitest';
import { CREDENTIAL_REPORT_COLUMNS, isDate } from '../../../shared/rules/iam';
import { parseCredentialReport } from '../../../main/services/collectors/sources/credential-report-csv';

const HEADER = CREDENTIAL_REPORT_COLUMNS.join(',');
// Rows shaped like AWS's documented sample: root with not_supported, users with N/A and no_information.
const ROOT_NOT_SUPPORTED =
  '<root_account>,arn:aws:iam::123456789012:root,2019-03-11T18:21:51+00:00,not_supported,2026-11-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const ROOT_TRUE =
  '<root_account>,arn:aws:iam::123456789012:root,2019-03-11T18:21:51+00:00,true,no_information,not_supported,not_supported,false,true,2020-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A';
const USER =
  'alice,arn:aws:iam::123456789012:user/alice,2024-01-02T03:04:05+00:00,true,no_information,2024-01-02T03:04:05+00:00,N/A,false,true,2024-02-01T00:00:00+00:00,N/A,N/A,N/A,true,2025-06-01T00:00:00+00:00,2026-11-20T08:00:00+00:00,eu-west-1,s3,false,N/A,false,N/A';

describe('parseCredentialReport', () => {
  it('reads the root row with not_supported password fields and a user row with N/A and no_information', () => {
    const [root, alice] = parseCredentialReport([HEADER, ROOT_NOT_SUPPORTED, USER].join('\n'));
    expect(root).toMatchObject({
      isRoot: true,
      user: '<root_account>',
      arn: 'arn:aws:iam::123456789012:root',
      passwordEnabled: 'not_supported',
      mfaActive: true,
    });
    expect(root!.passwordLastChanged).toBe('not_supported');
    expect(root!.passwordLastUsed).toEqual(new Date('2026-11-01T10:00:00Z'));
    expect(alice).toMatchObject({
      isRoot: false,
      passwordEnabled: true,
      passwordLastUsed: 'no_information',
      mfaActive: false,
    });
    expect(alice!.accessKeys[0]).toMatchObject({ slot: 1, active: true, lastUsed: 'N/A', lastUsedRegion: 'N/A' });
    expect(alice!.accessKeys[1]).toMatchObject({
      slot: 2,
      active: true,
      lastUsedRegion: 'eu-west-1',
      lastUsedService: 's3',
    });
    expect(isDate(alice!.accessKeys[1].lastRotated) && alice!.accessKeys[1].lastRotated.toISOString()).toBe(
      '2025-06-01T00:00:00.000Z',
    );
  });

  it('reads a root row whose password_enabled is true', () => {
    const [root] = parseCredentialReport(`${HEADER}\r\n${ROOT_TRUE}\r\n`);
    expect(root).toMatchObject({ passwordEnabled: true, passwordLastUsed: 'no_information', mfaActive: false });
    expect(root!.accessKeys[0].active).toBe(true);
  });

  it('accepts columns in any order and ignores columns AWS may add later', () => {
    const cols = [...CREDENTIAL_REPORT_COLUMNS].reverse();
    const values = Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c, i) => [c, USER.split(',')[i]!]));
    const csv = `${[...cols, 'future_column'].join(',')}\n${[...cols.map((c) => values[c]), 'x'].join(',')}\n`;
    expect(parseCredentialReport(csv)[0]).toMatchObject({ user: 'alice', passwordEnabled: true });
  });

  it('names a missing column', () => {
    const header = CREDENTIAL_REPORT_COLUMNS.filter((c) => c !== 'mfa_active').join(',');
    expect(() => parseCredentialReport(`${header}\n`)).toThrow(/lacks the column\(s\) mfa_active/);
  });

  it('names the line and column of a value it cannot read', () => {
    const broken = USER.replace('2024-02-01T00:00:00+00:00', 'yesterday');
    expect(() => parseCredentialReport([HEADER, ROOT_NOT_SUPPORTED, broken].join('\n'))).toThrow(
      /"yesterday" in column access_key_1_last_rotated on line 3/,
    );
  });

  it('rejects text that is not CSV', () => {
    expect(() => parseCredentialReport(`${HEADER}\n"unterminated,`)).toThrow(/not valid CSV/);
  });
});
