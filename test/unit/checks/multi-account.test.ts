import { describe, expect, it } from 'vitest';
import { SERVICE_CHECKS } from '../../../shared/checks/services';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import {
  PRODUCTION,
  SANDBOX,
  STAGING,
  multiAccountScenario,
} from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { createTestWorkspace } from '../helpers/services';

const endpoint = useLocalEndpoint(() => ({ scenario: multiAccountScenario() }));

describe('the checks beyond IAM, in every account in scope, through the real SDK clients', () => {
  it('reads each account in scope, says per region, and reports the account whose role is missing', async () => {
    signedInSsoHome(endpoint.url);
    const ws = await createTestWorkspace({ aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } } });
    const { awsWorkspace, checks } = ws.services;
    await awsWorkspace.setProfile('audit');
    await awsWorkspace.selectAccounts([PRODUCTION, STAGING, SANDBOX], 'audit');
    const run = await checks.run({ checkIds: SERVICE_CHECKS.map((c) => c.id) });
    expect(run.status).toBe('completed');
    const sandbox = run.accounts.find((a) => a.id === SANDBOX)!;
    expect(sandbox.error?.code).toBe('ACCESS_DENIED');
    const prod = run.accounts.find((a) => a.id === PRODUCTION)!;
    expect(prod.regions.map((r) => r.region)).toContain('eu-south-1');
    expect(prod.regions.map((r) => r.region)).not.toContain('ap-east-1');
    const result = (account: string, id: string) => run.checks.find((c) => c.accountId === account && c.checkId === id);
    expect(result(PRODUCTION, 'network.open-admin-ports')?.result).toBe('fail');
    expect(result(PRODUCTION, 'monitoring.guardduty')?.entities.find((e) => e.region === 'eu-south-1')?.result).toBe(
      'fail',
    );
    expect(result(PRODUCTION, 'encryption.ebs-default')?.entities.find((e) => e.region === 'eu-west-1')?.result).toBe(
      'fail',
    );
    expect(
      result(PRODUCTION, 'encryption.s3-default')?.entities.find((e) => e.name === `prod-restricted-${PRODUCTION}`)
        ?.result,
    ).toBe('error');
    expect(result(STAGING, 'encryption.rds')?.result).toBe('not_applicable');
    expect(result(SANDBOX, 'monitoring.guardduty')?.result).toBe('error');
  }, 120_000);
});
