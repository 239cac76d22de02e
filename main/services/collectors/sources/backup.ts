import {
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListProtectedResourcesCommand,
} from '@aws-sdk/client-backup';
import type { BackupPlan } from '../../../../shared/rules/backup';
import type { RawPage } from '../call-recorder';
import { tokenPages } from './pages';
import { jsonFile, type RegionalFetcher } from './types';

export const backupPlans: RegionalFetcher<'backupPlans'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.backup(region);
  const list = await tokenPages(
    'backup:ListBackupPlans',
    (token) => {
      const input = { MaxResults: 1000, ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'ListBackupPlans',
        () => client.send(new ListBackupPlansCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const pages: RawPage[] = list.map((p) => p.page);
  const value = await Promise.all(
    list
      .flatMap((p) => p.output.BackupPlansList ?? [])
      .map(async (item): Promise<BackupPlan> => {
        const BackupPlanId = item.BackupPlanId ?? '';
        const plan = await recorder.call(
          'GetBackupPlan',
          () => client.send(new GetBackupPlanCommand({ BackupPlanId }), { abortSignal: signal }),
          { BackupPlanId },
        );
        const selectionList = await tokenPages(
          'backup:ListBackupSelections',
          (token) => {
            const input = { BackupPlanId, ...(token ? { NextToken: token } : {}) };
            return recorder.call(
              'ListBackupSelections',
              () => client.send(new ListBackupSelectionsCommand(input), { abortSignal: signal }),
              input,
            );
          },
          (o) => o.NextToken,
        );
        pages.push(plan.page, ...selectionList.map((p) => p.page));
        const selections = await Promise.all(
          selectionList
            .flatMap((p) => p.output.BackupSelectionsList ?? [])
            .map(async (s) => {
              const input = { BackupPlanId, SelectionId: s.SelectionId ?? '' };
              const r = await recorder.call(
                'GetBackupSelection',
                () => client.send(new GetBackupSelectionCommand(input), { abortSignal: signal }),
                input,
              );
              pages.push(r.page);
              return {
                ...(s.SelectionName ? { SelectionName: s.SelectionName } : {}),
                Resources: r.output.BackupSelection?.Resources ?? [],
              };
            }),
        );
        return {
          BackupPlanId,
          BackupPlanArn: item.BackupPlanArn ?? plan.output.BackupPlanArn ?? '',
          ...(item.BackupPlanName ? { BackupPlanName: item.BackupPlanName } : {}),
          rules: (plan.output.BackupPlan?.Rules ?? []).map((r) => ({
            ...(r.RuleName ? { RuleName: r.RuleName } : {}),
            ...(r.ScheduleExpression ? { ScheduleExpression: r.ScheduleExpression } : {}),
            ...(r.Lifecycle?.DeleteAfterDays !== undefined ? { DeleteAfterDays: r.Lifecycle.DeleteAfterDays } : {}),
            ...(r.TargetBackupVaultName ? { TargetBackupVaultName: r.TargetBackupVaultName } : {}),
          })),
          selections,
        };
      }),
  );
  return {
    value,
    files: [jsonFile('backup-plans.json', `AWS Backup plans and selections (${value.length} plans)`, { pages })],
    calls: recorder.calls,
  };
};

export const protectedResources: RegionalFetcher<'protectedResources'> = async ({
  clients,
  region,
  signal,
  recorder,
}) => {
  const client = clients.backup(region);
  const pages = await tokenPages(
    'backup:ListProtectedResources',
    (token) => {
      const input = { MaxResults: 1000, ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'ListProtectedResources',
        () => client.send(new ListProtectedResourcesCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const value = pages.flatMap((p) =>
    (p.output.Results ?? []).map((r) => ({
      ...(r.ResourceArn ? { ResourceArn: r.ResourceArn } : {}),
      ...(r.ResourceType ? { ResourceType: r.ResourceType } : {}),
      ...(r.LastBackupTime ? { LastBackupTime: r.LastBackupTime.toISOString() } : {}),
    })),
  );
  return {
    value,
    files: [
      jsonFile('backup-ListProtectedResources.json', `AWS Backup ListProtectedResources (${value.length})`, {
        pages: pages.map((p) => p.page),
      }),
    ],
    calls: recorder.calls,
  };
};
