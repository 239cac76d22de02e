import { formFilters } from '../form-lists';
import { BadPage, pageOf } from '../paging';
import { toXml, XmlList, type XmlValue } from '../responses';
import { regionResources } from '../scenario-access';
import type { AwsRequest, HandlerEnv, ServiceHandler } from '../types';

/**
 * RDS over awsQuery (2014-10-31): DescribeDBInstances and DescribeDBClusters, with the model's
 * list member names (`<DBInstances><DBInstance>`, `<VpcSecurityGroups><VpcSecurityGroupMembership>`),
 * Marker pagination (MaxRecords 20-100, default 100) and the not-found faults by identifier.
 */

const NAMESPACE = 'http://rds.amazonaws.com/doc/2014-10-31/';

/** List members that are not `<member>` (the model's `locationName`s). */
const MEMBER_NAMES: Record<string, string> = {
  DBInstances: 'DBInstance',
  DBClusters: 'DBCluster',
  DBSecurityGroups: 'DBSecurityGroup',
  VpcSecurityGroups: 'VpcSecurityGroupMembership',
  DBParameterGroups: 'DBParameterGroup',
  Subnets: 'Subnet',
  ProcessorFeatures: 'ProcessorFeature',
  ReadReplicaDBInstanceIdentifiers: 'ReadReplicaDBInstanceIdentifier',
  ReadReplicaDBClusterIdentifiers: 'ReadReplicaDBClusterIdentifier',
  OptionGroupMemberships: 'OptionGroupMembership',
  DomainMemberships: 'DomainMembership',
  TagList: 'Tag',
  DBInstanceAutomatedBackupsReplications: 'DBInstanceAutomatedBackupsReplication',
  AvailabilityZones: 'AvailabilityZone',
  DBClusterOptionGroupMemberships: 'DBClusterOptionGroup',
  ReadReplicaIdentifiers: 'ReadReplicaIdentifier',
  DBClusterMembers: 'DBClusterMember',
};
/** Lists whose member name depends on the parent shape. */
const BY_PARENT: Record<string, Record<string, string>> = {
  DBInstance: { StatusInfos: 'DBInstanceStatusInfo', AssociatedRoles: 'DBInstanceRole' },
  DBCluster: { StatusInfos: 'DBClusterStatusInfo', AssociatedRoles: 'DBClusterRole' },
};

function wire(value: unknown, parent = ''): XmlValue {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date || typeof value !== 'object') return value as XmlValue;
  const out: Record<string, XmlValue> = {};
  for (const [k, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      const member = BY_PARENT[parent]?.[k] ?? MEMBER_NAMES[k] ?? 'member';
      out[k] = new XmlList(
        member,
        v.map((x) => wire(x, member)),
      );
    } else out[k] = wire(v, k);
  }
  return out;
}

class Fault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

function describe<T>(
  req: AwsRequest,
  env: HandlerEnv,
  all: T[],
  idParam: string,
  idOf: (x: T) => string | undefined,
  notFound: (id: string) => Fault,
): { items: T[]; next?: string } {
  const id = req.form[idParam];
  const chosen = id ? all.filter((x) => idOf(x) === id) : all;
  if (id && !chosen.length) throw notFound(id);
  for (const f of formFilters(req.form, 'Filters.Filter', 'Values.Value'))
    if (!['db-instance-id', 'db-cluster-id', 'engine'].includes(f.name))
      throw new Fault('InvalidParameterValue', `Unrecognized filter name: ${f.name}`);
  try {
    return pageOf(
      chosen,
      req.form.Marker,
      req.form.MaxRecords,
      { defaultSize: 100, min: 20, max: 100, limitName: 'maxRecords' },
      env.resources?.pageCap,
    );
  } catch (e) {
    if (!(e instanceof BadPage)) throw e;
    throw new Fault(
      'InvalidParameterValue',
      e.kind === 'token'
        ? 'The parameter Marker is not valid.'
        : `Invalid value ${req.form.MaxRecords} for MaxRecords. Must be between 20 and 100`,
    );
  }
}

export const rds: ServiceHandler = {
  id: 'rds',
  protocol: 'query',
  regional: true,
  xmlNamespace: NAMESPACE,
  matches: (req) => req.signing?.service === 'rds',
  operation: (req) =>
    ['DescribeDBInstances', 'DescribeDBClusters'].includes(req.form.Action ?? '') ? req.form.Action : undefined,

  async handle(req, env) {
    const here = regionResources(env)?.rds ?? { instances: [], clusters: [] };
    try {
      if (req.form.Action === 'DescribeDBInstances') {
        const pg = describe(
          req,
          env,
          here.instances,
          'DBInstanceIdentifier',
          (x) => x.DBInstanceIdentifier,
          (id) => new Fault('DBInstanceNotFound', `DBInstance ${id} not found.`, 404),
        );
        return env.queryResult('DescribeDBInstances', toXml(wire({ DBInstances: pg.items, Marker: pg.next })));
      }
      const pg = describe(
        req,
        env,
        here.clusters,
        'DBClusterIdentifier',
        (x) => x.DBClusterIdentifier,
        (id) => new Fault('DBClusterNotFoundFault', `DBCluster ${id} not found.`, 404),
      );
      return env.queryResult('DescribeDBClusters', toXml(wire({ DBClusters: pg.items, Marker: pg.next })));
    } catch (e) {
      if (e instanceof Fault) return env.queryErrorResponse(e.code, e.message, e.status);
      throw e;
    }
  },
};
