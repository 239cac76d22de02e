import type { AccountResources, ScenarioResources } from '../resources';
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
 * The sample company's resources beyond IAM, for the sample scenario's `resources` field: a
 * production account used in us-east-1, us-west-2 and eu-west-1 and a staging account in
 * us-east-1. Most checks pass in production with a few findings worth showing (a bucket
 * without TLS-only policy, an SSH port open to the world in us-west-2, a key that does not
 * rotate, GuardDuty off in eu-west-1); staging is smaller, with Inspector never enabled (though
 * a Lambda function runs there) and no flow log. Times are relative to `now`.
 */
export interface SampleAccounts {
  production: string;
  staging: string;
}

const ROOT_FILTER =
  '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }';
const optIn = { 'ap-east-1': 'DISABLED', 'me-south-1': 'DISABLED' } as const;
const enabled = { status: 'ENABLED' as const, errorCode: 'ALREADY_ENABLED' as const, errorMessage: '' };

function guardDuty(accountId: string, id: string) {
  return {
    id,
    detector: {
      CreatedAt: '2025-01-05T10:00:00.000Z',
      ServiceRole: `arn:aws:iam::${accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
      Status: 'ENABLED' as const,
      Features: (['CLOUD_TRAIL', 'DNS_LOGS', 'FLOW_LOGS', 'S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION'] as const).map(
        (Name) => ({ Name, Status: 'ENABLED' as const }),
      ),
    },
  };
}

function recorder(accountId: string, region: string) {
  return {
    recorders: [
      {
        name: 'default',
        roleARN: `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === 'us-east-1', resourceTypes: [] },
      },
    ],
    statuses: [
      {
        name: 'default',
        recording: true,
        lastStatus: 'Success' as const,
        lastStartTime: new Date('2025-01-05T10:00:00Z'),
      },
    ],
  };
}

function production(a: string, now: Date): AccountResources {
  const east = vpc(a, 'us-east-1', 'main', '10.0.0.0/16');
  const west = vpc(a, 'us-west-2', 'workers', '10.1.0.0/16');
  const eu = vpc(a, 'eu-west-1', 'eu-customers', '10.2.0.0/16');
  const trailKey = kmsKey(a, 'us-east-1', 'audit-logs', { rotates: true });
  const appKey = kmsKey(a, 'us-east-1', 'app-secrets', { rotates: false });
  const db = dbInstance(a, 'us-east-1', 'app-db', true, 14);
  const planId = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE22222';
  return {
    trails: [multiRegionTrail(a, 'us-east-1', 'company-trail', trailKey.metadata.Arn)],
    s3: {
      accountPublicAccessBlock: allBlocked,
      buckets: [
        bucket(`example-app-uploads-${a}`, 'us-east-1', 'aws:kms', {
          kmsKeyArn: appKey.metadata.Arn,
          policy: tlsOnlyPolicy(`example-app-uploads-${a}`),
          publicAccessBlock: allBlocked,
        }),
        bucket(`example-artifacts-${a}`, 'us-west-2', 'AES256', { publicAccessBlock: allBlocked }),
        bucket(`example-eu-exports-${a}`, 'eu-west-1', 'aws:kms', {
          kmsKeyArn: appKey.metadata.Arn,
          policy: tlsOnlyPolicy(`example-eu-exports-${a}`),
          publicAccessBlock: allBlocked,
        }),
      ],
    },
    regions: regionsWith(optIn, {
      'us-east-1': {
        ec2: {
          ebsEncryptionByDefault: true,
          vpcs: [east],
          securityGroups: [
            securityGroup(a, 'us-east-1', east.VpcId!, 'web'),
            securityGroup(a, 'us-east-1', east.VpcId!, 'db'),
          ],
          flowLogs: [flowLog(a, 'us-east-1', east.VpcId!)],
        },
        logs: {
          metricFilters: [
            {
              filterName: 'root-sign-in',
              filterPattern: ROOT_FILTER,
              logGroupName: `aws-cloudtrail-logs-${a}`,
              creationTime: Date.parse('2025-01-05T10:00:00Z'),
              metricTransformations: [{ metricName: 'RootSignIn', metricNamespace: 'Security', metricValue: '1' }],
            },
          ],
        },
        cloudwatch: {
          metricAlarms: [
            {
              AlarmName: 'root-sign-in',
              AlarmArn: `arn:aws:cloudwatch:us-east-1:${a}:alarm:root-sign-in`,
              ActionsEnabled: true,
              AlarmActions: [`arn:aws:sns:us-east-1:${a}:security`],
              MetricName: 'RootSignIn',
              Namespace: 'Security',
              Statistic: 'Sum',
              Period: 300,
              EvaluationPeriods: 1,
              Threshold: 1,
              ComparisonOperator: 'GreaterThanOrEqualToThreshold',
              StateValue: 'OK',
            },
          ],
        },
        kms: {
          keys: [trailKey, appKey],
          aliases: [
            {
              AliasName: 'alias/audit-logs',
              AliasArn: `arn:aws:kms:us-east-1:${a}:alias/audit-logs`,
              TargetKeyId: trailKey.metadata.KeyId,
            },
            {
              AliasName: 'alias/app-secrets',
              AliasArn: `arn:aws:kms:us-east-1:${a}:alias/app-secrets`,
              TargetKeyId: appKey.metadata.KeyId,
            },
          ],
        },
        config: recorder(a, 'us-east-1'),
        guardduty: { detectors: [guardDuty(a, '1a2b3c4d5e6f7a8b9c0d1e2f3aexample')] },
        inspector2: {
          state: enabled,
          resourceState: { ec2: enabled, ecr: enabled, lambda: enabled, lambdaCode: enabled },
        },
        ecr: { repositories: [ecrRepository(a, 'us-east-1', 'example/api')] },
        lambda: { functions: [lambdaFunction(a, 'us-east-1', 'example-webhooks')] },
        rds: { instances: [db], clusters: [] },
        backup: {
          protectedResources: [
            {
              ResourceArn: db.DBInstanceArn!,
              ResourceType: 'RDS',
              ResourceName: 'app-db',
              LastBackupTime: new Date(now.getTime() - 6 * 3600_000),
            },
          ],
          plans: [
            {
              plan: {
                BackupPlanId: planId,
                BackupPlanArn: `arn:aws:backup:us-east-1:${a}:backup-plan:${planId}`,
                VersionId: 'MzI1ZTFlNGQtYjUwZi00EXAMPLE',
                CreationDate: new Date('2025-01-10T00:00:00Z'),
                LastExecutionDate: new Date(now.getTime() - 6 * 3600_000),
                BackupPlan: {
                  BackupPlanName: 'nightly',
                  Rules: [
                    {
                      RuleName: 'nightly-30-days',
                      TargetBackupVaultName: 'Default',
                      ScheduleExpression: 'cron(0 3 ? * * *)',
                      Lifecycle: { DeleteAfterDays: 30 },
                    },
                  ],
                },
              },
              selections: [
                {
                  SelectionId: 'sel-EXAMPLE-app-db',
                  BackupPlanId: planId,
                  BackupSelection: {
                    SelectionName: 'app-db',
                    IamRoleArn: `arn:aws:iam::${a}:role/service-role/AWSBackupDefaultServiceRole`,
                    Resources: [db.DBInstanceArn!],
                  },
                },
              ],
            },
          ],
        },
      },
      'us-west-2': {
        ec2: {
          ebsEncryptionByDefault: true,
          vpcs: [west],
          securityGroups: [
            securityGroup(a, 'us-west-2', west.VpcId!, 'workers-debug', [{ port: 22, cidr: '0.0.0.0/0' }]),
          ],
          flowLogs: [flowLog(a, 'us-west-2', west.VpcId!)],
        },
        config: recorder(a, 'us-west-2'),
        guardduty: { detectors: [guardDuty(a, '2b3c4d5e6f7a8b9c0d1e2f3a4bexample')] },
        inspector2: {
          state: enabled,
          resourceState: { ec2: enabled, ecr: enabled, lambda: enabled, lambdaCode: enabled },
        },
      },
      'eu-west-1': {
        ec2: {
          ebsEncryptionByDefault: false,
          vpcs: [eu],
          securityGroups: [securityGroup(a, 'eu-west-1', eu.VpcId!, 'api')],
          flowLogs: [flowLog(a, 'eu-west-1', eu.VpcId!)],
        },
        config: recorder(a, 'eu-west-1'),
        inspector2: {
          state: enabled,
          resourceState: { ec2: enabled, ecr: enabled, lambda: enabled, lambdaCode: enabled },
        },
      },
    }),
  };
}

function staging(a: string): AccountResources {
  const v = vpc(a, 'us-east-1', 'staging', '10.50.0.0/16');
  return {
    trails: [multiRegionTrail(a, 'us-east-1', 'staging-trail')],
    s3: {
      accountPublicAccessBlock: allBlocked,
      buckets: [bucket(`example-staging-data-${a}`, 'us-east-1', 'AES256', { publicAccessBlock: allBlocked })],
    },
    regions: regionsWith(optIn, {
      'us-east-1': {
        ec2: {
          ebsEncryptionByDefault: true,
          vpcs: [v],
          securityGroups: [securityGroup(a, 'us-east-1', v.VpcId!, 'default')],
          flowLogs: [],
        },
        // The trail delivers to its log group, which has no metric filter for root sign-ins: a finding, not an error.
        logs: { logGroups: [`aws-cloudtrail-logs-${a}`], metricFilters: [] },
        config: recorder(a, 'us-east-1'),
        guardduty: { detectors: [guardDuty(a, '3c4d5e6f7a8b9c0d1e2f3a4b5cexample')] },
        rds: { instances: [dbInstance(a, 'us-east-1', 'staging-db', true, 1)], clusters: [] },
        lambda: { functions: [lambdaFunction(a, 'us-east-1', 'staging-webhooks')] },
      },
    }),
  };
}

export function sampleCompanyResources(accounts: SampleAccounts, now: Date): ScenarioResources {
  return {
    accounts: {
      [accounts.production]: production(accounts.production, now),
      [accounts.staging]: staging(accounts.staging),
    },
  };
}
