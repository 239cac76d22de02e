import { AccountClient, ListRegionsCommand, paginateListRegions } from '@aws-sdk/client-account';
import {
  BackupClient,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListProtectedResourcesCommand,
} from '@aws-sdk/client-backup';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { describe, expect, it } from 'vitest';
import { AUDIT_ROLE, PRODUCTION, SANDBOX, STAGING, DEFAULT_REGIONS } from '../../../main/sandbox/aws-endpoint';
import { clientConfig, useMultiAccountEndpoint } from './harness';

const endpoint = useMultiAccountEndpoint();

describe('local AWS endpoint: AWS Backup (restJson)', () => {
  const backup = (account = PRODUCTION) => new BackupClient(clientConfig(endpoint, account, 'us-east-1'));

  it('lists plans, answers a plan with its rules and its selections with the resources they protect', async () => {
    const { BackupPlansList } = await backup().send(new ListBackupPlansCommand({}));
    expect(BackupPlansList).toEqual([
      expect.objectContaining({ BackupPlanName: 'daily-35-days', CreationDate: new Date('2024-03-01T00:00:00Z') }),
    ]);
    const id = BackupPlansList![0]!.BackupPlanId!;
    const plan = await backup().send(new GetBackupPlanCommand({ BackupPlanId: id }));
    expect(plan.BackupPlan!.Rules![0]).toMatchObject({
      ScheduleExpression: 'cron(0 5 ? * * *)',
      Lifecycle: { DeleteAfterDays: 35 },
    });
    const { BackupSelectionsList } = await backup().send(new ListBackupSelectionsCommand({ BackupPlanId: id }));
    const sel = await backup().send(
      new GetBackupSelectionCommand({ BackupPlanId: id, SelectionId: BackupSelectionsList![0]!.SelectionId }),
    );
    expect(sel.BackupSelection!.Resources).toEqual([`arn:aws:rds:us-east-1:${PRODUCTION}:db:prod-postgres`]);
    const { Results } = await backup().send(new ListProtectedResourcesCommand({}));
    expect(Results).toEqual([
      expect.objectContaining({ ResourceType: 'RDS', ResourceName: 'prod-postgres', LastBackupTime: expect.any(Date) }),
    ]);
    await expect(backup().send(new GetBackupPlanCommand({ BackupPlanId: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses the action the staging role lacks with AccessDeniedException', async () => {
    await expect(backup(STAGING).send(new ListBackupPlansCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe('local AWS endpoint: RDS (awsQuery)', () => {
  const rds = (region: string) => new RDSClient(clientConfig(endpoint, PRODUCTION, region));

  it('answers instances and clusters with encryption and backup retention', async () => {
    const east = await rds('us-east-1').send(new DescribeDBInstancesCommand({}));
    expect(east.DBInstances).toEqual([
      expect.objectContaining({
        DBInstanceIdentifier: 'prod-postgres',
        StorageEncrypted: true,
        BackupRetentionPeriod: 14,
      }),
    ]);
    const west = await rds('eu-west-1').send(new DescribeDBInstancesCommand({}));
    expect(west.DBInstances![0]).toMatchObject({ StorageEncrypted: false, BackupRetentionPeriod: 0 });
    const clusters = await rds('us-east-1').send(new DescribeDBClustersCommand({}));
    expect(clusters.DBClusters![0]).toMatchObject({
      DBClusterIdentifier: 'prod-aurora',
      StorageEncrypted: true,
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      DBClusterMembers: [{ DBInstanceIdentifier: 'prod-aurora-1', IsClusterWriter: true }],
    });
  });

  it('answers DBInstanceNotFoundFault, a MaxRecords out of range, and InvalidClientTokenId where not opted in', async () => {
    await expect(
      rds('us-east-1').send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'missing' })),
    ).rejects.toMatchObject({ name: 'DBInstanceNotFoundFault', $metadata: { httpStatusCode: 404 } });
    await expect(rds('us-east-1').send(new DescribeDBInstancesCommand({ MaxRecords: 5 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(rds('ap-east-1').send(new DescribeDBInstancesCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });
});

describe('local AWS endpoint: Account ListRegions and the SSO portal', () => {
  it('lists every region with its opt status, paged', async () => {
    const account = new AccountClient(clientConfig(endpoint, PRODUCTION, 'us-east-1'));
    const regions: Record<string, string> = {};
    for await (const page of paginateListRegions({ client: account }, {}))
      for (const r of page.Regions!) regions[r.RegionName!] = r.RegionOptStatus!;
    expect(Object.keys(regions)).toHaveLength(DEFAULT_REGIONS.length + 3);
    expect(regions).toMatchObject({
      'us-east-1': 'ENABLED_BY_DEFAULT',
      'eu-south-1': 'ENABLED',
      'ap-east-1': 'DISABLED',
    });
    expect(endpoint.calls.get('account:ListRegions')).toBe(Math.ceil(20 / 5));
    const off = await account.send(new ListRegionsCommand({ RegionOptStatusContains: ['DISABLED'] }));
    expect(off.Regions!.map((r) => r.RegionName)).toEqual(['ap-east-1', 'me-south-1']);
    await expect(account.send(new ListRegionsCommand({ AccountId: STAGING }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });

  it('hands out the audit role in production and staging, and refuses it in the sandbox account', async () => {
    const sso = new SSOClient({ region: 'us-east-1', endpoint: endpoint.url, maxAttempts: 1 });
    const accessToken = 'aoaEXAMPLEVALIDACCESSTOKEN';
    for (const accountId of [PRODUCTION, STAGING]) {
      const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName: AUDIT_ROLE }));
      expect(out.roleCredentials?.accessKeyId).toMatch(/^ASIA/);
    }
    await expect(
      sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: SANDBOX, roleName: AUDIT_ROLE })),
    ).rejects.toMatchObject({ name: 'ForbiddenException', $metadata: { httpStatusCode: 403 } });
  });
});
