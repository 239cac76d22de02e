import type { FindingEntity } from '../../domain/findings';
import type { RuleInput, RuleOutcome } from '../../checks/types';
import { regionArn } from '../account';
import { judgeRegionsInUse } from '../account/region-usage';
import { need } from '../iam/snapshot';
import { judgeRegions, names, plural, type InRegion } from '../regional';

export interface IpPermission {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: { CidrIp?: string }[];
  Ipv6Ranges?: { CidrIpv6?: string }[];
}

export interface SecurityGroup {
  GroupId: string;
  GroupName?: string;
  VpcId?: string;
  OwnerId?: string;
  IpPermissions?: IpPermission[];
}

export interface Ec2SourceValues {
  ebsEncryptionByDefault: InRegion<{ enabled: boolean; kmsKeyId?: string }>[];
  securityGroups: InRegion<SecurityGroup[]>[];
  /** DescribeInstances, terminated ones left out. */
  ec2Instances: InRegion<{ InstanceId: string; State?: string }[]>[];
  vpcs: InRegion<{ VpcId: string; IsDefault?: boolean; OwnerId?: string; CidrBlock?: string }[]>[];
  flowLogs: InRegion<
    {
      FlowLogId: string;
      ResourceId?: string;
      FlowLogStatus?: string;
      TrafficType?: string;
      DeliverLogsStatus?: string;
    }[]
  >[];
}

export function ebsDefault(input: RuleInput): RuleOutcome {
  const { snapshot } = input;
  return judgeRegionsInUse(
    input,
    need(snapshot, 'ebsEncryptionByDefault'),
    (region) => ({ arn: regionArn(snapshot, 'ec2', region), name: region }),
    (region, v) => [
      {
        arn: regionArn(snapshot, 'ec2', region),
        name: region,
        region,
        result: v.enabled ? 'pass' : 'fail',
        detail: v.enabled
          ? `New EBS volumes are encrypted by default${v.kmsKeyId ? ` with ${v.kmsKeyId}` : ''}.`
          : 'EBS encryption by default is off: new volumes can be created unencrypted.',
        facts: { EbsEncryptionByDefault: v.enabled, ...(v.kmsKeyId ? { KmsKeyId: v.kmsKeyId } : {}) },
      },
    ],
    {
      pass: (e) => `EBS encryption by default is on in every region in use (${plural(e.length, 'region')}).`,
      fail: (f) => `EBS encryption by default is off in ${names(f)}.`,
      none: 'No region in use could be read for EBS encryption by default.',
    },
  );
}

const ADMIN_PORTS = [
  { port: 22, name: 'SSH' },
  { port: 3389, name: 'RDP' },
];
const OPEN = (p: IpPermission) => [
  ...(p.IpRanges ?? []).filter((r) => r.CidrIp === '0.0.0.0/0').map(() => '0.0.0.0/0'),
  ...(p.Ipv6Ranges ?? []).filter((r) => r.CidrIpv6 === '::/0').map(() => '::/0'),
];

/** What one inbound rule opens to the whole internet: all ports, SSH or RDP. */
export function openAdminAccess(p: IpPermission): string[] {
  const sources = [...new Set(OPEN(p))];
  if (sources.length === 0) return [];
  if (p.IpProtocol === '-1') return [`all traffic from ${sources.join(' and ')}`];
  if (p.IpProtocol !== 'tcp' && p.IpProtocol !== '6') return [];
  const from = p.FromPort ?? 0;
  const to = p.ToPort ?? 65535;
  if (from === 0 && to === 65535) return [`all TCP ports from ${sources.join(' and ')}`];
  return ADMIN_PORTS.filter((a) => from <= a.port && a.port <= to).map(
    (a) => `${a.name} (${a.port}) from ${sources.join(' and ')}`,
  );
}

export function openAdminPorts({ snapshot }: RuleInput): RuleOutcome {
  return judgeRegions(
    need(snapshot, 'securityGroups'),
    (region) => ({ arn: regionArn(snapshot, 'ec2', region), name: region }),
    (region, groups) =>
      groups.map((g): FindingEntity => {
        const open = (g.IpPermissions ?? []).flatMap(openAdminAccess);
        return {
          arn: `arn:${snapshot.partition}:ec2:${region}:${g.OwnerId ?? snapshot.accountId}:security-group/${g.GroupId}`,
          name: `${g.GroupId}${g.GroupName ? ` (${g.GroupName})` : ''}`,
          region,
          result: open.length > 0 ? 'fail' : 'pass',
          detail:
            open.length > 0
              ? `Allows ${open.join(', ')}.`
              : 'No inbound rule opens SSH, RDP or all ports to 0.0.0.0/0 or ::/0.',
          facts: { VpcId: g.VpcId ?? null, open },
        };
      }),
    {
      pass: (e) =>
        `${plural(e.length, 'security group')} checked: none allows SSH, RDP or all ports from the internet.`,
      fail: (f) => `${plural(f.length, 'security group')} open administration ports to the internet: ${names(f)}.`,
      none: 'There are no security groups in the regions read.',
    },
  );
}

export function vpcFlowLogs({ snapshot }: RuleInput): RuleOutcome {
  const logs = need(snapshot, 'flowLogs');
  return judgeRegions(
    need(snapshot, 'vpcs'),
    (region) => ({ arn: regionArn(snapshot, 'ec2', region), name: region }),
    (region, vpcs) => {
      const here = logs.find((l) => l.region === region);
      return vpcs.map((v): FindingEntity => {
        const base = {
          arn: `arn:${snapshot.partition}:ec2:${region}:${v.OwnerId ?? snapshot.accountId}:vpc/${v.VpcId}`,
          name: `${v.VpcId}${v.IsDefault ? ' (default)' : ''}`,
          region,
        };
        if (!here || 'error' in here)
          return {
            ...base,
            result: 'error',
            detail: `Flow logs could not be read here${here && 'error' in here ? `: ${here.error.message}` : ''}.`,
          };
        const mine = here.value.filter((l) => l.ResourceId === v.VpcId);
        const active = mine.filter((l) => l.FlowLogStatus === 'ACTIVE');
        return {
          ...base,
          result: active.length > 0 ? 'pass' : 'fail',
          detail:
            active.length > 0
              ? `Flow log ${active[0]!.FlowLogId} is active (${active[0]!.TrafficType ?? 'traffic'}, delivery ${active[0]!.DeliverLogsStatus ?? 'unknown'}).`
              : mine.length > 0
                ? `Its flow log is ${mine[0]!.FlowLogStatus ?? 'not active'}.`
                : 'No flow log.',
          facts: { flowLogs: mine },
        };
      });
    },
    {
      pass: (e) => `Every VPC (${e.length}) has an active flow log.`,
      fail: (f) => `${plural(f.length, 'VPC')} without an active flow log: ${names(f)}.`,
      none: 'There are no VPCs in the regions in use.',
    },
  );
}
