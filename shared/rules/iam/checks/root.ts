import { daysBetween, isDate, showDate, type CredentialReportRow, type ReportDate } from '../credential-report';
import { accountArn, need } from '../snapshot';
import type { RuleInput, RuleOutcome } from '../../../checks/types';

const rootRow = (rows: CredentialReportRow[] | undefined) => rows?.find((r) => r.isRoot);

export function rootMfa({ snapshot }: RuleInput): RuleOutcome {
  const summary = need(snapshot, 'accountSummary');
  const enabled = summary.AccountMFAEnabled === 1;
  const root = rootRow(snapshot.credentialReport);
  const arn = root?.arn ?? accountArn(snapshot);
  const notes: string[] = [];
  if (root && root.mfaActive !== enabled) {
    notes.push(
      `The credential report (which can be up to 4 hours old) says mfa_active=${root.mfaActive} for the root user; GetAccountSummary, which is current, says AccountMFAEnabled=${summary.AccountMFAEnabled}.`,
    );
  }
  if (!enabled) {
    const noCredentials =
      root !== undefined &&
      root.passwordEnabled === false &&
      root.accessKeys.every((k) => !k.active) &&
      summary.AccountAccessKeysPresent === 0;
    if (noCredentials) {
      return {
        result: 'pass',
        summary:
          'The root user has no password and no access keys (centrally managed root access), so there is no root sign-in to protect with MFA.',
        entities: [
          {
            arn,
            name: 'root',
            result: 'pass',
            detail: 'No root password, no root access keys.',
            facts: { AccountMFAEnabled: 0, password_enabled: false },
          },
        ],
        notes,
      };
    }
    return {
      result: 'fail',
      summary: 'The root user has no MFA device.',
      entities: [
        {
          arn,
          name: 'root',
          result: 'fail',
          detail: 'AccountMFAEnabled is 0.',
          facts: { AccountMFAEnabled: summary.AccountMFAEnabled ?? null },
        },
      ],
      notes,
    };
  }
  let kind: 'virtual' | 'hardware or security key' | 'unknown' = 'unknown';
  if (snapshot.virtualMfaDevices) {
    const virtual = snapshot.virtualMfaDevices.some(
      (d) => d.User?.Arn?.endsWith(':root') || d.SerialNumber?.endsWith(':mfa/root-account-mfa-device'),
    );
    kind = virtual ? 'virtual' : 'hardware or security key';
  } else {
    notes.push(
      'Whether the root MFA is virtual or hardware is unknown: the virtual MFA device list was not available.',
    );
  }
  return {
    result: 'pass',
    summary: `The root user has MFA (${kind === 'unknown' ? 'device type unknown' : kind === 'virtual' ? 'a virtual authenticator app' : 'a hardware device or security key'}).`,
    entities: [
      {
        arn,
        name: 'root',
        result: 'pass',
        detail: `MFA enabled; device: ${kind}.`,
        facts: { AccountMFAEnabled: 1, mfaDevice: kind },
      },
    ],
    notes,
  };
}

export function rootAccessKeys({ snapshot }: RuleInput): RuleOutcome {
  const summary = need(snapshot, 'accountSummary');
  const present = summary.AccountAccessKeysPresent ?? 0;
  const root = rootRow(snapshot.credentialReport);
  const arn = root?.arn ?? accountArn(snapshot);
  const activeInReport = root?.accessKeys.filter((k) => k.active).map((k) => k.slot) ?? [];
  const facts = {
    AccountAccessKeysPresent: present,
    ...(root ? { activeKeysInCredentialReport: activeInReport.length } : {}),
  };
  if (present > 0 || activeInReport.length > 0) {
    const which =
      activeInReport.length > 0 ? ` (active key slot ${activeInReport.join(' and ')} in the credential report)` : '';
    return {
      result: 'fail',
      summary: `The root user has access keys${which}. Delete them; root should never be used programmatically.`,
      entities: [{ arn, name: 'root', result: 'fail', detail: `AccountAccessKeysPresent is ${present}.`, facts }],
    };
  }
  return {
    result: 'pass',
    summary: 'The root user has no access keys.',
    entities: [{ arn, name: 'root', result: 'pass', detail: 'AccountAccessKeysPresent is 0.', facts }],
  };
}

export function rootRecentUse({ snapshot, settings, now }: RuleInput): RuleOutcome {
  const root = rootRow(need(snapshot, 'credentialReport'));
  const limit = settings.rootRecentUseDays;
  if (!root) {
    return {
      result: 'needs_review',
      summary: 'The credential report has no root account row; root use could not be determined.',
      entities: [],
    };
  }
  const uses: { what: string; at: ReportDate }[] = [
    { what: 'password sign-in', at: root.passwordLastUsed },
    ...root.accessKeys.map((k) => ({ what: `access key ${k.slot}`, at: k.lastUsed })),
  ];
  const facts = Object.fromEntries(uses.map((u) => [u.what, showDate(u.at)]));
  const recent = uses.filter((u) => isDate(u.at) && daysBetween(u.at, now) < limit);
  if (recent.length > 0) {
    const list = recent
      .map((u) => `${u.what} on ${showDate(u.at).slice(0, 10)} (${daysBetween(u.at as Date, now)} days ago)`)
      .join(', ');
    return {
      result: 'fail',
      summary: `The root user was used within the last ${limit} days: ${list}.`,
      entities: [{ arn: root.arn, name: 'root', result: 'fail', detail: `Last used: ${list}.`, facts }],
    };
  }
  const dated = uses.filter((u) => isDate(u.at)).map((u) => (u.at as Date).getTime());
  const last = dated.length > 0 ? new Date(Math.max(...dated)).toISOString().slice(0, 10) : null;
  return {
    result: 'pass',
    summary: last
      ? `The root user was last used on ${last}, more than ${limit} days ago.`
      : 'The credential report shows no use of the root user.',
    entities: [
      {
        arn: root.arn,
        name: 'root',
        result: 'pass',
        detail: last ? `Last used ${last}.` : 'Never used (or not recorded).',
        facts,
      },
    ],
  };
}
