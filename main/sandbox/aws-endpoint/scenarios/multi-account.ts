import type { AccountResources, BucketPolicy } from '../resources';
import type { Scenario } from '../scenario';
import { basicScenario } from './basic';
import { healthyIamAccount, troubledIamAccount } from './iam-builder';
import {
  allBlocked,
  bucket,
  dbInstance,
  ecrRepository,
  flowLog,
  kmsKey,
  lambdaFunction,
  multiRegionTrail,
  regionsWith,
  securityGroup,
  tlsOnlyPolicy,
  vpc,
} from './resources-builder';

/**
 * Three accounts in many regions, for the checks beyond IAM (see docs/architecture.md, "The
 * local AWS endpoint"):
 * - 111122223333 Production: in use in us-east-1, eu-west-1 and the opted-in eu-south-1; a
 *   pass and a fail for most checks (open SSH, a VPC without flow logs, EBS default off in
 *   eu-west-1, an unencrypted bucket and database, a key that does not rotate, GuardDuty
 *   missing in eu-south-1, Config stopped in eu-west-1), a bucket in another region than the
 *   reader's client (redirect) and one whose policy denies the reader; ECR repositories and
 *   Lambda functions in us-east-1 (six functions, so ListFunctions pages), a repository in
 *   eu-west-1, neither in eu-south-1 (where Inspector need scan nothing).
 * - 123456789012 Staging: us-east-1 only, mostly healthy; nothing to check for S3, RDS, KMS and
 *   Backup (not applicable); Inspector never enabled, with a Lambda function it should scan; the
 *   role lacks `backup:ListBackupPlans`.
 * - 444455556666 Sandbox: the user has no `AuditRole` there (GetRoleCredentials is refused).
 * Every account has the 17 default regions, `ap-east-1` not opted in, `me-south-1` disabled
 * (opted out again) and `eu-south-1` opted in. Pages are at most 5 items.
 */
export const PRODUCTION = '111122223333';
export const STAGING = '123456789012';
export const SANDBOX = '444455556666';
export const AUDIT_ROLE = 'AuditRole';

const optIn = { 'eu-south-1': 'ENABLED', 'ap-east-1': 'DISABLED', 'me-south-1': 'DISABLED' } as const;

/** Denies everyone but the data team's role: the audit role cannot read this bucket's settings. */
const dataTeamOnly = (name: string): BucketPolicy => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OnlyDataTeam',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
      Condition: { StringNotLike: { 'aws:PrincipalArn': [`arn:aws:iam::${PRODUCTION}:role/DataTeam`] } },
    },
  ],
});

const publicRead = (name: string): BucketPolicy => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` },
  ],
});

const ROOT_FILTER =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';

function production(): AccountResources {
  const a = PRODUCTION;
  const useVpc = vpc(a, 'us-east-1', 'prod-use1', '10.10.0.0/16');
  const euwVpc = vpc(a, 'eu-west-1', 'prod-euw1', '10.20.0.0/16');
  const eusVpc = vpc(a, 'eu-south-1', 'prod-eus1', '10.30.0.0/16');
  const trailKey = kmsKey(a, 'us-east-1', 'cloudtrail-logs', { rotates: true });
  const dataKey = kmsKey(a, 'eu-west-1', 'app-data', { rotates: false });
  const trail = multiRegionTrail(a, 'us-east-1', 'management-events', trailKey.metadata.Arn);
  const logGroup = `aws-cloudtrail-logs-${a}`;
  const detector = (id: string, features: 'all' | 'some') => ({
    id,
    detector: {
      CreatedAt: '2024-02-01T10:00:00.000Z',
      UpdatedAt: '2025-02-01T10:00:00.000Z',
      FindingPublishingFrequency: 'SIX_HOURS' as const,
      ServiceRole: `arn:aws:iam::${a}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      Status: 'ENABLED' as const,
      Tags: {},
      Features: (
        [
          'CLOUD_TRAIL',
          'DNS_LOGS',
          'FLOW_LOGS',
          'S3_DATA_EVENTS',
          'EBS_MALWARE_PROTECTION',
          'RDS_LOGIN_EVENTS',
        ] as const
      ).map((Name, i) => ({
        Name,
        Status: features === 'all' || i < 3 ? ('ENABLED' as const) : ('DISABLED' as const),
      })),
    },
  });
  const recorder = (region: string) => ({
    arn: `arn:aws:config:${region}:${a}:configuration-recorder/default/${region}`,
    name: 'default',
    roleARN: `arn:aws:iam::${a}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === 'us-east-1', resourceTypes: [] },
    recordingMode: { recordingFrequency: 'CONTINUOUS' as const },
  });
  const recorderStatus = (region: string, recording: boolean) => ({
    arn: `arn:aws:config:${region}:${a}:configuration-recorder/default/${region}`,
    name: 'default',
    recording,
    lastStatus: recording ? ('Success' as const) : ('Failure' as const),
    lastStartTime: new Date('2024-02-01T10:00:00Z'),
    ...(recording ? {} : { lastStopTime: new Date('2025-09-01T10:00:00Z'), lastErrorCode: 'AccessDenied' }),
    lastStatusChangeTime: new Date('2025-09-01T10:00:00Z'),
  });
  const prodDb = dbInstance(a, 'us-east-1', 'prod-postgres', true, 14);
  const planId = 'b1a2c3d4-5678-90ab-cdef-EXAMPLE11111';
  return {
    trails: [trail],
    s3: {
      accountPublicAccessBlock: allBlocked,
      buckets: [
        bucket(`prod-app-data-${a}`, 'eu-west-1', 'aws:kms', {
          kmsKeyArn: dataKey.metadata.Arn,
          policy: tlsOnlyPolicy(`prod-app-data-${a}`),
          publicAccessBlock: allBlocked,
        }),
        bucket(`prod-logs-${a}`, 'us-east-1', 'AES256', { publicAccessBlock: allBlocked }),
        bucket(`legacy-exports-${a}`, 'us-east-1', 'none'),
        bucket(`prod-public-site-${a}`, 'us-east-1', 'AES256', {
          policy: publicRead(`prod-public-site-${a}`),
          publicAccessBlock: { ...allBlocked, BlockPublicPolicy: false, RestrictPublicBuckets: false },
        }),
        bucket(`prod-restricted-${a}`, 'eu-west-1', 'aws:kms:dsse', {
          kmsKeyArn: dataKey.metadata.Arn,
          policy: dataTeamOnly(`prod-restricted-${a}`),
          publicAccessBlock: allBlocked,
        }),
      ],
    },
    regions: regionsWith(optIn, {
      'us-east-1': {
        ec2: {
          ebsEncryptionByDefault: true,
          vpcs: [useVpc],
          securityGroups: [
            securityGroup(a, 'us-east-1', useVpc.VpcId!, 'web'),
            securityGroup(a, 'us-east-1', useVpc.VpcId!, 'bastion', [{ port: 22, cidr: '203.0.113.0/24' }]),
          ],
          flowLogs: [flowLog(a, 'us-east-1', useVpc.VpcId!)],
          reservations: [
            {
              ReservationId: 'r-0123456789abcdef0',
              OwnerId: a,
              Instances: [
                {
                  InstanceId: 'i-0123456789abcdef0',
                  InstanceType: 't3.medium',
                  ImageId: 'ami-0abcdef1234567890',
                  State: { Code: 16, Name: 'running' },
                  LaunchTime: new Date('2025-01-10T09:00:00Z'),
                  VpcId: useVpc.VpcId!,
                  SubnetId: 'subnet-0123456789abcdef0',
                  PrivateIpAddress: '10.10.1.10',
                  Placement: { AvailabilityZone: 'us-east-1a', Tenancy: 'default' },
                  SecurityGroups: [
                    { GroupName: 'web', GroupId: securityGroup(a, 'us-east-1', useVpc.VpcId!, 'web').GroupId! },
                  ],
                  Tags: [{ Key: 'Name', Value: 'app-1' }],
                },
              ],
            },
          ],
        },
        logs: {
          metricFilters: [
            {
              filterName: 'root-account-usage',
              filterPattern: ROOT_FILTER,
              logGroupName: logGroup,
              creationTime: Date.parse('2024-02-01T10:00:00Z'),
              metricTransformations: [
                { metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark', metricValue: '1' },
              ],
            },
          ],
        },
        cloudwatch: {
          metricAlarms: [
            {
              AlarmName: 'root-account-usage',
              AlarmArn: `arn:aws:cloudwatch:us-east-1:${a}:alarm:root-account-usage`,
              ActionsEnabled: true,
              AlarmActions: [`arn:aws:sns:us-east-1:${a}:security-alerts`],
              OKActions: [],
              InsufficientDataActions: [],
              MetricName: 'RootAccountUsage',
              Namespace: 'CISBenchmark',
              Statistic: 'Sum',
              Period: 300,
              EvaluationPeriods: 1,
              Threshold: 1,
              ComparisonOperator: 'GreaterThanOrEqualToThreshold',
              StateValue: 'OK',
              StateUpdatedTimestamp: new Date('2025-06-01T00:00:00Z'),
              Dimensions: [],
            },
          ],
        },
        kms: {
          keys: [
            trailKey,
            kmsKey(a, 'us-east-1', 'aws/s3', { manager: 'AWS' }),
            kmsKey(a, 'us-east-1', 'signing', { spec: 'RSA_2048' }),
          ],
          aliases: [
            {
              AliasName: 'alias/cloudtrail',
              AliasArn: `arn:aws:kms:us-east-1:${a}:alias/cloudtrail`,
              TargetKeyId: trailKey.metadata.KeyId,
            },
          ],
        },
        config: { recorders: [recorder('us-east-1')], statuses: [recorderStatus('us-east-1', true)] },
        guardduty: { detectors: [detector('12abc34d567e8fa901bc2d34eexample', 'all')] },
        inspector2: {
          state: { status: 'ENABLED', errorCode: 'ALREADY_ENABLED', errorMessage: '' },
          resourceState: {
            ec2: { status: 'ENABLED', errorCode: 'ALREADY_ENABLED', errorMessage: '' },
            ecr: { status: 'ENABLED', errorCode: 'ALREADY_ENABLED', errorMessage: '' },
            lambda: { status: 'DISABLED', errorCode: 'RESOURCE_NOT_FOUND', errorMessage: '' },
            lambdaCode: { status: 'DISABLED', errorCode: 'RESOURCE_NOT_FOUND', errorMessage: '' },
          },
        },
        ecr: { repositories: [ecrRepository(a, 'us-east-1', 'web/app'), ecrRepository(a, 'us-east-1', 'web/worker')] },
        lambda: {
          functions: ['thumbnailer', 'invoice-mailer', 'audit-export', 'webhook-in', 'nightly-report', 'cleanup'].map(
            (name) => lambdaFunction(a, 'us-east-1', name),
          ),
        },
        backup: {
          protectedResources: [
            {
              ResourceArn: prodDb.DBInstanceArn!,
              ResourceType: 'RDS',
              ResourceName: prodDb.DBInstanceIdentifier!,
              LastBackupTime: new Date(Date.now() - 19 * 3600_000),
              LastBackupVaultArn: `arn:aws:backup:us-east-1:${a}:backup-vault:Default`,
            },
          ],
          plans: [
            {
              plan: {
                BackupPlanId: planId,
                BackupPlanArn: `arn:aws:backup:us-east-1:${a}:backup-plan:${planId}`,
                VersionId: 'ZjE4YTEzMjktOGQ1Ny00ZTgwLWEXAMPLE',
                CreationDate: new Date('2024-03-01T00:00:00Z'),
                LastExecutionDate: new Date(Date.now() - 20 * 3600_000),
                BackupPlan: {
                  BackupPlanName: 'daily-35-days',
                  Rules: [
                    {
                      RuleName: 'daily',
                      RuleId: 'rule-EXAMPLE-daily',
                      TargetBackupVaultName: 'Default',
                      ScheduleExpression: 'cron(0 5 ? * * *)',
                      StartWindowMinutes: 60,
                      CompletionWindowMinutes: 180,
                      Lifecycle: { DeleteAfterDays: 35 },
                    },
                  ],
                },
              },
              selections: [
                {
                  SelectionId: 'sel-EXAMPLE-databases',
                  BackupPlanId: planId,
                  CreationDate: new Date('2024-03-01T00:00:00Z'),
                  BackupSelection: {
                    SelectionName: 'databases',
                    IamRoleArn: `arn:aws:iam::${a}:role/service-role/AWSBackupDefaultServiceRole`,
                    Resources: [prodDb.DBInstanceArn!],
                  },
                },
              ],
            },
          ],
        },
        rds: {
          instances: [prodDb],
          clusters: [
            {
              DBClusterIdentifier: 'prod-aurora',
              DBClusterArn: `arn:aws:rds:us-east-1:${a}:cluster:prod-aurora`,
              Engine: 'aurora-postgresql',
              EngineVersion: '16.4',
              Status: 'available',
              StorageEncrypted: true,
              KmsKeyId: `arn:aws:kms:us-east-1:${a}:alias/aws/rds`,
              BackupRetentionPeriod: 7,
              MultiAZ: true,
              DeletionProtection: true,
              AvailabilityZones: ['us-east-1a', 'us-east-1b'],
              DBClusterMembers: [{ DBInstanceIdentifier: 'prod-aurora-1', IsClusterWriter: true, PromotionTier: 1 }],
            },
          ],
        },
      },
      'eu-west-1': {
        ec2: {
          ebsEncryptionByDefault: false,
          vpcs: [euwVpc],
          securityGroups: [
            securityGroup(a, 'eu-west-1', euwVpc.VpcId!, 'legacy-admin', [
              { port: 22, cidr: '0.0.0.0/0' },
              { port: 3389, cidr: '::/0' },
            ]),
            securityGroup(a, 'eu-west-1', euwVpc.VpcId!, 'app'),
          ],
          flowLogs: [],
        },
        kms: { keys: [dataKey], aliases: [] },
        config: { recorders: [recorder('eu-west-1')], statuses: [recorderStatus('eu-west-1', false)] },
        guardduty: { detectors: [detector('34cde56f789a0bc123de4f56eexample', 'some')] },
        rds: { instances: [dbInstance(a, 'eu-west-1', 'reporting-mysql', false, 0)], clusters: [] },
        ecr: { repositories: [ecrRepository(a, 'eu-west-1', 'reporting/etl')] },
      },
      'eu-south-1': {
        ec2: {
          ebsEncryptionByDefault: true,
          vpcs: [eusVpc],
          securityGroups: [securityGroup(a, 'eu-south-1', eusVpc.VpcId!, 'batch')],
          flowLogs: [flowLog(a, 'eu-south-1', eusVpc.VpcId!, false)],
        },
      },
    }),
  };
}

function staging(): AccountResources {
  const a = STAGING;
  const v = vpc(a, 'us-east-1', 'staging', '10.40.0.0/16');
  return {
    trails: [multiRegionTrail(a, 'us-east-1', 'staging-trail')],
    s3: { buckets: [] },
    deniedActions: ['backup:ListBackupPlans'],
    regions: regionsWith(optIn, {
      'us-east-1': {
        ec2: {
          ebsEncryptionByDefault: true,
          vpcs: [v],
          securityGroups: [securityGroup(a, 'us-east-1', v.VpcId!, 'default')],
          flowLogs: [flowLog(a, 'us-east-1', v.VpcId!)],
        },
        lambda: { functions: [lambdaFunction(a, 'us-east-1', 'staging-api')] },
        guardduty: {
          detectors: [
            {
              id: '56ef78a9b0c1d2e3f4a5b6c7dexample',
              detector: {
                CreatedAt: '2024-04-01T10:00:00.000Z',
                ServiceRole: `arn:aws:iam::${a}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
                Status: 'ENABLED',
                Features: [
                  { Name: 'CLOUD_TRAIL', Status: 'ENABLED' },
                  { Name: 'DNS_LOGS', Status: 'ENABLED' },
                  { Name: 'FLOW_LOGS', Status: 'ENABLED' },
                ],
              },
            },
          ],
        },
        config: {
          recorders: [
            {
              name: 'default',
              roleARN: `arn:aws:iam::${a}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
              recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] },
            },
          ],
          statuses: [
            {
              name: 'default',
              recording: true,
              lastStatus: 'Success',
              lastStartTime: new Date('2024-04-01T10:00:00Z'),
            },
          ],
        },
      },
    }),
  };
}

function sandbox(): AccountResources {
  return { regions: regionsWith(optIn) };
}

export function multiAccountScenario(): Scenario {
  return {
    ...basicScenario,
    name: 'multi-account',
    description:
      'Production (111122223333), Staging (123456789012) and Sandbox (444455556666, audit role denied) in 17 default regions plus opt-in regions, with passing, failing and not-applicable resources for every check',
    accounts: [
      { id: PRODUCTION, name: 'Production', email: 'aws-prod@example.com', alias: 'example-prod' },
      { id: STAGING, name: 'Staging', email: 'aws-staging@example.com' },
      { id: SANDBOX, name: 'Sandbox', email: 'aws-sandbox@example.com' },
    ],
    sso: {
      ...basicScenario.sso,
      users: [
        {
          userName: 'jane@example.com',
          assignments: [
            {
              accountId: PRODUCTION,
              roleName: AUDIT_ROLE,
              credentials: {
                accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
                secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSSOEXAMPLEKEY',
                sessionToken: 'FwoGZXIvYXdzEXAMPLESSOSESSIONTOKENproduction',
              },
            },
            {
              accountId: STAGING,
              roleName: AUDIT_ROLE,
              credentials: {
                accessKeyId: 'ASIAI44QH8DHBEXAMPLE',
                secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbSSOEXAMPLEKEY',
                sessionToken: 'FwoGZXIvYXdzEXAMPLESSOSESSIONTOKENstaging',
              },
            },
            {
              accountId: SANDBOX,
              roleName: 'ReadOnlyAccess',
              credentials: {
                accessKeyId: 'ASIAJEXAMPLEXEG2JICEA',
                secretAccessKey: '9drTJvcXLB89EXAMPLELB8923FB892xMFI',
                sessionToken: 'FwoGZXIvYXdzEXAMPLESSOSESSIONTOKENsandbox',
              },
            },
          ],
        },
      ],
    },
    iam: {
      accounts: {
        [PRODUCTION]: troubledIamAccount(PRODUCTION, new Date()),
        [STAGING]: healthyIamAccount(STAGING, new Date()),
      },
    },
    resources: {
      pageCap: 5,
      accounts: { [PRODUCTION]: production(), [STAGING]: staging(), [SANDBOX]: sandbox() },
    },
  };
}
