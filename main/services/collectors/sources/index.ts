import type { AccountKey, RegionalKey } from '../../../../shared/checks/sources';
import { regions } from './account';
import { backupPlans, protectedResources } from './backup';
import { rootLoginMonitoring, trails } from './cloudtrail';
import { configRecorders, guardDutyDetectors, inspectorStatus } from './detection';
import { ebsEncryptionByDefault, ec2Instances, flowLogs, securityGroups, vpcs } from './ec2';
import { IAM_FETCHERS } from './iam';
import { kmsKeys } from './kms';
import { rdsDatabases } from './rds';
import {
  accountPublicAccessBlock,
  bucketEncryption,
  bucketPolicies,
  bucketPolicyStatus,
  bucketPublicAccessBlocks,
  buckets,
} from './s3';
import { ecrRepositories, lambdaFunctions } from './workloads';
import type { Fetcher, RegionalFetcher } from './types';

/** How each account-wide source (shared/checks/sources.ts) is read; a source without a fetcher does not compile. */
export const ACCOUNT_FETCHERS: { [K in AccountKey]: Fetcher<K> } = {
  ...IAM_FETCHERS,
  regions,
  trails,
  rootLoginMonitoring,
  buckets,
  bucketEncryption,
  bucketPolicies,
  bucketPolicyStatus,
  bucketPublicAccessBlocks,
  accountPublicAccessBlock,
};

/** How each regional source is read in one region. */
export const REGIONAL_FETCHERS: { [K in RegionalKey]: RegionalFetcher<K> } = {
  guardDutyDetectors,
  configRecorders,
  inspectorStatus,
  ecrRepositories,
  lambdaFunctions,
  ebsEncryptionByDefault,
  securityGroups,
  vpcs,
  flowLogs,
  ec2Instances,
  rdsDatabases,
  kmsKeys,
  backupPlans,
  protectedResources,
};
