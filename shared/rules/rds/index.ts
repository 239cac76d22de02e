import type { FindingEntity } from '../../domain/findings';
import type { RuleInput, RuleOutcome } from '../../checks/types';
import { regionArn } from '../account';
import { need } from '../iam/snapshot';
import { judgeRegions, names, plural, type InRegion } from '../regional';

export interface RdsDatabase {
  /** `instance` (DescribeDBInstances) or `cluster` (DescribeDBClusters). */
  kind: 'instance' | 'cluster';
  id: string;
  arn: string;
  engine?: string;
  StorageEncrypted?: boolean;
  KmsKeyId?: string;
  BackupRetentionPeriod?: number;
  /** An instance that belongs to an Aurora cluster takes its encryption and backups from the cluster. */
  clusterId?: string;
}

export interface RdsSourceValues {
  rdsDatabases: InRegion<RdsDatabase[]>[];
}

export function rdsEncrypted({ snapshot }: RuleInput): RuleOutcome {
  return judgeRegions(
    need(snapshot, 'rdsDatabases'),
    (region) => ({ arn: regionArn(snapshot, 'rds', region), name: region }),
    (region, dbs) =>
      dbs.map((d): FindingEntity => ({
        arn: d.arn,
        name: `${d.id} (${d.kind})`,
        region,
        result: d.StorageEncrypted ? 'pass' : 'fail',
        detail: d.StorageEncrypted
          ? `Encrypted at rest with ${d.KmsKeyId ?? 'a KMS key'}.`
          : 'Storage is not encrypted at rest.',
        facts: { StorageEncrypted: !!d.StorageEncrypted, KmsKeyId: d.KmsKeyId ?? null, engine: d.engine ?? null },
      })),
    {
      pass: (e) => `Every RDS instance and cluster (${e.length}) is encrypted at rest.`,
      fail: (f) => `${plural(f.length, 'RDS database')} not encrypted at rest: ${names(f)}.`,
      none: 'There are no RDS instances or clusters in the regions in use.',
    },
  );
}
