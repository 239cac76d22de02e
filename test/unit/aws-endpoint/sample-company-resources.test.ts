import {
  DescribeFlowLogsCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { basicScenario, sampleCompanyResources } from '../../../main/sandbox/aws-endpoint';
import { useLocalEndpoint } from '../helpers/local-endpoint';

const production = '111122223333';
const staging = '444455556666';
const endpoint = useLocalEndpoint(() => ({
  scenario: { ...basicScenario, resources: sampleCompanyResources({ production, staging }, new Date()) },
}));
const creds = (accountId: string) =>
  basicScenario.sso.users[0]!.assignments.find((a) => a.accountId === accountId && a.roleName === 'AuditRole')!
    .credentials;
const config = (accountId: string, region: string) => ({
  region,
  endpoint: endpoint.url,
  credentials: creds(accountId),
  maxAttempts: 1,
});

describe("the sample company's resources", () => {
  it('show the findings the sample is meant to show, through the real clients', async () => {
    const west = await new EC2Client(config(production, 'us-west-2')).send(new DescribeSecurityGroupsCommand({}));
    expect(
      west
        .SecurityGroups!.flatMap((g) => g.IpPermissions!)
        .some((p) => p.FromPort === 22 && p.IpRanges!.some((r) => r.CidrIp === '0.0.0.0/0')),
    ).toBe(true);
    const ebs = await new EC2Client(config(production, 'eu-west-1')).send(new GetEbsEncryptionByDefaultCommand({}));
    expect(ebs.EbsEncryptionByDefault).toBe(false);
    const gd = await new GuardDutyClient(config(production, 'eu-west-1')).send(new ListDetectorsCommand({}));
    expect(gd.DetectorIds).toEqual([]);
    const buckets = await new S3Client(config(production, 'us-east-1')).send(new ListBucketsCommand({}));
    expect(buckets.Buckets!.map((b) => b.BucketRegion).sort()).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    const logs = await new EC2Client(config(staging, 'us-east-1')).send(new DescribeFlowLogsCommand({}));
    expect(logs.FlowLogs).toEqual([]);
  });
});
