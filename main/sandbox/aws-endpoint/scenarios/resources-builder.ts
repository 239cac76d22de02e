import type { SecurityGroup, Vpc, FlowLog } from '@aws-sdk/client-ec2';
import type { Repository } from '@aws-sdk/client-ecr';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { DBInstance } from '@aws-sdk/client-rds';
import type {
  AccountResources,
  BucketModel,
  BucketPolicy,
  KmsKeyModel,
  RegionOptStatus,
  RegionResources,
  TrailModel,
} from '../resources';
import { DEFAULT_REGIONS } from '../scenario-access';

/**
 * Small constructors for scenario resources in the SDK's shapes, with ids derived from a seed
 * so generated accounts are stable, and `sizedAccount` for the benchmark's account size.
 */

const hex = (seed: string, n: number) => {
  let h = 2166136261;
  let out = '';
  while (out.length < n) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
    seed += '.';
  }
  return out.slice(0, n);
};
const uuid = (seed: string) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Every default region enabled by default, plus the opt-in regions given. */
export function regionsWith(
  optIn: Record<string, RegionOptStatus>,
  contents: Record<string, Omit<RegionResources, 'optStatus'>> = {},
): Record<string, RegionResources> {
  const out: Record<string, RegionResources> = {};
  for (const r of DEFAULT_REGIONS) out[r] = { optStatus: 'ENABLED_BY_DEFAULT', ...contents[r] };
  for (const [r, status] of Object.entries(optIn)) out[r] = { optStatus: status, ...contents[r] };
  return out;
}

export interface PortRule {
  port: number | 'all';
  cidr: string;
}

export function securityGroup(
  accountId: string,
  region: string,
  vpcId: string,
  name: string,
  open: PortRule[] = [],
): SecurityGroup {
  const id = `sg-${hex(`${accountId}/${region}/${name}`, 17)}`;
  return {
    GroupId: id,
    GroupName: name,
    Description: `${name} security group`,
    OwnerId: accountId,
    VpcId: vpcId,
    SecurityGroupArn: `arn:aws:ec2:${region}:${accountId}:security-group/${id}`,
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.0.0/16', Description: 'internal HTTPS' }],
      },
      ...open.map((o) =>
        o.port === 'all'
          ? {
              IpProtocol: '-1',
              ...(o.cidr.includes(':') ? { Ipv6Ranges: [{ CidrIpv6: o.cidr }] } : { IpRanges: [{ CidrIp: o.cidr }] }),
            }
          : {
              IpProtocol: 'tcp',
              FromPort: o.port,
              ToPort: o.port,
              ...(o.cidr.includes(':') ? { Ipv6Ranges: [{ CidrIpv6: o.cidr }] } : { IpRanges: [{ CidrIp: o.cidr }] }),
            },
      ),
    ],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    Tags: [{ Key: 'Name', Value: name }],
  };
}

export function vpc(accountId: string, region: string, name: string, cidr = '10.0.0.0/16', isDefault = false): Vpc {
  return {
    VpcId: `vpc-${hex(`${accountId}/${region}/${name}`, 17)}`,
    OwnerId: accountId,
    CidrBlock: cidr,
    State: 'available',
    IsDefault: isDefault,
    InstanceTenancy: 'default',
    DhcpOptionsId: `dopt-${hex(`${accountId}/${region}/dhcp`, 17)}`,
    CidrBlockAssociationSet: [
      {
        AssociationId: `vpc-cidr-assoc-${hex(`${name}/cidr`, 17)}`,
        CidrBlock: cidr,
        CidrBlockState: { State: 'associated' },
      },
    ],
    Tags: [{ Key: 'Name', Value: name }],
  };
}

export function flowLog(accountId: string, region: string, vpcId: string, active = true): FlowLog {
  return {
    FlowLogId: `fl-${hex(`${accountId}/${region}/${vpcId}`, 17)}`,
    ResourceId: vpcId,
    FlowLogStatus: active ? 'ACTIVE' : 'INACTIVE',
    DeliverLogsStatus: active ? 'SUCCESS' : 'FAILED',
    TrafficType: 'ALL',
    LogDestinationType: 'cloud-watch-logs',
    LogGroupName: `/vpc/flow-logs/${vpcId}`,
    LogDestination: `arn:aws:logs:${region}:${accountId}:log-group:/vpc/flow-logs/${vpcId}`,
    CreationTime: new Date('2025-03-01T09:00:00Z'),
    MaxAggregationInterval: 600,
  };
}

export type BucketEncryption = 'AES256' | 'aws:kms' | 'aws:kms:dsse' | 'none';

/** A policy denying every request that does not use TLS (the `encryption.s3-tls-only` pass case). */
export const tlsOnlyPolicy = (bucket: string): BucketPolicy => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
});

export function bucket(
  name: string,
  region: string,
  encryption: BucketEncryption,
  options: Partial<Pick<BucketModel, 'policy' | 'publicAccessBlock' | 'policyIsPublic' | 'locationConstraint'>> & {
    kmsKeyArn?: string;
  } = {},
): BucketModel {
  const { kmsKeyArn, ...rest } = options;
  return {
    Name: name,
    region,
    CreationDate: new Date('2024-06-01T12:00:00Z'),
    encryption:
      encryption === 'none'
        ? null
        : [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: encryption,
                ...(encryption !== 'AES256' && kmsKeyArn ? { KMSMasterKeyID: kmsKeyArn } : {}),
              },
              BucketKeyEnabled: encryption !== 'AES256',
            },
          ],
    ...rest,
  };
}

export const allBlocked = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export function kmsKey(
  accountId: string,
  region: string,
  name: string,
  options: { rotates?: boolean; manager?: 'CUSTOMER' | 'AWS'; spec?: 'SYMMETRIC_DEFAULT' | 'RSA_2048' } = {},
): KmsKeyModel {
  const keyId = uuid(`${accountId}/${region}/${name}`);
  const spec = options.spec ?? 'SYMMETRIC_DEFAULT';
  const symmetric = spec === 'SYMMETRIC_DEFAULT';
  return {
    metadata: {
      AWSAccountId: accountId,
      KeyId: keyId,
      Arn: `arn:aws:kms:${region}:${accountId}:key/${keyId}`,
      CreationDate: new Date('2024-01-15T08:00:00Z'),
      Enabled: true,
      Description: name,
      KeyUsage: symmetric ? 'ENCRYPT_DECRYPT' : 'SIGN_VERIFY',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: options.manager ?? 'CUSTOMER',
      CustomerMasterKeySpec: spec,
      KeySpec: spec,
      ...(symmetric ? { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } : { SigningAlgorithms: ['RSASSA_PSS_SHA_256'] }),
      MultiRegion: false,
    },
    ...(symmetric
      ? {
          rotation: {
            KeyRotationEnabled: options.manager === 'AWS' || !!options.rotates,
            ...(options.manager === 'AWS' || options.rotates
              ? { RotationPeriodInDays: 365, NextRotationDate: new Date('2027-01-15T08:00:00Z') }
              : {}),
          },
        }
      : {}),
  };
}

export function dbInstance(
  accountId: string,
  region: string,
  id: string,
  encrypted: boolean,
  backupDays = 7,
): DBInstance {
  return {
    DBInstanceIdentifier: id,
    DBInstanceArn: `arn:aws:rds:${region}:${accountId}:db:${id}`,
    DBInstanceClass: 'db.t3.medium',
    Engine: 'postgres',
    EngineVersion: '16.4',
    DBInstanceStatus: 'available',
    MasterUsername: 'app_admin',
    AllocatedStorage: 100,
    InstanceCreateTime: new Date('2024-05-01T10:00:00Z'),
    BackupRetentionPeriod: backupDays,
    MultiAZ: true,
    PubliclyAccessible: false,
    StorageEncrypted: encrypted,
    ...(encrypted ? { KmsKeyId: `arn:aws:kms:${region}:${accountId}:alias/aws/rds` } : {}),
    DeletionProtection: true,
    DbiResourceId: `db-${hex(`${accountId}/${id}`, 26).toUpperCase()}`,
    AvailabilityZone: `${region}a`,
  };
}

export function multiRegionTrail(accountId: string, homeRegion: string, name: string, kmsKeyArn?: string): TrailModel {
  const logGroup = `aws-cloudtrail-logs-${accountId}`;
  return {
    trail: {
      Name: name,
      S3BucketName: `cloudtrail-${accountId}`,
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: true,
      HomeRegion: homeRegion,
      TrailARN: `arn:aws:cloudtrail:${homeRegion}:${accountId}:trail/${name}`,
      LogFileValidationEnabled: true,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${homeRegion}:${accountId}:log-group:${logGroup}:*`,
      CloudWatchLogsRoleArn: `arn:aws:iam::${accountId}:role/CloudTrailToCloudWatch`,
      ...(kmsKeyArn ? { KmsKeyId: kmsKeyArn } : {}),
      HasCustomEventSelectors: false,
      HasInsightSelectors: false,
      IsOrganizationTrail: false,
    },
    status: {
      IsLogging: true,
      LatestDeliveryTime: new Date(Date.now() - 5 * 60_000),
      StartLoggingTime: new Date('2024-01-01T00:00:00Z'),
      LatestCloudWatchLogsDeliveryTime: new Date(Date.now() - 5 * 60_000),
      LatestDigestDeliveryTime: new Date(Date.now() - 60 * 60_000),
    },
    eventSelectors: [
      { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
    ],
  };
}

/** An ECR repository as DescribeRepositories answers it. */
export function ecrRepository(accountId: string, region: string, name: string): Repository {
  return {
    repositoryArn: `arn:aws:ecr:${region}:${accountId}:repository/${name}`,
    registryId: accountId,
    repositoryName: name,
    repositoryUri: `${accountId}.dkr.ecr.${region}.amazonaws.com/${name}`,
    createdAt: new Date('2024-05-01T09:00:00Z'),
    imageTagMutability: 'IMMUTABLE',
    imageScanningConfiguration: { scanOnPush: false },
    encryptionConfiguration: { encryptionType: 'AES256' },
  };
}

/** A Lambda function's $LATEST as ListFunctions answers it. */
export function lambdaFunction(accountId: string, region: string, name: string): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${name}`,
    Runtime: 'nodejs22.x',
    Role: `arn:aws:iam::${accountId}:role/service-role/${name}-role`,
    Handler: 'index.handler',
    CodeSize: 2048,
    Description: '',
    Timeout: 30,
    MemorySize: 256,
    LastModified: '2025-03-01T10:00:00.000+0000',
    CodeSha256: hex(`${accountId}/${region}/${name}`, 43),
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: uuid(`${accountId}/${region}/${name}/rev`),
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
  };
}

export interface SizedAccountSpec {
  accountId: string;
  regions: number;
  buckets: number;
  securityGroups: number;
  vpcs: number;
  kmsKeys: number;
}

/** The benchmark's account: resources spread evenly over the first `regions` default regions. */
export function sizedAccount(spec: SizedAccountSpec): AccountResources {
  const regions = DEFAULT_REGIONS.slice(0, spec.regions);
  const contents: Record<string, Omit<RegionResources, 'optStatus'>> = {};
  const at = (i: number) => regions[i % regions.length]!;
  for (const r of regions)
    contents[r] = {
      ec2: { ebsEncryptionByDefault: true, vpcs: [], securityGroups: [], flowLogs: [] },
      kms: { keys: [], aliases: [] },
    };
  for (let i = 0; i < spec.vpcs; i++) {
    const r = at(i);
    const v = vpc(spec.accountId, r, `vpc-${i}`, `10.${i % 250}.0.0/16`);
    contents[r]!.ec2!.vpcs!.push(v);
    if (i % 10 !== 0) contents[r]!.ec2!.flowLogs!.push(flowLog(spec.accountId, r, v.VpcId!));
  }
  for (let i = 0; i < spec.securityGroups; i++) {
    const r = at(i);
    const vpcs = contents[r]!.ec2!.vpcs!;
    const vpcId = vpcs[i % Math.max(vpcs.length, 1)]?.VpcId ?? 'vpc-00000000000000000';
    contents[r]!.ec2!.securityGroups!.push(
      securityGroup(spec.accountId, r, vpcId, `sg-${i}`, i % 97 === 0 ? [{ port: 22, cidr: '0.0.0.0/0' }] : []),
    );
  }
  for (let i = 0; i < spec.kmsKeys; i++) {
    const r = at(i);
    contents[r]!.kms!.keys.push(kmsKey(spec.accountId, r, `key-${i}`, { rotates: i % 5 !== 0 }));
  }
  const buckets: BucketModel[] = [];
  for (let i = 0; i < spec.buckets; i++) {
    const name = `bench-${spec.accountId}-${String(i).padStart(4, '0')}`;
    buckets.push(
      bucket(name, at(i), i % 3 === 0 ? 'aws:kms' : 'AES256', {
        ...(i % 4 === 0 ? { policy: tlsOnlyPolicy(name) } : {}),
        publicAccessBlock: allBlocked,
      }),
    );
  }
  return {
    regions: regionsWith({}, contents),
    s3: { buckets, accountPublicAccessBlock: allBlocked },
  };
}
