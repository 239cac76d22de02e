import type { FlowLog, IpPermission, SecurityGroup, SecurityGroupRule } from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import { formFilters, formList, type QueryFilter } from '../form-lists';
import { BadPage, pageOf, type PageRule } from '../paging';
import { toXml, xmlEscape, type XmlValue } from '../responses';
import type { RegionOptStatus } from '../resources';
import { accountRegions, regionResources } from '../scenario-access';
import type { AwsRequest, AwsResponse, HandlerEnv, ServiceHandler } from '../types';

/**
 * EC2 over its own query protocol (version 2016-11-15): form-encoded requests, responses named
 * `<{Action}Response>` with a lower-camel `requestId`, lists as `<item>` under the member's
 * `locationName` (`securityGroupInfo`, `vpcSet`, ...), errors as `<Response><Errors><Error>`.
 * Answers the reads the checks use, from the account's resources in the signing region.
 */

const OPERATIONS = [
  'DescribeRegions',
  'DescribeSecurityGroups',
  'DescribeSecurityGroupRules',
  'DescribeVpcs',
  'DescribeFlowLogs',
  'GetEbsEncryptionByDefault',
  'DescribeInstances',
] as const;
type Operation = (typeof OPERATIONS)[number];

const NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Members whose wire name is not their lower-camel name (from the model's `locationName`s). */
const WIRE_NAMES: Record<string, string> = {
  BlockDeviceMappings: 'blockDeviceMapping',
  Endpoint: 'regionEndpoint',
  FlowLogs: 'flowLogSet',
  Geography: 'geographySet',
  Groups: 'groupSet',
  Instances: 'instancesSet',
  NetworkInterfaces: 'networkInterfaceSet',
  PublicDnsName: 'dnsName',
  PublicIpAddress: 'ipAddress',
  Regions: 'regionInfo',
  Reservations: 'reservationSet',
  SecurityGroupRules: 'securityGroupRuleSet',
  StateTransitionReason: 'reason',
  Tags: 'tagSet',
  UserIdGroupPairs: 'groups',
  Vpcs: 'vpcSet',
};

/** An SDK-shaped value in EC2's wire names. */
function wire(value: unknown): XmlValue {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value as XmlValue;
  if (Array.isArray(value)) return value.map(wire);
  const out: Record<string, XmlValue> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[WIRE_NAMES[k] ?? k[0]!.toLowerCase() + k.slice(1)] = wire(v);
  }
  return out;
}

/** EC2 always sends a permission's four lists, empty ones too. */
const permissionWire = (p: IpPermission) => ({
  ...p,
  UserIdGroupPairs: p.UserIdGroupPairs ?? [],
  IpRanges: p.IpRanges ?? [],
  Ipv6Ranges: p.Ipv6Ranges ?? [],
  PrefixListIds: p.PrefixListIds ?? [],
});

/** SecurityGroup's Description is `groupDescription` on the wire (an IpRange's stays `description`). */
const securityGroupWire = ({ Description, ...sg }: SecurityGroup) => ({
  ...(wire({
    ...sg,
    IpPermissions: (sg.IpPermissions ?? []).map(permissionWire),
    IpPermissionsEgress: (sg.IpPermissionsEgress ?? []).map(permissionWire),
  }) as Record<string, XmlValue>),
  groupDescription: Description,
});

const ec2Status: Record<RegionOptStatus, string> = {
  ENABLED_BY_DEFAULT: 'opt-in-not-required',
  ENABLED: 'opted-in',
  ENABLING: 'not-opted-in',
  DISABLING: 'opted-in',
  DISABLED: 'not-opted-in',
};

class Invalid extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Applies EC2 filters by name, refusing names the operation does not know. */
function filtered<T>(items: T[], filters: QueryFilter[], known: Record<string, (item: T) => string[]>): T[] {
  for (const f of filters)
    if (!known[f.name]) throw new Invalid('InvalidParameterValue', `The filter '${f.name}' is invalid`);
  return items.filter((item) => filters.every((f) => known[f.name]!(item).some((v) => f.values.includes(v))));
}

const rule = (min: number): PageRule => ({ min, max: 1000, limitName: 'maxResults' });

function paged<T>(items: T[], form: Record<string, string>, min: number, env: HandlerEnv) {
  try {
    return pageOf(items, form.NextToken, form.MaxResults, rule(min), env.resources?.pageCap);
  } catch (e) {
    if (!(e instanceof BadPage)) throw e;
    if (e.kind === 'token') throw new Invalid('InvalidParameterValue', 'The token provided is invalid');
    throw new Invalid(
      'InvalidParameterValue',
      `Value ( ${form.MaxResults} ) for parameter maxResults is invalid. Expecting a value between ${min} and 1000.`,
    );
  }
}

const ruleId = (groupId: string, i: number) =>
  `sgr-${createHash('sha1').update(`${groupId}/${i}`).digest('hex').slice(0, 17)}`;

/** The rules view of security groups: one rule per CIDR, prefix list or referenced group, ingress and egress. */
function securityGroupRules(groups: SecurityGroup[]): SecurityGroupRule[] {
  const out: SecurityGroupRule[] = [];
  for (const g of groups) {
    let i = 0;
    const add = (egress: boolean, p: IpPermission, target: Partial<SecurityGroupRule>) =>
      out.push({
        SecurityGroupRuleId: ruleId(g.GroupId ?? '', i++),
        GroupId: g.GroupId,
        GroupOwnerId: g.OwnerId,
        IsEgress: egress,
        IpProtocol: p.IpProtocol,
        FromPort: p.FromPort ?? -1,
        ToPort: p.ToPort ?? -1,
        ...target,
      });
    for (const [egress, perms] of [
      [false, g.IpPermissions ?? []],
      [true, g.IpPermissionsEgress ?? []],
    ] as const) {
      for (const p of perms) {
        for (const r of p.IpRanges ?? []) add(egress, p, { CidrIpv4: r.CidrIp, Description: r.Description });
        for (const r of p.Ipv6Ranges ?? []) add(egress, p, { CidrIpv6: r.CidrIpv6, Description: r.Description });
        for (const r of p.PrefixListIds ?? []) add(egress, p, { PrefixListId: r.PrefixListId });
        for (const r of p.UserIdGroupPairs ?? [])
          add(egress, p, { ReferencedGroupInfo: { GroupId: r.GroupId, UserId: r.UserId, VpcId: r.VpcId } });
      }
    }
  }
  return out;
}

function answer(op: Operation, req: AwsRequest, env: HandlerEnv): AwsResponse {
  const form = req.form;
  const here = regionResources(env)?.ec2 ?? {};
  const result = (body: Record<string, XmlValue>) =>
    env.xmlResponse(
      `<${op}Response xmlns="${NAMESPACE}"><requestId>${xmlEscape(env.requestId)}</requestId>${toXml(body, 'item')}</${op}Response>`,
    );
  switch (op) {
    case 'DescribeRegions': {
      const all = form.AllRegions === 'true';
      const names = formList(form, 'RegionName');
      const regions = Object.entries(accountRegions(env)).map(([name, r]) => ({
        RegionName: name,
        Endpoint: `ec2.${name}.amazonaws.com`,
        OptInStatus: ec2Status[r.optStatus],
      }));
      for (const n of names)
        if (!regions.some((r) => r.RegionName === n))
          throw new Invalid('InvalidParameterValue', `Invalid region: ${n}`);
      const listed = regions.filter((r) =>
        names.length ? names.includes(r.RegionName) : all || r.OptInStatus !== 'not-opted-in',
      );
      const shown = filtered(listed, formFilters(form, 'Filter', 'Value'), {
        'opt-in-status': (r) => [r.OptInStatus],
        'region-name': (r) => [r.RegionName],
        endpoint: (r) => [r.Endpoint],
      });
      return result({ regionInfo: wire(shown) });
    }
    case 'GetEbsEncryptionByDefault':
      return result({
        ebsEncryptionByDefault: here.ebsEncryptionByDefault ?? false,
        sseType: here.ebsEncryptionByDefault ? 'sse-ebs' : 'none',
      });
    case 'DescribeSecurityGroups': {
      const ids = formList(form, 'GroupId');
      const all = here.securityGroups ?? [];
      for (const id of ids)
        if (!all.some((g) => g.GroupId === id))
          throw new Invalid('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
      const chosen = ids.length ? all.filter((g) => ids.includes(g.GroupId ?? '')) : all;
      const shown = filtered(chosen, formFilters(form, 'Filter', 'Value'), {
        'vpc-id': (g) => [g.VpcId ?? ''],
        'group-id': (g) => [g.GroupId ?? ''],
        'group-name': (g) => [g.GroupName ?? ''],
      });
      const pg = paged(shown, form, 5, env);
      return result({ securityGroupInfo: pg.items.map(securityGroupWire), nextToken: pg.next });
    }
    case 'DescribeSecurityGroupRules': {
      const rules = filtered(securityGroupRules(here.securityGroups ?? []), formFilters(form, 'Filter', 'Value'), {
        'group-id': (r) => [r.GroupId ?? ''],
        'security-group-rule-id': (r) => [r.SecurityGroupRuleId ?? ''],
      });
      const pg = paged(rules, form, 5, env);
      return result({ securityGroupRuleSet: wire(pg.items), nextToken: pg.next });
    }
    case 'DescribeVpcs': {
      const ids = formList(form, 'VpcId');
      const all = here.vpcs ?? [];
      for (const id of ids)
        if (!all.some((v) => v.VpcId === id))
          throw new Invalid('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`);
      const shown = filtered(
        ids.length ? all.filter((v) => ids.includes(v.VpcId ?? '')) : all,
        formFilters(form, 'Filter', 'Value'),
        {
          'vpc-id': (v) => [v.VpcId ?? ''],
          'is-default': (v) => [String(!!v.IsDefault)],
          state: (v) => [v.State ?? ''],
        },
      );
      const pg = paged(shown, form, 5, env);
      return result({ vpcSet: wire(pg.items), nextToken: pg.next });
    }
    case 'DescribeFlowLogs': {
      const ids = formList(form, 'FlowLogId');
      const all: FlowLog[] = here.flowLogs ?? [];
      const shown = filtered(
        ids.length ? all.filter((f) => ids.includes(f.FlowLogId ?? '')) : all,
        formFilters(form, 'Filter', 'Value'),
        {
          'resource-id': (f) => [f.ResourceId ?? ''],
          'flow-log-id': (f) => [f.FlowLogId ?? ''],
          'deliver-log-status': (f) => [f.DeliverLogsStatus ?? ''],
          'traffic-type': (f) => [f.TrafficType ?? ''],
          'log-destination-type': (f) => [f.LogDestinationType ?? ''],
        },
      );
      const pg = paged(shown, form, 1, env);
      return result({ flowLogSet: wire(pg.items), nextToken: pg.next });
    }
    case 'DescribeInstances': {
      const shown = filtered(here.reservations ?? [], formFilters(form, 'Filter', 'Value'), {
        'instance-state-name': (r) => (r.Instances ?? []).map((i) => i.State?.Name ?? ''),
        'vpc-id': (r) => (r.Instances ?? []).map((i) => i.VpcId ?? ''),
      });
      const pg = paged(shown, form, 5, env);
      const reservations = pg.items.map(({ Instances, ...r }) => ({
        ...r,
        Instances: Instances?.map(({ SecurityGroups, State, ...i }) => ({
          ...i,
          InstanceState: State,
          Groups: SecurityGroups,
        })),
      }));
      return result({ reservationSet: wire(reservations), nextToken: pg.next });
    }
  }
}

export const ec2: ServiceHandler = {
  id: 'ec2',
  protocol: 'ec2',
  regional: true,
  xmlNamespace: NAMESPACE,
  matches: (req) => req.signing?.service === 'ec2',
  operation: (req) => ((OPERATIONS as readonly string[]).includes(req.form.Action ?? '') ? req.form.Action : undefined),

  async handle(req, env) {
    try {
      return answer(req.form.Action as Operation, req, env);
    } catch (e) {
      if (e instanceof Invalid) return env.errorResponse(e.code, e.message, 400);
      throw e;
    }
  },
};
