import { BackupClient, paginateListBackupPlans } from '@aws-sdk/client-backup';
import { CloudWatchLogsClient, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import { GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { DescribeDBInstancesCommand, paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { describe, expect, it } from 'vitest';
import { basicScenario, resourceBuilders, type AccountResources } from '../../../main/sandbox/aws-endpoint';
import { useLocalEndpoint } from '../helpers/local-endpoint';

const ACCOUNT = '123456789012';
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const range = (n: number) => [...Array(n).keys()];

const account: AccountResources = {
  regions: resourceBuilders.regionsWith(
    {},
    {
      'us-east-1': {
        logs: {
          metricFilters: range(5).map((i) => ({
            filterName: `filter-${i}`,
            filterPattern: '{ $.eventName = "ConsoleLogin" }',
            logGroupName: 'trail-logs',
            metricTransformations: [{ metricName: `M${i}`, metricNamespace: 'Security', metricValue: '1' }],
          })),
        },
        guardduty: {
          detectors: range(3).map((i) => ({
            id: `detector${i}example`,
            detector: { ServiceRole: 'arn:aws:iam::123456789012:role/gd', Status: 'ENABLED' as const },
          })),
        },
        backup: {
          plans: range(4).map((i) => ({
            plan: {
              BackupPlanId: `plan-${i}`,
              BackupPlanArn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:plan-${i}`,
              BackupPlan: { BackupPlanName: `plan-${i}`, Rules: [] },
            },
            selections: [],
          })),
        },
        rds: {
          instances: range(25).map((i) => resourceBuilders.dbInstance(ACCOUNT, 'us-east-1', `db-${i}`, true)),
          clusters: [],
        },
      },
    },
  ),
};
const endpoint = useLocalEndpoint({
  scenario: { ...basicScenario, resources: { pageCap: 2, accounts: { [ACCOUNT]: account } } },
});
const config = { region: 'us-east-1', credentials, maxAttempts: 1 };

describe('local AWS endpoint: pagination with short pages, followed by the SDK paginators', () => {
  it('pages metric filters (nextToken), detectors (nextToken), backup plans (NextToken) and DB instances (Marker)', async () => {
    const logs = new CloudWatchLogsClient({ ...config, endpoint: endpoint.url });
    const filters: string[] = [];
    for await (const p of paginateDescribeMetricFilters({ client: logs }, { logGroupName: 'trail-logs' }))
      filters.push(...p.metricFilters!.map((f) => f.filterName!));
    expect(filters).toEqual(range(5).map((i) => `filter-${i}`));
    expect(endpoint.calls.get('logs:DescribeMetricFilters')).toBe(3);

    const gd = new GuardDutyClient({ ...config, endpoint: endpoint.url });
    const ids: string[] = [];
    for await (const p of paginateListDetectors({ client: gd }, {})) ids.push(...p.DetectorIds!);
    expect(ids).toHaveLength(3);
    expect(endpoint.calls.get('guardduty:ListDetectors')).toBe(2);

    const backup = new BackupClient({ ...config, endpoint: endpoint.url });
    const plans: string[] = [];
    for await (const p of paginateListBackupPlans({ client: backup }, {}))
      plans.push(...p.BackupPlansList!.map((x) => x.BackupPlanName!));
    expect(plans).toEqual(range(4).map((i) => `plan-${i}`));

    const rds = new RDSClient({ ...config, endpoint: endpoint.url });
    let instances = 0;
    for await (const p of paginateDescribeDBInstances({ client: rds, pageSize: 20 }, {}))
      instances += p.DBInstances!.length;
    expect(instances).toBe(25);
    expect(endpoint.calls.get('rds:DescribeDBInstances')).toBe(13);
  });

  it('refuses a token the endpoint did not issue, in the service words', async () => {
    const rds = new RDSClient({ ...config, endpoint: endpoint.url });
    await expect(rds.send(new DescribeDBInstancesCommand({ Marker: 'forged' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });
});
