import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../shared/checks/registry';
import { permissionsAdvice } from '../../../shared/domain/aws-permissions';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import {
  PRODUCTION,
  SANDBOX,
  STAGING,
  multiAccountScenario,
} from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { createTestWorkspace } from '../helpers/services';

// Production holds IAM Identity Center (in the profile's sign-in region), so the population reads it too.
const endpoint = useLocalEndpoint(() => ({
  scenario: withIdentityCenter(multiAccountScenario(), sampleIdentityCenter(PRODUCTION, 'us-east-1', STAGING)),
}));

describe('the least-privilege policy on the Permissions screen, over every check and the access review', () => {
  it('grants exactly the actions a run of every check and an access review population in every account call: nothing missing, nothing extra', async () => {
    signedInSsoHome(endpoint.url);
    const ws = await createTestWorkspace({
      aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } },
      checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 } },
    });
    const { awsWorkspace, checks, accessReview } = ws.services;
    await awsWorkspace.setProfile('audit');
    await awsWorkspace.selectAccounts([PRODUCTION, STAGING, SANDBOX], 'audit');
    endpoint.resetCalls();
    // ListBuckets without BucketRegion, so the run also calls GetBucketLocation, which it needs only then.
    endpoint.setFaults({ listBucketsWithoutRegion: true });
    const run = await checks.run({ checkIds: [...CHECK_IDS] });
    expect(run.status).toBe('completed');
    expect(new Set(run.checks.map((c) => c.checkId))).toEqual(new Set(CHECK_IDS));
    const population = await accessReview.population();
    expect(population.rows.some((r) => r.kind === 'sso_user')).toBe(true);
    expect(population.accountIds).toEqual([PRODUCTION, STAGING]);

    const called = [...endpoint.iamActions.keys()].sort();
    const granted = permissionsAdvice()
      .policy.Statement.flatMap((s) => s.Action)
      .sort();
    expect(called.length).toBeGreaterThan(30);
    const missing = called.filter((a) => !granted.includes(a));
    const extra = granted.filter((a) => !called.includes(a));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  }, 240_000);
});
