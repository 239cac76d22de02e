import { describe, expect, it } from 'vitest';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { PRODUCTION, STAGING, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { createTestWorkspace } from '../helpers/services';

const endpoint = useLocalEndpoint(() => ({ scenario: multiAccountScenario() }));
const REGION_CHECKS = [
  'monitoring.guardduty',
  'encryption.ebs-default',
  'monitoring.config-recorder',
  'vuln.inspector',
];

describe('regions in use: enabled, then where the account has resources; Settings wins', () => {
  it('judges GuardDuty, EBS default, Config and Inspector where resources exist, lists an empty enabled region as not in use, and counts every chosen region', async () => {
    signedInSsoHome(endpoint.url);
    const ws = await createTestWorkspace({ aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } } });
    const { awsWorkspace, checks, regions } = ws.services;
    await awsWorkspace.setProfile('audit');
    await awsWorkspace.selectAccounts([PRODUCTION, STAGING], 'audit');
    const run = await checks.run({ checkIds: REGION_CHECKS });
    expect(run.status).toBe('completed');
    const entity = (account: string, id: string, region: string) =>
      run.checks.find((c) => c.accountId === account && c.checkId === id)?.entities.find((e) => e.region === region);

    // eu-south-1 holds a VPC of Production: GuardDuty is off there, which fails the check, and it says why it counts.
    const eus = entity(PRODUCTION, 'monitoring.guardduty', 'eu-south-1')!;
    expect(eus.result).toBe('fail');
    expect(eus.detail).toMatch(/In use: 1 VPC besides the default one/);
    // eu-west-1 holds buckets, a KMS key and security groups.
    expect(entity(PRODUCTION, 'encryption.ebs-default', 'eu-west-1')!.detail).toMatch(/In use: .*buckets live here/);
    // Staging's trail is created in us-east-1.
    expect(entity(STAGING, 'monitoring.guardduty', 'us-east-1')!.detail).toMatch(
      /In use: trail staging-trail is created here/,
    );
    // ap-northeast-1 has nothing in Production: GuardDuty is off there too, but it is listed, not counted.
    const empty = entity(PRODUCTION, 'monitoring.guardduty', 'ap-northeast-1')!;
    expect(empty.result).toBe('not_applicable');
    expect(empty.detail).toMatch(
      /^Not in use \(enabled, nothing found\): not counted\. GuardDuty has never been enabled here/,
    );
    // Inspector likewise: judged where resources exist, listed but not counted in an empty region.
    expect(entity(PRODUCTION, 'vuln.inspector', 'eu-south-1')!.detail).toMatch(/In use: 1 VPC besides the default one/);
    // Nothing runs in eu-south-1 for Inspector to scan; in us-east-1 functions run (six: ListFunctions paged) and
    // Lambda scanning is off; in eu-west-1 a repository waits, and Inspector was never enabled there.
    expect(entity(PRODUCTION, 'vuln.inspector', 'eu-south-1')).toMatchObject({
      result: 'pass',
      detail: expect.stringMatching(/^Nothing here for Amazon Inspector to scan \(EC2 not needed/),
    });
    expect(entity(PRODUCTION, 'vuln.inspector', 'us-east-1')).toMatchObject({
      result: 'fail',
      detail: expect.stringMatching(/^Not scanning lambda\./),
      facts: expect.objectContaining({ ec2Instances: 1, ecrRepositories: 2, lambdaFunctions: 6 }),
    });
    expect(entity(PRODUCTION, 'vuln.inspector', 'eu-west-1')!.detail).toMatch(
      /^Amazon Inspector is DISABLED here; needed for ECR \(EC2 not needed: no instances here; Lambda not needed/,
    );
    const idle = entity(PRODUCTION, 'vuln.inspector', 'ap-northeast-1')!;
    expect(idle.result).toBe('not_applicable');
    expect(idle.detail).toMatch(/^Not in use \(enabled, nothing found\): not counted\./);
    const staging = run.checks.find((c) => c.accountId === STAGING && c.checkId === 'encryption.ebs-default')!;
    expect(staging.notes.join(' ')).toMatch(/enabled regions with nothing found .* listed but not counted/);
    // A region that is not opted in is recorded as such, never judged.
    expect(entity(PRODUCTION, 'monitoring.guardduty', 'ap-east-1')).toBeUndefined();

    // The person's choice in Settings wins: a chosen region is in use, whatever is found there.
    await regions.choose(['ap-northeast-1', 'us-east-1']);
    const chosen = await checks.run({ checkIds: ['monitoring.guardduty'] });
    const picked = chosen.checks
      .find((c) => c.accountId === PRODUCTION)!
      .entities.find((e) => e.region === 'ap-northeast-1')!;
    expect(picked.result).toBe('fail');
    expect(picked.detail).toMatch(/In use: chosen in Settings/);
    await ws.services.workspaces.close();
  }, 120_000);
});
