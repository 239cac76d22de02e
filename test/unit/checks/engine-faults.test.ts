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

describe('the checks engine under AWS faults, through the real SDK clients', () => {
  it('a throttled call (EC2 RequestLimitExceeded, GuardDuty ThrottlingException) is retried and the check passes', async () => {
    const services = await productionWorkspace();
    // Production's us-east-1 has EBS encryption by default on and GuardDuty enabled.
    await services.regions.choose(['us-east-1']);
    endpoint.setFaults({ throttleNext: { 'ec2:GetEbsEncryptionByDefault': 1, 'guardduty:ListDetectors': 1 } });
    const run = await services.checks.run({ checkIds: ['encryption.ebs-default', 'monitoring.guardduty'] });
    expect(run.status).toBe('completed');
    const check = (id: string) => run.checks.find((c) => c.accountId === PRODUCTION && c.checkId === id)!;
    expect(check('encryption.ebs-default')).toMatchObject({ result: 'pass', error: null });
    expect(check('monitoring.guardduty')).toMatchObject({ result: 'pass', error: null });
    // The throttled answer and the retry that succeeded.
    expect(endpoint.calls.get('ec2:GetEbsEncryptionByDefault')).toBe(2);
    expect(endpoint.calls.get('guardduty:ListDetectors')).toBe(2);
  }, 120_000);

  it('a bucket in another region, not named by ListBuckets, is read through S3’s 301 PermanentRedirect', async () => {
    const services = await productionWorkspace();
    endpoint.setFaults({ listBucketsWithoutRegion: true });
    const run = await services.checks.run({ checkIds: ['encryption.s3-default'] });
    expect(run.status).toBe('completed');
    const check = run.checks.find((c) => c.accountId === PRODUCTION && c.checkId === 'encryption.s3-default')!;
    // The home region is eu-west-1; prod-logs lives in us-east-1, so its read is redirected there and followed.
    expect(check.entities.find((e) => e.name === `prod-logs-${PRODUCTION}`)).toMatchObject({
      result: 'pass',
      detail: 'Default encryption SSE-S3.',
    });
    expect(check.entities.find((e) => e.name === `prod-app-data-${PRODUCTION}`)?.result).toBe('pass');
    expect(endpoint.calls.get('s3:GetBucketEncryption')).toBeGreaterThan(check.entities.length);
  }, 120_000);
});
