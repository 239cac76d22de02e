import { describe, expect, it } from 'vitest';
import { CheckSettings } from '../../../shared/domain/workspace';
import { evaluateCheck } from '../../../shared/checks/evaluate';
import { IAM_CHECKS } from '../../../shared/checks/iam';
import { checkById } from '../../../shared/checks/registry';
import type { IamSnapshot } from '../../../shared/rules/iam';
import { parseCredentialReport } from '../../../main/services/collectors/sources/credential-report-csv';
import { credentialReportCsv } from '../../../main/sandbox/aws-endpoint/services/iam';
import {
  daysAgo,
  healthyIamAccount,
  troubledIamAccount,
} from '../../../main/sandbox/aws-endpoint/scenarios/iam-builder';
import type { IamAccountModel } from '../../../main/sandbox/aws-endpoint/scenarios/iam-account';

const NOW = new Date('2026-11-26T12:00:00Z');
const settings = CheckSettings.parse({});
const ACCT = '123456789012';

const reportOf = (a: IamAccountModel) => parseCredentialReport(credentialReportCsv(a, NOW));
const snap = (over: Partial<IamSnapshot>): IamSnapshot => ({ accountId: ACCT, partition: 'aws', ...over });
const run = (
  id: string,
  s: IamSnapshot,
  opts: { settings?: CheckSettings; errors?: Parameters<typeof evaluateCheck>[2] } = {},
) => evaluateCheck(checkById(id)!, { snapshot: s, settings: opts.settings ?? settings, now: NOW }, opts.errors);

describe('the IAM check registry', () => {
  it('makes a check error with the missing action when a required source was denied, and lets others use corroboration', () => {
    const denied = {
      code: 'ACCESS_DENIED',
      message: 'Not allowed to iam:GenerateCredentialReport',
      missingAction: 'iam:GenerateCredentialReport',
    };
    const s = snap({ accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 }, virtualMfaDevices: [] });
    const recent = run('iam.root-recent-use', s, { errors: { credentialReport: denied } });
    expect(recent).toMatchObject({ result: 'error', error: denied, entities: [] });
    const mfa = run('iam.root-mfa', s, { errors: { credentialReport: denied } });
    expect(mfa.result).toBe('pass');
    expect(mfa.notes.join(' ')).toMatch(/Not corroborated by the credential report/);
  });

  it('records the rule and the workspace limits in every finding', () => {
    const custom = CheckSettings.parse({ accessKeyMaxAgeDays: 30 });
    const f = run('iam.access-key-rotation', snap({ credentialReport: reportOf(troubledIamAccount(ACCT, NOW)) }), {
      settings: custom,
    });
    expect(f.limits).toEqual({ accessKeyMaxAgeDays: 30 });
    expect(f.rule).toMatch(/30 days/);
    expect(IAM_CHECKS.every((c) => c.rule(settings).length > 20)).toBe(true);
  });
});

describe('root checks', () => {
  it('root-mfa: passes with hardware, passes with virtual (and says so), fails without', () => {
    const healthy = healthyIamAccount(ACCT, NOW);
    const hw = run(
      'iam.root-mfa',
      snap({ accountSummary: { AccountMFAEnabled: 1 }, virtualMfaDevices: [], credentialReport: reportOf(healthy) }),
    );
    expect(hw).toMatchObject({
      result: 'pass',
      entities: [{ arn: `arn:aws:iam::${ACCT}:root`, facts: { mfaDevice: 'hardware or security key' } }],
    });
    const virtual = run(
      'iam.root-mfa',
      snap({
        accountSummary: { AccountMFAEnabled: 1 },
        virtualMfaDevices: [
          {
            SerialNumber: `arn:aws:iam::${ACCT}:mfa/root-account-mfa-device`,
            User: { Arn: `arn:aws:iam::${ACCT}:root` },
          },
        ],
      }),
    );
    expect(virtual.summary).toMatch(/virtual/);
    const none = run(
      'iam.root-mfa',
      snap({
        accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 },
        credentialReport: reportOf(troubledIamAccount(ACCT, NOW)),
      }),
    );
    expect(none.result).toBe('fail');
  });

  it('root-mfa: a root user without password or keys (centralized root access) passes', () => {
    const a = healthyIamAccount(ACCT, NOW);
    a.root = { ...a.root, mfa: 'none', passwordEnabled: 'false', passwordLastUsed: 'N/A' };
    const f = run(
      'iam.root-mfa',
      snap({ accountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 }, credentialReport: reportOf(a) }),
    );
    expect(f.result).toBe('pass');
    expect(f.summary).toMatch(/no password and no access keys/);
  });

  it('root-access-keys: fails on the summary or on an active key in the report', () => {
    expect(run('iam.root-access-keys', snap({ accountSummary: { AccountAccessKeysPresent: 0 } })).result).toBe('pass');
    expect(run('iam.root-access-keys', snap({ accountSummary: { AccountAccessKeysPresent: 1 } })).result).toBe('fail');
    const f = run(
      'iam.root-access-keys',
      snap({
        accountSummary: { AccountAccessKeysPresent: 0 },
        credentialReport: reportOf(troubledIamAccount(ACCT, NOW)),
      }),
    );
    expect(f).toMatchObject({ result: 'fail', summary: expect.stringMatching(/slot 1/) });
  });

  it('root-recent-use: fails on a sign-in 3 days ago, passes on 400 days, passes when never used', () => {
    expect(
      run('iam.root-recent-use', snap({ credentialReport: reportOf(troubledIamAccount(ACCT, NOW)) })),
    ).toMatchObject({
      result: 'fail',
      summary: expect.stringMatching(/password sign-in on .* \(3 days ago\)/),
    });
    expect(
      run('iam.root-recent-use', snap({ credentialReport: reportOf(healthyIamAccount(ACCT, NOW)) })),
    ).toMatchObject({ result: 'pass', summary: expect.stringMatching(/last used on/) });
    const a = healthyIamAccount(ACCT, NOW);
    a.root.passwordLastUsed = 'no_information';
    expect(run('iam.root-recent-use', snap({ credentialReport: reportOf(a) })).summary).toMatch(
      /no use of the root user/,
    );
  });

  it('root-recent-use: the limit comes from the workspace', () => {
    const strict = CheckSettings.parse({ rootRecentUseDays: 500 });
    expect(
      run('iam.root-recent-use', snap({ credentialReport: reportOf(healthyIamAccount(ACCT, NOW)) }), {
        settings: strict,
      }).result,
    ).toBe('fail');
  });
});

describe('credential checks', () => {
  it('console-users-mfa: lists console users without MFA; ignores users without a password', () => {
    const f = run('iam.console-users-mfa', snap({ credentialReport: reportOf(troubledIamAccount(ACCT, NOW)) }));
    expect(f.result).toBe('fail');
    expect(f.entities.filter((e) => e.result === 'fail').map((e) => e.name)).toEqual(['bob', 'old-contractor']);
    expect(f.entities.map((e) => e.name)).not.toContain('ci-deployer');
    expect(
      run('iam.console-users-mfa', snap({ credentialReport: reportOf(healthyIamAccount(ACCT, NOW)) })).result,
    ).toBe('pass');
  });

  it('console-users-mfa: not applicable when nobody has a console password', () => {
    const a = healthyIamAccount(ACCT, NOW);
    delete a.users[0]!.password;
    expect(run('iam.console-users-mfa', snap({ credentialReport: reportOf(a) })).result).toBe('not_applicable');
  });

  it('access-key-rotation: fails on active keys at or over the limit, ignores inactive keys, includes root keys', () => {
    const f = run('iam.access-key-rotation', snap({ credentialReport: reportOf(troubledIamAccount(ACCT, NOW)) }));
    expect(f.result).toBe('fail');
    const byName = Object.fromEntries(f.entities.map((e) => [e.name, e]));
    expect(byName['ci-deployer']).toMatchObject({ result: 'fail', detail: 'key 1: 200 days old.' });
    expect(byName.root?.result).toBe('fail');
    expect(byName['old-contractor']?.result).toBe('fail');
    expect(
      run('iam.access-key-rotation', snap({ credentialReport: reportOf(healthyIamAccount(ACCT, NOW)) })).result,
    ).toBe('pass');
  });

  it('access-key-rotation: exactly at the limit fails, one day under passes', () => {
    const a = healthyIamAccount(ACCT, NOW);
    a.users[0]!.accessKeys![0]!.createdAt = daysAgo(NOW, 90);
    expect(run('iam.access-key-rotation', snap({ credentialReport: reportOf(a) })).result).toBe('fail');
    a.users[0]!.accessKeys![0]!.createdAt = daysAgo(NOW, 89);
    expect(run('iam.access-key-rotation', snap({ credentialReport: reportOf(a) })).result).toBe('pass');
  });

  it('unused-credentials: a never-used password and key count from their issue date', () => {
    const f = run('iam.unused-credentials', snap({ credentialReport: reportOf(troubledIamAccount(ACCT, NOW)) }));
    expect(f.result).toBe('fail');
    const old = f.entities.find((e) => e.name === 'old-contractor');
    expect(old).toMatchObject({
      result: 'fail',
      detail: 'password never used, issued 120 days ago; access key 1 never used, issued 120 days ago.',
    });
    expect(f.entities.find((e) => e.name === 'bob')?.result).toBe('pass');
    expect(f.entities.map((e) => e.name)).not.toContain('<root_account>');
  });

  it('unused-credentials: a new never-used password is not yet unused', () => {
    const a = healthyIamAccount(ACCT, NOW);
    a.users[0]!.password = { changedAt: daysAgo(NOW, 5) };
    expect(run('iam.unused-credentials', snap({ credentialReport: reportOf(a) })).result).toBe('pass');
  });
});

describe('password policy', () => {
  it('fails without a policy, fails below the baseline naming each gap, passes at the baseline', () => {
    expect(run('iam.password-policy', snap({ passwordPolicy: null }))).toMatchObject({
      result: 'fail',
      summary: expect.stringMatching(/no IAM password policy/),
    });
    const weak = run('iam.password-policy', snap({ passwordPolicy: { MinimumPasswordLength: 8 } }));
    expect(weak.summary).toMatch(
      /minimum length is 8, the baseline is 14; password reuse is not prevented, the baseline is 24/,
    );
    expect(
      run('iam.password-policy', snap({ passwordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } }))
        .result,
    ).toBe('pass');
    const relaxed = CheckSettings.parse({ passwordMinLength: 8, passwordReusePrevention: 0 });
    expect(
      run('iam.password-policy', snap({ passwordPolicy: { MinimumPasswordLength: 8 } }), { settings: relaxed }).result,
    ).toBe('pass');
  });
});
