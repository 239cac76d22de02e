import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  GetEbsEncryptionByDefaultCommand,
} from '@aws-sdk/client-ec2';
import type { SecurityGroup } from '../../../../shared/rules/ec2';
import { tokenPages } from './pages';
import { jsonFile, type RegionalFetcher } from './types';

/** The largest page EC2's Describe calls allow: one call per 1,000 resources, not one per resource. */
const PAGE = 1000;

export const ebsEncryptionByDefault: RegionalFetcher<'ebsEncryptionByDefault'> = async ({
  clients,
  region,
  signal,
  recorder,
}) => {
  const r = await recorder.call('GetEbsEncryptionByDefault', () =>
    clients.ec2(region).send(new GetEbsEncryptionByDefaultCommand({}), { abortSignal: signal }),
  );
  return {
    value: { enabled: r.output.EbsEncryptionByDefault === true },
    files: [jsonFile('ec2-GetEbsEncryptionByDefault.json', 'EC2 GetEbsEncryptionByDefault', { pages: [r.page] })],
    calls: recorder.calls,
  };
};

export const securityGroups: RegionalFetcher<'securityGroups'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.ec2(region);
  const pages = await tokenPages(
    'ec2:DescribeSecurityGroups',
    (token) => {
      const input = { MaxResults: PAGE, ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'DescribeSecurityGroups',
        () => client.send(new DescribeSecurityGroupsCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const value = pages.flatMap((p) =>
    (p.output.SecurityGroups ?? []).map((g): SecurityGroup => ({
      GroupId: g.GroupId ?? '',
      ...(g.GroupName ? { GroupName: g.GroupName } : {}),
      ...(g.VpcId ? { VpcId: g.VpcId } : {}),
      ...(g.OwnerId ? { OwnerId: g.OwnerId } : {}),
      IpPermissions: (g.IpPermissions ?? []).map((p) => ({
        ...(p.IpProtocol !== undefined ? { IpProtocol: p.IpProtocol } : {}),
        ...(p.FromPort !== undefined ? { FromPort: p.FromPort } : {}),
        ...(p.ToPort !== undefined ? { ToPort: p.ToPort } : {}),
        IpRanges: (p.IpRanges ?? []).map((r) => ({ CidrIp: r.CidrIp })),
        Ipv6Ranges: (p.Ipv6Ranges ?? []).map((r) => ({ CidrIpv6: r.CidrIpv6 })),
      })),
    })),
  );
  return {
    value,
    files: [
      jsonFile('ec2-DescribeSecurityGroups.json', `EC2 DescribeSecurityGroups (${value.length})`, {
        pages: pages.map((p) => p.page),
      }),
    ],
    calls: recorder.calls,
  };
};

export const vpcs: RegionalFetcher<'vpcs'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.ec2(region);
  const pages = await tokenPages(
    'ec2:DescribeVpcs',
    (token) => {
      const input = { MaxResults: PAGE, ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'DescribeVpcs',
        () => client.send(new DescribeVpcsCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const value = pages.flatMap((p) =>
    (p.output.Vpcs ?? []).map((v) => ({
      VpcId: v.VpcId ?? '',
      IsDefault: v.IsDefault ?? false,
      ...(v.OwnerId ? { OwnerId: v.OwnerId } : {}),
      ...(v.CidrBlock ? { CidrBlock: v.CidrBlock } : {}),
    })),
  );
  return {
    value,
    files: [
      jsonFile('ec2-DescribeVpcs.json', `EC2 DescribeVpcs (${value.length})`, { pages: pages.map((p) => p.page) }),
    ],
    calls: recorder.calls,
  };
};

/** Every flow log of the region in pages, rather than one filtered call per VPC. */
export const flowLogs: RegionalFetcher<'flowLogs'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.ec2(region);
  const pages = await tokenPages(
    'ec2:DescribeFlowLogs',
    (token) => {
      const input = { MaxResults: PAGE, ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'DescribeFlowLogs',
        () => client.send(new DescribeFlowLogsCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const value = pages.flatMap((p) =>
    (p.output.FlowLogs ?? []).map((l) => ({
      FlowLogId: l.FlowLogId ?? '',
      ...(l.ResourceId ? { ResourceId: l.ResourceId } : {}),
      ...(l.FlowLogStatus ? { FlowLogStatus: l.FlowLogStatus } : {}),
      ...(l.TrafficType ? { TrafficType: l.TrafficType } : {}),
      ...(l.DeliverLogsStatus ? { DeliverLogsStatus: l.DeliverLogsStatus } : {}),
    })),
  );
  return {
    value,
    files: [
      jsonFile('ec2-DescribeFlowLogs.json', `EC2 DescribeFlowLogs (${value.length})`, {
        pages: pages.map((p) => p.page),
      }),
    ],
    calls: recorder.calls,
  };
};

/** The account's EC2 instances in one region (terminated ones left out): where Inspector must scan EC2. */
export const ec2Instances: RegionalFetcher<'ec2Instances'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.ec2(region);
  const pages = await tokenPages(
    'ec2:DescribeInstances',
    (token) => {
      const input = { MaxResults: PAGE, ...(token ? { NextToken: token } : {}) };
      return recorder.call(
        'DescribeInstances',
        () => client.send(new DescribeInstancesCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextToken,
  );
  const value = pages
    .flatMap((p) => (p.output.Reservations ?? []).flatMap((r) => r.Instances ?? []))
    .filter((i) => i.State?.Name !== 'terminated')
    .map((i) => ({ InstanceId: i.InstanceId ?? '', ...(i.State?.Name ? { State: i.State.Name } : {}) }));
  return {
    value,
    files: [
      jsonFile('ec2-DescribeInstances.json', `EC2 DescribeInstances (${value.length})`, {
        pages: pages.map((p) => p.page),
      }),
    ],
    calls: recorder.calls,
  };
};
