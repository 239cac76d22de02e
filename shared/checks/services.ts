import { backupPlans } from '../rules/backup';
import { cloudTrailEncrypted, cloudTrailMultiRegion, rootLoginAlarm } from '../rules/cloudtrail';
import { configRecorder } from '../rules/config';
import { ebsDefault, openAdminPorts, vpcFlowLogs } from '../rules/ec2';
import { guardDutyEnabled } from '../rules/guardduty';
import { inspectorEnabled } from '../rules/inspector';
import { kmsRotation } from '../rules/kms';
import { rdsEncrypted } from '../rules/rds';
import { s3DefaultEncryption, s3PublicAccess, s3TlsOnly } from '../rules/s3';
import type { CheckDefinition } from './types';
import { USAGE_SOURCES } from '../rules/account/region-usage';

const none = () => ({});

/** The checks beyond IAM: logging, detection, encryption, network and backups, in every region in use. */
export const SERVICE_CHECKS = [
  {
    id: 'logging.cloudtrail-multi-region',
    title: 'CloudTrail logs every region',
    description:
      'A multi-region trail (or an organization trail) is logging read and write management events, with log file validation on, and its last delivery did not fail.',
    controls: ['logging-monitoring'],
    requires: ['trails'],
    uses: [],
    rule: () =>
      'Pass when a trail from DescribeTrails (shadow trails included) has IsMultiRegionTrail, GetTrailStatus IsLogging with no LatestDeliveryError, event selectors with ReadWriteType All and management events (or an advanced selector on eventCategory Management without readOnly), and LogFileValidationEnabled.',
    limits: none,
    evaluate: cloudTrailMultiRegion,
  },
  {
    id: 'logging.cloudtrail-encrypted',
    title: 'CloudTrail logs are encrypted with KMS',
    description: "Every trail's log files are encrypted with a KMS key, not only with S3-managed keys.",
    controls: ['logging-monitoring', 'encryption-at-rest'],
    requires: ['trails'],
    uses: [],
    rule: () => 'Fail for every trail without a KmsKeyId in DescribeTrails.',
    limits: none,
    evaluate: cloudTrailEncrypted,
  },
  {
    id: 'logging.root-login-alarm',
    title: 'An alarm fires on root sign-in',
    description:
      "A metric filter for root use on the trail's CloudWatch Logs log group, and an alarm with an action on its metric.",
    controls: ['logging-monitoring'],
    requires: ['trails', 'rootLoginMonitoring'],
    uses: [],
    rule: () =>
      'Pass when a qualifying multi-region trail delivers to a log group with a metric filter containing $.userIdentity.type = "Root", $.userIdentity.invokedBy NOT EXISTS and $.eventType != "AwsServiceEvent", and DescribeAlarmsForMetric returns an alarm on its metric with ActionsEnabled and at least one AlarmAction.',
    limits: none,
    evaluate: rootLoginAlarm,
  },
  {
    id: 'monitoring.guardduty',
    title: 'GuardDuty is on in every region in use',
    description: 'Amazon GuardDuty has an enabled detector in every region in use; its features are listed.',
    controls: ['threat-detection'],
    requires: ['guardDutyDetectors'],
    uses: [...USAGE_SOURCES],
    rule: () => 'Per region in use: pass when ListDetectors returns a detector whose GetDetector Status is ENABLED.',
    limits: none,
    evaluate: guardDutyEnabled,
  },
  {
    id: 'monitoring.config-recorder',
    title: 'AWS Config records everything',
    description: 'AWS Config records all supported resource types and is running, in every region in use.',
    controls: ['configuration-monitoring'],
    requires: ['configRecorders'],
    uses: [...USAGE_SOURCES],
    rule: () =>
      'Per region in use: pass when a configuration recorder has recordingGroup.allSupported and its status says recording = true and lastStatus is not Failure.',
    limits: none,
    evaluate: configRecorder,
  },
  {
    id: 'vuln.inspector',
    title: 'Amazon Inspector scans EC2, ECR and Lambda',
    description:
      'Amazon Inspector is enabled for the resource types the account uses (EC2 instances, ECR repositories, Lambda functions) in every region in use.',
    controls: ['vulnerability-management'],
    requires: ['inspectorStatus', 'ec2Instances', 'ecrRepositories', 'lambdaFunctions'],
    uses: [...USAGE_SOURCES],
    rule: () =>
      'Per region in use: pass when BatchGetAccountStatus says resourceState ec2 is ENABLED where DescribeInstances lists instances, ecr where DescribeRepositories lists repositories, and lambda where ListFunctions lists functions (each required too where its listing could not be read).',
    limits: none,
    evaluate: inspectorEnabled,
  },
  {
    id: 'encryption.s3-default',
    title: 'S3 buckets have default encryption',
    description: 'Every bucket has default encryption, and the evidence says which kind (SSE-S3, SSE-KMS, DSSE-KMS).',
    controls: ['encryption-at-rest'],
    requires: ['bucketEncryption'],
    uses: [],
    rule: () =>
      "Per bucket, read in the bucket's region: pass when GetBucketEncryption returns a rule with an SSEAlgorithm (AES256 = SSE-S3, aws:kms = SSE-KMS, aws:kms:dsse = DSSE-KMS).",
    limits: none,
    evaluate: s3DefaultEncryption,
  },
  {
    id: 'encryption.s3-tls-only',
    title: 'S3 buckets refuse requests without TLS',
    description: 'Every bucket policy denies requests that do not use TLS (aws:SecureTransport false).',
    controls: ['encryption-in-transit'],
    requires: ['bucketPolicies'],
    uses: [],
    rule: () =>
      'Per bucket: pass when GetBucketPolicy returns a Deny statement for Principal * on s3:* (or *) with Condition Bool aws:SecureTransport = false.',
    limits: none,
    evaluate: s3TlsOnly,
  },
  {
    id: 'encryption.ebs-default',
    title: 'EBS encryption by default is on',
    description: 'New EBS volumes are encrypted by default in every region in use.',
    controls: ['encryption-at-rest'],
    requires: ['ebsEncryptionByDefault'],
    uses: [...USAGE_SOURCES],
    rule: () => 'Per region in use: pass when GetEbsEncryptionByDefault returns EbsEncryptionByDefault = true.',
    limits: none,
    evaluate: ebsDefault,
  },
  {
    id: 'encryption.rds',
    title: 'RDS databases are encrypted at rest',
    description: 'Every RDS instance and cluster is encrypted at rest.',
    controls: ['encryption-at-rest'],
    requires: ['rdsDatabases'],
    uses: [],
    rule: () =>
      'Fail for every DB instance (DescribeDBInstances) or cluster (DescribeDBClusters) with StorageEncrypted false.',
    limits: none,
    evaluate: rdsEncrypted,
  },
  {
    id: 'encryption.kms-rotation',
    title: 'Customer-managed KMS keys rotate',
    description: 'Every enabled customer-managed symmetric KMS key has automatic rotation on.',
    controls: ['encryption-at-rest'],
    requires: ['kmsKeys'],
    uses: [],
    rule: () =>
      'Per enabled key with KeyManager CUSTOMER, KeySpec SYMMETRIC_DEFAULT and Origin AWS_KMS (DescribeKey): pass when GetKeyRotationStatus returns KeyRotationEnabled.',
    limits: none,
    evaluate: kmsRotation,
  },
  {
    id: 'network.s3-public-access',
    title: 'S3 public access is blocked',
    description: 'Account-level and bucket-level public access blocks are on, and no bucket policy is public.',
    controls: ['network-security'],
    requires: ['accountPublicAccessBlock', 'bucketPublicAccessBlocks', 'bucketPolicyStatus'],
    uses: [],
    rule: () =>
      "Pass when the account-level public access block has all four settings on, every bucket is covered by all four settings (its own or the account's), and GetBucketPolicyStatus says IsPublic = false.",
    limits: none,
    evaluate: s3PublicAccess,
  },
  {
    id: 'network.open-admin-ports',
    title: 'No security group opens admin ports to the internet',
    description: 'No security group allows 0.0.0.0/0 or ::/0 to SSH (22), RDP (3389) or all ports.',
    controls: ['network-security'],
    requires: ['securityGroups'],
    uses: [],
    rule: () =>
      'Fail for every security group with an inbound rule from 0.0.0.0/0 or ::/0 for all traffic (-1), all TCP ports, or a TCP port range including 22 or 3389.',
    limits: none,
    evaluate: openAdminPorts,
  },
  {
    id: 'network.vpc-flow-logs',
    title: 'Every VPC has an active flow log',
    description: 'Every VPC in the regions in use has a flow log whose status is ACTIVE.',
    controls: ['network-security', 'logging-monitoring'],
    requires: ['vpcs', 'flowLogs'],
    uses: [],
    rule: () =>
      'Fail for every VPC (DescribeVpcs) without a flow log (DescribeFlowLogs) on it whose FlowLogStatus is ACTIVE.',
    limits: none,
    evaluate: vpcFlowLogs,
  },
  {
    id: 'backup.plans',
    title: 'Backup plans protect resources',
    description:
      'AWS Backup plans exist, with the resources they protect and their retention, and RDS automated backups are on.',
    controls: ['backup-recovery'],
    requires: ['backupPlans', 'protectedResources', 'rdsDatabases'],
    uses: [],
    rule: () =>
      'Fail when no AWS Backup plan exists in the regions in use, for a plan without rules or selected resources, and for an RDS instance or cluster with BackupRetentionPeriod 0.',
    limits: none,
    evaluate: backupPlans,
  },
] as const satisfies readonly CheckDefinition[];
