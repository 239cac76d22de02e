import type { FindingEntity } from '../../domain/findings';
import type { RuleInput, RuleOutcome } from '../../checks/types';
import { need } from '../iam/snapshot';
import { hasValue, isNotOptedIn, names, plural, unreadable, worst, type InRegion } from '../regional';

/** GetBackupPlan and its ListBackupSelections/GetBackupSelection resources. */
export interface BackupPlan {
  BackupPlanId: string;
  BackupPlanArn: string;
  BackupPlanName?: string;
  rules: { RuleName?: string; ScheduleExpression?: string; DeleteAfterDays?: number; TargetBackupVaultName?: string }[];
  selections: { SelectionName?: string; Resources?: string[] }[];
}

export interface BackupSourceValues {
  backupPlans: InRegion<BackupPlan[]>[];
  protectedResources: InRegion<{ ResourceArn?: string; ResourceType?: string; LastBackupTime?: string }[]>[];
}

export function backupPlans({ snapshot }: RuleInput): RuleOutcome {
  const entities: FindingEntity[] = [];
  for (const r of need(snapshot, 'backupPlans')) {
    if (!hasValue(r)) {
      entities.push(
        unreadable(`arn:${snapshot.partition}:backup:${r.region}:${snapshot.accountId}:`, r.region, r.region, r.error),
      );
      continue;
    }
    const protectedHere = need(snapshot, 'protectedResources').find((p) => p.region === r.region);
    const protectedList = protectedHere && hasValue(protectedHere) ? protectedHere.value : [];
    for (const plan of r.value) {
      const retention = plan.rules.map((x) => x.DeleteAfterDays).filter((d): d is number => d !== undefined);
      const resources = plan.selections.flatMap((s) => s.Resources ?? []);
      entities.push({
        arn: plan.BackupPlanArn,
        name: plan.BackupPlanName ?? plan.BackupPlanId,
        region: r.region,
        result: plan.rules.length > 0 && resources.length > 0 ? 'pass' : 'fail',
        detail:
          plan.rules.length === 0
            ? 'The plan has no rules, so nothing is backed up.'
            : resources.length === 0
              ? 'The plan selects no resources.'
              : `${plural(plan.rules.length, 'rule')} (${plan.rules.map((x) => x.ScheduleExpression ?? 'no schedule').join(', ')}), retention ${retention.length ? retention.map((d) => `${d} days`).join(', ') : 'kept until deleted'}; protects ${resources.join(', ')}.`,
        facts: { rules: plan.rules, resources, protectedResources: protectedList.length },
      });
    }
  }
  const dbs = need(snapshot, 'rdsDatabases');
  for (const r of dbs) {
    if (!hasValue(r)) {
      const e = unreadable(
        `arn:${snapshot.partition}:rds:${r.region}:${snapshot.accountId}:`,
        'RDS',
        r.region,
        r.error,
      );
      entities.push({ ...e, detail: `RDS automated backups unknown here. ${e.detail}` });
      continue;
    }
    for (const d of r.value) {
      if (d.kind === 'instance' && d.clusterId) continue;
      const days = d.BackupRetentionPeriod ?? 0;
      entities.push({
        arn: d.arn,
        name: `${d.id} (${d.kind})`,
        region: r.region,
        result: days > 0 ? 'pass' : 'fail',
        detail: days > 0 ? `Automated backups kept ${days} days.` : 'Automated backups are off (retention 0).',
        facts: { BackupRetentionPeriod: days },
      });
    }
  }
  const plans = entities.filter((e) => e.arn.includes(':backup-plan:'));
  const failing = entities.filter((e) => e.result === 'fail');
  const plansUnread = entities.some((e) => e.result === 'error' && e.arn.includes(':backup:'));
  if (plans.length === 0 && !plansUnread)
    return {
      result: 'fail',
      summary: `No AWS Backup plan exists in the regions in use${failing.length ? `; ${names(failing)} without automated backups` : ''}.`,
      entities,
    };
  const result = worst(entities);
  if (result === 'fail') return { result, summary: `Backups are missing: ${names(failing)}.`, entities };
  if (result === 'error') {
    const unread = entities.filter((e) => e.result === 'error');
    const first = [...need(snapshot, 'backupPlans'), ...dbs].find((r) => !hasValue(r) && !isNotOptedIn(r.error));
    return {
      result,
      summary: `Backups could not be read everywhere in use: ${names(unread)}.`,
      entities,
      ...(first && 'error' in first ? { error: first.error } : {}),
    };
  }
  return {
    result: 'pass',
    summary: `${plural(plans.length, 'backup plan')} protect resources with a retention; RDS automated backups are on.`,
    entities,
  };
}
