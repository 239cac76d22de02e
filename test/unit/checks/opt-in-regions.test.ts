import { describe, expect, it } from 'vitest';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { PRODUCTION, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { createTestWorkspace } from '../helpers/services';

const endpoint = useLocalEndpoint(() => ({ scenario: multiAccountScenario() }));

async function productionWorkspace() {
  signedInSsoHome(endpoint.url);
  const ws = await createTestWorkspace({ aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } } });
  await ws.services.awsWorkspace.setProfile('audit');
  await ws.services.awsWorkspace.selectAccounts([PRODUCTION], 'audit');
  return ws.services;
}

// In the multi-account scenario ap-east-1 is not opted in and me-south-1 is disabled for every account.
describe('regions the account has not enabled, through the real SDK clients', () => {
  it('a run records the regions ListRegions lists as not enabled, even when no regions are chosen', async () => {
    const services = await productionWorkspace();
    const run = await services.checks.run({ checkIds: ['encryption.ebs-default'] });
    expect(run.status).toBe('completed');
    const account = run.accounts.find((a) => a.id === PRODUCTION)!;
    expect(account.notEnabled).toEqual(['ap-east-1', 'me-south-1']);
    expect(account.regions.map((r) => r.region)).not.toContain('ap-east-1');
    // Recorded in the summary, never called.
    expect(endpoint.calls.get('ec2:GetEbsEncryptionByDefault')).toBe(account.regions.length);
  }, 120_000);

  it('a region that answers AuthFailure, UnrecognizedClientException or InvalidClientTokenId is not enabled there, and the run goes on', async () => {
    const services = await productionWorkspace();
    // ListRegions cannot be read, so the chosen regions are all read, ap-east-1 included: its endpoints answer as
    // AWS's do for a region not opted in (EC2 AuthFailure, JSON UnrecognizedClientException, query InvalidClientTokenId).
    await services.regions.choose(['eu-west-1', 'ap-east-1']);
    endpoint.setFaults({ denyActions: ['account:ListRegions'] });
    const run = await services.checks.run({
      checkIds: ['encryption.ebs-default', 'monitoring.guardduty', 'encryption.rds'],
    });
    expect(run.status).toBe('completed');
    const account = run.accounts.find((a) => a.id === PRODUCTION)!;
    expect(account.error).toBeUndefined();
    const check = (id: string) => run.checks.find((c) => c.accountId === PRODUCTION && c.checkId === id)!;
    for (const [id, answer] of [
      ['encryption.ebs-default', 'AuthFailure'],
      ['monitoring.guardduty', 'UnrecognizedClientException'],
      ['encryption.rds', 'InvalidClientTokenId'],
    ] as const) {
      const c = check(id);
      expect(c.result, id).not.toBe('error');
      expect(
        c.entities.find((e) => e.region === 'ap-east-1'),
        id,
      ).toMatchObject({
        result: 'not_applicable',
        detail: expect.stringContaining(
          `ap-east-1 is not enabled (opted in) for this account: its endpoint answered ${answer}`,
        ),
      });
      expect(
        c.entities.some((e) => e.region === 'eu-west-1'),
        id,
      ).toBe(id !== 'encryption.rds' || c.entities.length > 1);
    }
  }, 120_000);
});
