/**
 * What a scenario account holds beyond IAM, keyed by account and region, in the shapes of AWS's
 * API models: each resource is written as the SDK's own output type (`SecurityGroup`, `Trail`,
 * `KeyMetadata`, ...), so a scenario reads like the answers it produces, and the service modules
 * only render them in their protocol. Only AWS's documented example account ids appear.
 */
import type { GetBackupPlanOutput, GetBackupSelectionOutput, ProtectedResource } from '@aws-sdk/client-backup';
import type { Trail, GetTrailStatusResponse, EventSelector, AdvancedEventSelector } from '@aws-sdk/client-cloudtrail';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import type { FlowLog, Reservation, SecurityGroup, Vpc } from '@aws-sdk/client-ec2';
import type { Repository } from '@aws-sdk/client-ecr';
import type { GetDetectorResponse } from '@aws-sdk/client-guardduty';
import type { ResourceState, State } from '@aws-sdk/client-inspector2';
import type { AliasListEntry, KeyMetadata } from '@aws-sdk/client-kms';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import type { PublicAccessBlockConfiguration, ServerSideEncryptionRule } from '@aws-sdk/client-s3';

/** The Account API's opt status of a region; EC2's DescribeRegions derives its OptInStatus from it. */
export type RegionOptStatus = 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT';

/** Regional services answer only in these; elsewhere the account's credentials are not valid. */
export const isEnabledStatus = (s: RegionOptStatus): boolean => s === 'ENABLED' || s === 'ENABLED_BY_DEFAULT';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface BucketPolicy {
  Version: '2012-10-17';
  Id?: string;
  Statement: PolicyStatement[];
}

export interface BucketModel {
  Name: string;
  /** The bucket's region: calls signed for any other region are redirected (301 PermanentRedirect). */
  region: string;
  CreationDate: Date;
  /** Default encryption rules; `null` is a bucket without any (ServerSideEncryptionConfigurationNotFoundError). */
  encryption: ServerSideEncryptionRule[] | null;
  /** The bucket policy; its Deny statements that match the reader are enforced (AccessDenied). */
  policy?: BucketPolicy;
  /** GetBucketPolicyStatus's IsPublic, as S3 evaluates it; defaults to whether an Allow is open to `*`. */
  policyIsPublic?: boolean;
  /** Absent: NoSuchPublicAccessBlockConfiguration. */
  publicAccessBlock?: PublicAccessBlockConfiguration;
  /** What GetBucketLocation answers when not the region itself: `EU` for a legacy eu-west-1 bucket. */
  locationConstraint?: 'EU';
}

export interface TrailModel {
  trail: Trail & { Name: string; HomeRegion: string; TrailARN: string };
  status: GetTrailStatusResponse;
  eventSelectors?: EventSelector[];
  advancedEventSelectors?: AdvancedEventSelector[];
}

export interface KmsKeyModel {
  metadata: KeyMetadata & { KeyId: string; Arn: string };
  /** GetKeyRotationStatus; absent for keys that cannot rotate (asymmetric, HMAC, imported). */
  rotation?: { KeyRotationEnabled: boolean; RotationPeriodInDays?: number; NextRotationDate?: Date };
}

export interface DetectorModel {
  id: string;
  detector: GetDetectorResponse;
}

export interface BackupPlanModel {
  plan: GetBackupPlanOutput & { BackupPlanId: string; BackupPlanArn: string };
  selections: (GetBackupSelectionOutput & { SelectionId: string })[];
}

export interface RegionResources {
  optStatus: RegionOptStatus;
  ec2?: {
    ebsEncryptionByDefault?: boolean;
    vpcs?: Vpc[];
    securityGroups?: SecurityGroup[];
    flowLogs?: FlowLog[];
    reservations?: Reservation[];
  };
  /** Log groups besides those the metric filters name (DescribeMetricFilters refuses unknown ones). */
  logs?: { metricFilters: MetricFilter[]; logGroups?: string[] };
  cloudwatch?: { metricAlarms: MetricAlarm[] };
  kms?: { keys: KmsKeyModel[]; aliases: AliasListEntry[] };
  config?: { recorders: ConfigurationRecorder[]; statuses: ConfigurationRecorderStatus[] };
  guardduty?: { detectors: DetectorModel[] };
  /** BatchGetAccountStatus; absent means Inspector was never enabled here (DISABLED). */
  inspector2?: { state: State; resourceState: ResourceState };
  /** DescribeRepositories (the account's own registry). */
  ecr?: { repositories: Repository[] };
  /** ListFunctions ($LATEST of each function). */
  lambda?: { functions: FunctionConfiguration[] };
  /** Plans with their selections, and the resources AWS Backup has backed up (ListProtectedResources). */
  backup?: { plans: BackupPlanModel[]; protectedResources?: ProtectedResource[] };
  rds?: { instances: DBInstance[]; clusters: DBCluster[] };
}

export interface AccountResources {
  /** Every region of the partition, with the account's opt status (ListRegions, DescribeRegions). */
  regions: Record<string, RegionResources>;
  /** Trails by home region; a multi-region trail also shows in every other region (shadow trails). */
  trails?: TrailModel[];
  s3?: { buckets: BucketModel[]; accountPublicAccessBlock?: PublicAccessBlockConfiguration };
  /** Actions the workspace's role lacks in this account, as `service:Operation` or IAM action names. */
  deniedActions?: string[];
}

export interface ScenarioResources {
  /** No page is longer than this, whatever the caller asks, so every paginator really pages. */
  pageCap?: number;
  accounts: Record<string, AccountResources>;
}
