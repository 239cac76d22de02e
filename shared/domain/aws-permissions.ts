import { generatedPolicy, policyActions, type GeneratedPolicy, type PolicyAction } from '../checks/policy';

/** Backup plan reads that the AWS managed SecurityAudit policy does not grant (it reads vaults only). */
const NOT_IN_SECURITY_AUDIT = new Set([
  'backup:ListBackupPlans',
  'backup:GetBackupPlan',
  'backup:ListBackupSelections',
  'backup:ListProtectedResources',
  'backup:GetBackupSelection',
]);

export interface PermissionsAdvice {
  /** Generated from the checks' sources: exactly the actions the collectors call. */
  policy: GeneratedPolicy;
  /** The same policy, formatted for copying. */
  policyJson: string;
  actionCount: number;
  /** Each action with the checks that need it. */
  actions: PolicyAction[];
  alternatives: Array<{ name: string; arn: string; note: string; missing: string[] }>;
  notes: string[];
}

export function permissionsAdvice(): PermissionsAdvice {
  const actions = policyActions();
  const policy = generatedPolicy(actions);
  const missing = actions.map((a) => a.action).filter((a) => NOT_IN_SECURITY_AUDIT.has(a));
  return {
    policy,
    policyJson: JSON.stringify(policy, null, 2),
    actionCount: actions.length,
    actions,
    alternatives: [
      {
        name: 'SecurityAudit',
        arn: 'arn:aws:iam::aws:policy/SecurityAudit',
        note:
          missing.length === 0
            ? 'The AWS managed SecurityAudit policy also grants every action the checks call.'
            : `The AWS managed SecurityAudit policy also works for the checks, except for the AWS Backup plan reads it does not include (${missing.join(', ')}): add those next to it.`,
        missing,
      },
    ],
    notes: [
      'Every action is read-only: the workbench never changes your AWS account.',
      'sts:GetCallerIdentity needs no permission; the workbench calls it first to record who collected the evidence.',
      'iam:GetAccountAuthorizationDetails returns every policy document in the account, so treat collected evidence as sensitive.',
      'Without iam:ListAccountAliases the workbench still works; it just shows the account id without its alias.',
      'The sso: and identitystore: actions are used by the access review only, in the account that holds IAM Identity Center (the management account or its delegated administrator); without them the review holds IAM only and says so.',
    ],
  };
}
