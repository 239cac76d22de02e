/**
 * The read-only IAM policy the workbench needs, for the Permissions panel: copy it into an
 * IAM Identity Center permission set as its inline policy. `sts:GetCallerIdentity` needs no
 * permission, so it is not listed.
 */
export const LEAST_PRIVILEGE_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Iam',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'iam:GetAccountSummary',
        'iam:GetAccountPasswordPolicy',
        'iam:GenerateCredentialReport',
        'iam:GetCredentialReport',
        'iam:ListUsers',
        'iam:ListRoles',
        'iam:ListGroups',
        'iam:ListPolicies',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
        'iam:ListEntitiesForPolicy',
        'iam:GetAccountAuthorizationDetails',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ListAccessKeys',
        'iam:GetAccessKeyLastUsed',
        'iam:GetLoginProfile',
        'iam:GenerateServiceLastAccessedDetails',
        'iam:GetServiceLastAccessedDetails',
        'iam:ListOrganizationsFeatures',
        'iam:ListAccountAliases',
      ],
    },
    {
      Sid: 'IdentityCenter',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'sso:ListInstances',
        'sso:ListPermissionSets',
        'sso:DescribePermissionSet',
        'sso:ListAccountAssignments',
        'sso:ListAccountsForProvisionedPermissionSet',
        'sso:ListManagedPoliciesInPermissionSet',
        'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
        'sso:GetInlinePolicyForPermissionSet',
        'identitystore:ListUsers',
        'identitystore:ListGroups',
        'identitystore:ListGroupMemberships',
      ],
    },
    {
      Sid: 'Logging',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'cloudtrail:DescribeTrails',
        'cloudtrail:GetTrailStatus',
        'cloudtrail:GetEventSelectors',
        'logs:DescribeMetricFilters',
        'cloudwatch:DescribeAlarms',
        'cloudwatch:DescribeAlarmsForMetric',
      ],
    },
    {
      Sid: 'Detect',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'guardduty:ListDetectors',
        'guardduty:GetDetector',
        'inspector2:BatchGetAccountStatus',
        'config:DescribeConfigurationRecorders',
        'config:DescribeConfigurationRecorderStatus',
        'config:DescribeDeliveryChannels',
      ],
    },
    {
      Sid: 'Data',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        's3:ListAllMyBuckets',
        's3:GetBucketLocation',
        's3:GetEncryptionConfiguration',
        's3:GetBucketPublicAccessBlock',
        's3:GetAccountPublicAccessBlock',
        's3:GetBucketPolicy',
        's3:GetBucketPolicyStatus',
        'ec2:GetEbsEncryptionByDefault',
        'rds:DescribeDBInstances',
        'rds:DescribeDBClusters',
        'kms:ListKeys',
        'kms:DescribeKey',
        'kms:GetKeyRotationStatus',
      ],
    },
    {
      Sid: 'Net',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'ec2:DescribeRegions',
        'ec2:DescribeVpcs',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSecurityGroupRules',
        'ec2:DescribeFlowLogs',
      ],
    },
    {
      Sid: 'Backup',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'backup:ListBackupPlans',
        'backup:GetBackupPlan',
        'backup:ListBackupSelections',
        'backup:ListProtectedResources',
        'backup:ListRestoreJobs',
      ],
    },
  ],
} as const;

export interface PermissionsAdvice {
  policy: typeof LEAST_PRIVILEGE_POLICY;
  /** The same policy, formatted for copying. */
  policyJson: string;
  actionCount: number;
  alternatives: Array<{ name: string; arn: string; note: string; missing: string[] }>;
  notes: string[];
}

export function permissionsAdvice(): PermissionsAdvice {
  const actionCount = LEAST_PRIVILEGE_POLICY.Statement.reduce((n, s) => n + s.Action.length, 0);
  return {
    policy: LEAST_PRIVILEGE_POLICY,
    policyJson: JSON.stringify(LEAST_PRIVILEGE_POLICY, null, 2),
    actionCount,
    alternatives: [
      {
        name: 'SecurityAudit',
        arn: 'arn:aws:iam::aws:policy/SecurityAudit',
        note: 'The AWS managed SecurityAudit policy also works: it grants read access to every check except the AWS Backup plan reads, which it does not include (it only reads backup vaults). Add the Backup statement above next to it to cover backup evidence.',
        missing: [
          'backup:ListBackupPlans',
          'backup:GetBackupPlan',
          'backup:ListBackupSelections',
          'backup:ListProtectedResources',
        ],
      },
    ],
    notes: [
      'Every action is read-only: the workbench never changes your AWS account.',
      'sts:GetCallerIdentity needs no permission; the workbench calls it first to record who collected the evidence.',
      'iam:GetAccountAuthorizationDetails returns every policy document in the account, so treat collected evidence as sensitive.',
      'Without iam:ListAccountAliases the workbench still works; it just shows the account id without its alias.',
    ],
  };
}
