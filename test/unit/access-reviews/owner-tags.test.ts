import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { iamScenario, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import { checksHarness } from '../iam/iam-harness';

/**
 * Owner tags read through the real SDK from the local endpoint's GetAccountAuthorizationDetails
 * (UserDetail.Tags and RoleDetail.Tags, as in IAM's model): a user tagged with a teammate's email
 * and a role tagged with any owner are explained, and the row says why.
 */

let endpoint: AwsEndpoint;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: iamScenario(new Date(), (accounts) => {
      const a = accounts[TROUBLED_ACCOUNT]!;
      a.users.push({
        name: 'ci-deploy',
        id: 'AIDAOWNERTAGGED00001',
        createdAt: new Date().toISOString(),
        tags: [{ key: 'Owner', value: 'dana@acme.example' }],
      });
      a.roles.push({
        name: 'partner-readonly',
        id: 'AROAOWNERTAGGED00001',
        createdAt: new Date().toISOString(),
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }],
        },
        tags: [{ key: 'contact', value: 'security@partner.example' }],
      });
    }),
  });
});
afterAll(() => endpoint.close());

describe('owner tags from GetAccountAuthorizationDetails', () => {
  it('explain a user and a role, and the row says why', async () => {
    const { services } = await checksHarness(endpoint.url);
    const population = await services.accessReview.population({ profile: 'audit' });
    const row = (name: string) => population.rows.find((r) => r.name === name)!;
    expect(row('ci-deploy')).toMatchObject({ explainedBy: 'owner tag: dana@acme.example' });
    expect(row('ci-deploy').flags).not.toContain('unexplained');
    expect(row('partner-readonly')).toMatchObject({ explainedBy: 'documented owner: security@partner.example' });
    expect(row('partner-readonly').flags).toEqual(['assumable_from_outside']);
    await services.workspaces.close();
  }, 120_000);
});
