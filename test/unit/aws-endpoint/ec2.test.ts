import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { PRODUCTION, STAGING, DEFAULT_REGIONS } from '../../../main/sandbox/aws-endpoint';
import { clientConfig, useMultiAccountEndpoint } from './harness';

const endpoint = useMultiAccountEndpoint();
const ec2 = (region = 'us-east-1', account = PRODUCTION) => new EC2Client(clientConfig(endpoint, account, region));

describe('local AWS endpoint: EC2 (ec2 query protocol)', () => {
  it('lists the enabled regions, and with AllRegions the opt-in ones with their status', async () => {
    const enabled = await ec2().send(new DescribeRegionsCommand({}));
    const names = enabled.Regions!.map((r) => r.RegionName);
    expect(names).toHaveLength(DEFAULT_REGIONS.length + 1);
    expect(names).toContain('eu-south-1');
    expect(names).not.toContain('ap-east-1');
    expect(enabled.Regions!.find((r) => r.RegionName === 'eu-west-1')).toEqual({
      RegionName: 'eu-west-1',
      Endpoint: 'ec2.eu-west-1.amazonaws.com',
      OptInStatus: 'opt-in-not-required',
    });
    const all = await ec2().send(new DescribeRegionsCommand({ AllRegions: true }));
    const status = Object.fromEntries(all.Regions!.map((r) => [r.RegionName, r.OptInStatus]));
    expect(status).toMatchObject({
      'eu-south-1': 'opted-in',
      'ap-east-1': 'not-opted-in',
      'me-south-1': 'not-opted-in',
    });
    const filtered = await ec2().send(
      new DescribeRegionsCommand({ AllRegions: true, Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }] }),
    );
    expect(filtered.Regions!.map((r) => r.RegionName).sort()).toEqual(['ap-east-1', 'me-south-1']);
  });

  it('refuses calls into a region the account has not opted in to with AuthFailure', async () => {
    await expect(ec2('ap-east-1').send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
      name: 'AuthFailure',
      message: 'AWS was not able to validate the provided access credentials',
      $metadata: { httpStatusCode: 401 },
    });
  });

  it('answers security groups with their rules, paged by NextToken', async () => {
    const one = await ec2('eu-west-1').send(new DescribeSecurityGroupsCommand({}));
    const admin = one.SecurityGroups!.find((g) => g.GroupName === 'legacy-admin')!;
    expect(admin.Description).toBe('legacy-admin security group');
    expect(admin.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(admin.IpPermissions).toEqual(
      expect.arrayContaining([
        {
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
          Ipv6Ranges: [],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
        {
          IpProtocol: 'tcp',
          FromPort: 3389,
          ToPort: 3389,
          IpRanges: [],
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          PrefixListIds: [],
          UserIdGroupPairs: [],
        },
      ]),
    );
    expect(admin.Tags).toEqual([{ Key: 'Name', Value: 'legacy-admin' }]);

    const rules = await ec2('eu-west-1').send(
      new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [admin.GroupId!] }] }),
    );
    expect(
      rules.SecurityGroupRules!.filter((r) => !r.IsEgress).map((r) => [r.FromPort, r.CidrIpv4 ?? r.CidrIpv6]),
    ).toEqual([
      [443, '10.0.0.0/16'],
      [22, '0.0.0.0/0'],
      [3389, '::/0'],
    ]);
  });

  it('answers MaxResults within 5-1000, and refuses one outside as EC2 does', async () => {
    const first = await ec2('eu-west-1').send(new DescribeSecurityGroupsCommand({ MaxResults: 5 }));
    expect(first.SecurityGroups).toHaveLength(2);
    expect(first.NextToken).toBeUndefined();
    await expect(ec2('eu-west-1').send(new DescribeSecurityGroupsCommand({ MaxResults: 2 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('answers VPCs, their flow logs by resource-id filter, EBS default encryption and instances', async () => {
    const vpcs = await ec2('eu-south-1').send(new DescribeVpcsCommand({}));
    const vpcId = vpcs.Vpcs![0]!.VpcId!;
    expect(vpcs.Vpcs![0]).toMatchObject({ CidrBlock: '10.30.0.0/16', State: 'available', IsDefault: false });
    const logs = await ec2('eu-south-1').send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }),
    );
    expect(logs.FlowLogs).toEqual([
      expect.objectContaining({
        ResourceId: vpcId,
        FlowLogStatus: 'INACTIVE',
        TrafficType: 'ALL',
        CreationTime: new Date('2025-03-01T09:00:00Z'),
      }),
    ]);
    expect((await ec2('us-east-1').send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
    expect((await ec2('eu-west-1').send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(false);
    const inst = await ec2('us-east-1').send(new DescribeInstancesCommand({}));
    expect(inst.Reservations![0]!.Instances![0]).toMatchObject({
      InstanceId: 'i-0123456789abcdef0',
      State: { Name: 'running' },
      SecurityGroups: [{ GroupName: 'web' }],
    });
    expect((await ec2('us-east-1', STAGING).send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
  });

  it('refuses an unknown filter name as EC2 does', async () => {
    await expect(
      ec2().send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'nonsense', Values: ['x'] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue', message: "The filter 'nonsense' is invalid" });
  });

  it('answers UnauthorizedOperation for a denied action and RequestLimitExceeded when throttled', async () => {
    endpoint.setFaults({ denyActions: ['ec2:DescribeVpcs'] });
    await expect(ec2().send(new DescribeVpcsCommand({}))).rejects.toMatchObject({
      name: 'UnauthorizedOperation',
      $metadata: { httpStatusCode: 403 },
    });
    endpoint.setFaults({ throttleNext: { 'ec2:DescribeVpcs': 1 } });
    await expect(ec2().send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
    endpoint.setFaults({ throttleNext: { 'ec2:DescribeVpcs': 2 } });
    const retried = new EC2Client(clientConfig(endpoint, PRODUCTION, 'us-east-1', 3));
    expect((await retried.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
    expect(endpoint.calls.get('ec2:DescribeVpcs')).toBe(1 + 1 + 3);
  });
});
