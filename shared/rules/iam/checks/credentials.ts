import type { FindingEntity } from '../../../domain/findings';
import { daysBetween, isDate, showDate, type CredentialReportRow, type ReportDate } from '../credential-report';
import { need } from '../snapshot';
import type { RuleInput, RuleOutcome } from '../../../checks/types';

const usersOf = (rows: CredentialReportRow[]) => rows.filter((r) => !r.isRoot);

const worst = (entities: FindingEntity[]): 'pass' | 'fail' | 'needs_review' =>
  entities.some((e) => e.result === 'fail')
    ? 'fail'
    : entities.some((e) => e.result === 'needs_review')
      ? 'needs_review'
      : 'pass';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function consoleUsersMfa({ snapshot }: RuleInput): RuleOutcome {
  const consoleUsers = usersOf(need(snapshot, 'credentialReport')).filter((r) => r.passwordEnabled === true);
  if (consoleUsers.length === 0) {
    return {
      result: 'not_applicable',
      summary:
        'No IAM user has a console password. People who sign in through IAM Identity Center or another identity provider need MFA evidence from there.',
      entities: [],
    };
  }
  const entities: FindingEntity[] = consoleUsers.map((r) => ({
    arn: r.arn,
    name: r.user,
    result: r.mfaActive ? 'pass' : 'fail',
    detail: r.mfaActive ? 'Console password with MFA.' : 'Console password without MFA.',
    facts: { password_enabled: true, mfa_active: r.mfaActive, password_last_used: showDate(r.passwordLastUsed) },
  }));
  const without = entities.filter((e) => e.result === 'fail').length;
  return {
    result: worst(entities),
    summary:
      without === 0
        ? consoleUsers.length === 1
          ? 'The one IAM user with a console password has MFA.'
          : `All ${consoleUsers.length} IAM users with a console password have MFA.`
        : `${plural(without, 'IAM user')} of ${consoleUsers.length} with a console password ${without === 1 ? 'has' : 'have'} no MFA.`,
    entities,
  };
}

export function accessKeyRotation({ snapshot, settings, now }: RuleInput): RuleOutcome {
  const limit = settings.accessKeyMaxAgeDays;
  const entities: FindingEntity[] = [];
  let keys = 0;
  let old = 0;
  for (const r of need(snapshot, 'credentialReport')) {
    const active = r.accessKeys.filter((k) => k.active);
    if (active.length === 0) continue;
    keys += active.length;
    const described = active.map((k) => {
      const age = isDate(k.lastRotated) ? daysBetween(k.lastRotated, now) : null;
      const verdict = age === null ? 'needs_review' : age >= limit ? 'fail' : 'pass';
      if (verdict === 'fail') old++;
      return { slot: k.slot, age, verdict, lastRotated: showDate(k.lastRotated) };
    });
    const result = described.some((d) => d.verdict === 'fail')
      ? 'fail'
      : described.some((d) => d.verdict === 'needs_review')
        ? 'needs_review'
        : 'pass';
    entities.push({
      arn: r.arn,
      name: r.isRoot ? 'root' : r.user,
      result,
      detail:
        described
          .map((d) => `key ${d.slot}: ${d.age === null ? `rotation date ${d.lastRotated}` : `${d.age} days old`}`)
          .join('; ') + '.',
      facts: Object.fromEntries(described.map((d) => [`access_key_${d.slot}_last_rotated`, d.lastRotated])),
    });
  }
  if (keys === 0) return { result: 'not_applicable', summary: 'There are no active access keys.', entities: [] };
  return {
    result: worst(entities),
    summary:
      old === 0
        ? keys === 1
          ? `The one active access key is younger than ${limit} days.`
          : `All ${keys} active access keys are younger than ${limit} days.`
        : `${plural(old, 'active access key')} of ${keys} ${old === 1 ? 'is' : 'are'} ${limit} days old or older.`,
    entities,
  };
}

/** When a never-used credential counts from: its last change or the user's creation. */
const sinceDate = (...candidates: ReportDate[]): Date | null => candidates.find(isDate) ?? null;

export function unusedCredentials({ snapshot, settings, now }: RuleInput): RuleOutcome {
  const limit = settings.unusedCredentialDays;
  const entities: FindingEntity[] = [];
  let unused = 0;
  for (const r of usersOf(need(snapshot, 'credentialReport'))) {
    const credentials: { what: string; lastUsed: ReportDate; issued: Date | null }[] = [];
    if (r.passwordEnabled === true)
      credentials.push({
        what: 'password',
        lastUsed: r.passwordLastUsed,
        issued: sinceDate(r.passwordLastChanged, r.createdAt),
      });
    for (const k of r.accessKeys)
      if (k.active)
        credentials.push({
          what: `access key ${k.slot}`,
          lastUsed: k.lastUsed,
          issued: sinceDate(k.lastRotated, r.createdAt),
        });
    if (credentials.length === 0) continue;
    const judged = credentials.map((c) => {
      if (isDate(c.lastUsed)) {
        const days = daysBetween(c.lastUsed, now);
        return { ...c, stale: days >= limit, text: `${c.what} last used ${days} days ago` };
      }
      const age = c.issued ? daysBetween(c.issued, now) : null;
      return {
        ...c,
        stale: age === null || age >= limit,
        text: `${c.what} never used${age === null ? '' : `, issued ${age} days ago`}`,
      };
    });
    const stale = judged.filter((j) => j.stale).length;
    unused += stale;
    entities.push({
      arn: r.arn,
      name: r.user,
      result: stale > 0 ? 'fail' : 'pass',
      detail: judged.map((j) => j.text).join('; ') + '.',
      facts: Object.fromEntries(judged.map((j) => [j.what, { lastUsed: showDate(j.lastUsed), unused: j.stale }])),
    });
  }
  if (entities.length === 0)
    return {
      result: 'not_applicable',
      summary: 'No IAM user has a console password or an active access key.',
      entities: [],
    };
  return {
    result: worst(entities),
    summary:
      unused === 0
        ? `Every password and active access key of ${plural(entities.length, 'IAM user')} was used within the last ${limit} days (or is newer than that).`
        : `${plural(unused, 'credential')} ${unused === 1 ? 'has' : 'have'} not been used for ${limit} days or more; disable or remove ${unused === 1 ? 'it' : 'them'}.`,
    entities,
  };
}
