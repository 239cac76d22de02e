import { describe, expect, it } from 'vitest';
import { policyActions } from '../../../shared/checks/policy';
import { CHECK_IDS } from '../../../shared/checks/registry';
import { permissionsAdvice } from '../../../shared/domain/aws-permissions';
import { IAM_CHECKS } from '../../../shared/checks/iam';
import { checksHarness, iamScenario, IAM_CHECK_IDS } from '../iam/iam-harness';
import { useLocalEndpoint } from '../helpers/local-endpoint';

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));

/** Calls that need no IAM permission: who am I, and the SSO portal the credential provider signs in through. */
const NEEDS_NO_PERMISSION = (action: string) => action === 'sts:GetCallerIdentity' || action.startsWith('sso:');

describe('the least-privilege policy on the Permissions screen', () => {
  it('grants exactly the actions a run of the IAM checks calls: nothing missing, nothing extra', async () => {
    const h = await checksHarness(endpoint.url);
    const run = await h.checks.run({ profile: 'audit', checkIds: IAM_CHECK_IDS });
    expect(run.status).toBe('completed');
    expect(run.checks.map((c) => c.checkId)).toEqual(IAM_CHECK_IDS);
    const called = [...endpoint.calls.keys()].filter((a) => !NEEDS_NO_PERMISSION(a)).sort();
    expect(called.length).toBeGreaterThan(5);
    // The IAM checks alone, without the features beside them (the access review's population).
    const granted = policyActions(IAM_CHECKS, [])
      .map((a) => a.action)
      .sort();
    expect(granted).toEqual(called);
  });

  it('is the generated policy, with every action the checks declare', () => {
    const advice = permissionsAdvice();
    const granted = advice.policy.Statement.flatMap((s) => s.Action).sort();
    expect(granted).toEqual(
      policyActions()
        .map((a) => a.action)
        .sort(),
    );
    expect(granted).toEqual(
      expect.arrayContaining(['ec2:DescribeSecurityGroups', 's3:GetBucketPolicy', 'account:ListRegions']),
    );
    expect(JSON.parse(advice.policyJson)).toEqual(advice.policy);
    expect(advice.actionCount).toBe(granted.length);
    expect(CHECK_IDS.every((id) => policyActions().some((a) => a.checks.includes(id)))).toBe(true);
  });

  it('says for each action which checks need it', () => {
    const byAction = Object.fromEntries(policyActions().map((a) => [a.action, a.checks]));
    expect(byAction['iam:GenerateCredentialReport']).toEqual(
      expect.arrayContaining(['iam.root-recent-use', 'iam.console-users-mfa', 'iam.access-key-rotation']),
    );
    expect(byAction['iam:GetAccountPasswordPolicy']).toEqual(['iam.password-policy']);
    expect(byAction['iam:GetPolicyVersion']).toEqual(['iam.admin-access']);
    // Asked for by every run (the account alias), not by a check.
    expect(byAction['iam:ListAccountAliases']).toEqual([]);
  });

  it('says for each action the access review population calls that the access review needs it', () => {
    const actions = new Map(policyActions().map((a) => [a.action, a]));
    for (const action of [
      'sso:ListInstances',
      'sso:ListPermissionSets',
      'sso:DescribePermissionSet',
      'sso:ListManagedPoliciesInPermissionSet',
      'sso:GetInlinePolicyForPermissionSet',
      'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
      'sso:ListAccountAssignments',
      'sso:ListAccountsForProvisionedPermissionSet',
      'identitystore:ListUsers',
      'identitystore:ListGroups',
      'identitystore:ListGroupMemberships',
    ])
      expect(actions.get(action)).toMatchObject({ checks: [], features: ['access review population'] });
    // The IAM reads it shares with the checks name both.
    expect(actions.get('iam:GetAccountAuthorizationDetails')).toMatchObject({
      checks: expect.arrayContaining(['iam.admin-access']),
      features: ['access review population'],
    });
    expect(actions.get('iam:GetPolicyVersion')?.features).toEqual(['access review population']);
  });
});
