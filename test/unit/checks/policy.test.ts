import { describe, expect, it } from 'vitest';
import { policyActions } from '../../../shared/checks/policy';
import { CHECK_IDS } from '../../../shared/checks/registry';
import { permissionsAdvice } from '../../../shared/domain/aws-permissions';
import { checksHarness, iamScenario } from '../iam/iam-harness';
import { useLocalEndpoint } from '../helpers/local-endpoint';

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));

/** Calls that need no IAM permission: who am I, and the SSO portal the credential provider signs in through. */
const NEEDS_NO_PERMISSION = (action: string) => action === 'sts:GetCallerIdentity' || action.startsWith('sso:');

describe('the least-privilege policy on the Permissions screen', () => {
  it('grants exactly the actions a run of every check calls: nothing missing, nothing extra', async () => {
    const h = await checksHarness(endpoint.url);
    const run = await h.checks.run({ profile: 'audit' });
    expect(run.status).toBe('completed');
    expect(run.checks.map((c) => c.checkId)).toEqual([...CHECK_IDS]);
    const called = [...endpoint.calls.keys()].filter((a) => !NEEDS_NO_PERMISSION(a)).sort();
    expect(called.length).toBeGreaterThan(5);

    const advice = permissionsAdvice();
    const granted = advice.policy.Statement.flatMap((s) => s.Action).sort();
    expect(granted).toEqual(called);
    expect(JSON.parse(advice.policyJson)).toEqual(advice.policy);
    expect(advice.actionCount).toBe(granted.length);
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
});
