import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import type { RdsDatabase } from '../../../../shared/rules/rds';
import { tokenPages } from './pages';
import { jsonFile, type RegionalFetcher } from './types';

export const rdsDatabases: RegionalFetcher<'rdsDatabases'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.rds(region);
  const instances = await tokenPages(
    'rds:DescribeDBInstances',
    (marker) => {
      const input = { MaxRecords: 100, ...(marker ? { Marker: marker } : {}) };
      return recorder.call(
        'DescribeDBInstances',
        () => client.send(new DescribeDBInstancesCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.Marker,
  );
  const clusters = await tokenPages(
    'rds:DescribeDBClusters',
    (marker) => {
      const input = { MaxRecords: 100, ...(marker ? { Marker: marker } : {}) };
      return recorder.call(
        'DescribeDBClusters',
        () => client.send(new DescribeDBClustersCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.Marker,
  );
  const value: RdsDatabase[] = [
    ...clusters.flatMap((p) =>
      (p.output.DBClusters ?? []).map((c): RdsDatabase => ({
        kind: 'cluster',
        id: c.DBClusterIdentifier ?? '',
        arn: c.DBClusterArn ?? '',
        ...(c.Engine ? { engine: c.Engine } : {}),
        StorageEncrypted: c.StorageEncrypted ?? false,
        ...(c.KmsKeyId ? { KmsKeyId: c.KmsKeyId } : {}),
        ...(c.BackupRetentionPeriod !== undefined ? { BackupRetentionPeriod: c.BackupRetentionPeriod } : {}),
      })),
    ),
    ...instances.flatMap((p) =>
      (p.output.DBInstances ?? []).map((i): RdsDatabase => ({
        kind: 'instance',
        id: i.DBInstanceIdentifier ?? '',
        arn: i.DBInstanceArn ?? '',
        ...(i.Engine ? { engine: i.Engine } : {}),
        StorageEncrypted: i.StorageEncrypted ?? false,
        ...(i.KmsKeyId ? { KmsKeyId: i.KmsKeyId } : {}),
        ...(i.BackupRetentionPeriod !== undefined ? { BackupRetentionPeriod: i.BackupRetentionPeriod } : {}),
        ...(i.DBClusterIdentifier ? { clusterId: i.DBClusterIdentifier } : {}),
      })),
    ),
  ];
  return {
    value,
    files: [
      jsonFile('rds-databases.json', `RDS DescribeDBInstances and DescribeDBClusters (${value.length})`, {
        pages: [...instances, ...clusters].map((p) => p.page),
      }),
    ],
    calls: recorder.calls,
  };
};
