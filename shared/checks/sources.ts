import type { SourceKey } from './types';

/** Where a source is read: once per account (IAM, S3's bucket list) or in every region in use. */
export type SourceScope = 'account' | 'regional';

/** One API read the checks build on: the actions it calls are what the generated policy grants. */
export interface SourceDeclaration {
  /** The SDK client it uses, as IAM policies name the service (`iam`, `ec2`, `s3`). */
  service: string;
  scope: SourceScope;
  /** Every action the source calls, in policy spelling (`iam:GetCredentialReport`). */
  actions: readonly string[];
  /** For people: "Could not evaluate: … the credential report was not collected." */
  name: string;
  /** An action called only in some cases, with that case in words (added to its reason on the Permissions screen). */
  onlyWhen?: Readonly<Record<string, string>>;
  /** Sources this one reads first (a bucket's policy needs the bucket list), in the same account. */
  dependsOn?: readonly SourceKey[];
}

export const SOURCES = {
  accountSummary: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetAccountSummary'],
    name: 'the account summary',
  },
  passwordPolicy: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetAccountPasswordPolicy'],
    name: 'the password policy',
  },
  credentialReport: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    name: 'the credential report',
  },
  virtualMfaDevices: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:ListVirtualMFADevices'],
    name: 'the virtual MFA device list',
  },
  authorizationDetails: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetAccountAuthorizationDetails'],
    name: 'the account authorization details',
  },
  awsManagedPolicyDocuments: {
    service: 'iam',
    scope: 'account',
    actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
    name: 'the AWS-managed policy documents',
    dependsOn: ['authorizationDetails'],
  },
  regions: {
    service: 'account',
    scope: 'account',
    actions: ['account:ListRegions'],
    name: 'the regions enabled for the account',
  },
  trails: {
    service: 'cloudtrail',
    scope: 'account',
    actions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
    name: 'the CloudTrail trails',
  },
  rootLoginMonitoring: {
    service: 'logs',
    scope: 'account',
    actions: ['logs:DescribeMetricFilters', 'cloudwatch:DescribeAlarmsForMetric'],
    name: "the metric filters and alarms on the trails' log groups",
    dependsOn: ['trails'],
  },
  guardDutyDetectors: {
    service: 'guardduty',
    scope: 'regional',
    actions: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
    name: 'the GuardDuty detectors',
  },
  configRecorders: {
    service: 'config',
    scope: 'regional',
    actions: ['config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus'],
    name: 'the AWS Config recorders',
  },
  inspectorStatus: {
    service: 'inspector2',
    scope: 'regional',
    actions: ['inspector2:BatchGetAccountStatus'],
    name: 'the Amazon Inspector status',
  },
  ecrRepositories: {
    service: 'ecr',
    scope: 'regional',
    actions: ['ecr:DescribeRepositories'],
    name: 'the ECR repositories',
  },
  lambdaFunctions: {
    service: 'lambda',
    scope: 'regional',
    actions: ['lambda:ListFunctions'],
    name: 'the Lambda functions',
  },
  buckets: {
    service: 's3',
    scope: 'account',
    actions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation'],
    name: 'the S3 bucket list',
    onlyWhen: {
      's3:GetBucketLocation': 'for a bucket ListBuckets gives no BucketRegion for, to read it in its own region',
    },
  },
  bucketEncryption: {
    service: 's3',
    scope: 'account',
    actions: ['s3:GetEncryptionConfiguration'],
    name: "the buckets' default encryption",
    dependsOn: ['buckets'],
  },
  bucketPolicies: {
    service: 's3',
    scope: 'account',
    actions: ['s3:GetBucketPolicy'],
    name: "the buckets' policies",
    dependsOn: ['buckets'],
  },
  bucketPolicyStatus: {
    service: 's3',
    scope: 'account',
    actions: ['s3:GetBucketPolicyStatus'],
    name: "the buckets' policy status",
    dependsOn: ['buckets'],
  },
  bucketPublicAccessBlocks: {
    service: 's3',
    scope: 'account',
    actions: ['s3:GetBucketPublicAccessBlock'],
    name: "the buckets' public access blocks",
    dependsOn: ['buckets'],
  },
  accountPublicAccessBlock: {
    service: 's3',
    scope: 'account',
    actions: ['s3:GetAccountPublicAccessBlock'],
    name: 'the account-level S3 public access block',
  },
  ebsEncryptionByDefault: {
    service: 'ec2',
    scope: 'regional',
    actions: ['ec2:GetEbsEncryptionByDefault'],
    name: 'EBS encryption by default',
  },
  securityGroups: {
    service: 'ec2',
    scope: 'regional',
    actions: ['ec2:DescribeSecurityGroups'],
    name: 'the security groups',
  },
  ec2Instances: {
    service: 'ec2',
    scope: 'regional',
    actions: ['ec2:DescribeInstances'],
    name: 'the EC2 instances',
  },
  vpcs: {
    service: 'ec2',
    scope: 'regional',
    actions: ['ec2:DescribeVpcs'],
    name: 'the VPCs',
  },
  flowLogs: {
    service: 'ec2',
    scope: 'regional',
    actions: ['ec2:DescribeFlowLogs'],
    name: 'the VPC flow logs',
  },
  rdsDatabases: {
    service: 'rds',
    scope: 'regional',
    actions: ['rds:DescribeDBInstances', 'rds:DescribeDBClusters'],
    name: 'the RDS instances and clusters',
  },
  kmsKeys: {
    service: 'kms',
    scope: 'regional',
    actions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyRotationStatus'],
    name: 'the KMS keys',
  },
  backupPlans: {
    service: 'backup',
    scope: 'regional',
    actions: [
      'backup:ListBackupPlans',
      'backup:GetBackupPlan',
      'backup:ListBackupSelections',
      'backup:GetBackupSelection',
    ],
    name: 'the AWS Backup plans',
  },
  protectedResources: {
    service: 'backup',
    scope: 'regional',
    actions: ['backup:ListProtectedResources'],
    name: 'the resources AWS Backup protects',
  },
} as const satisfies { readonly [K in SourceKey]: SourceDeclaration };

/** Sources read in every region in use; their value is one entry per region. */
export type RegionalKey = { [K in SourceKey]: (typeof SOURCES)[K]['scope'] extends 'regional' ? K : never }[SourceKey];
export type AccountKey = Exclude<SourceKey, RegionalKey>;

export const isRegional = (key: SourceKey): key is RegionalKey => SOURCES[key].scope === 'regional';

export const SOURCE_KEYS = Object.keys(SOURCES) as SourceKey[];
