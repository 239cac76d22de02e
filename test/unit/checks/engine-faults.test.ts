import { describe, expect, it } from 'vitest';
import { sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { PRODUCTION, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { useLocalEndpoint } from '../helpers/local-endpoint';
import { signedInSsoHome } from '../helpers/sso-home';
import { createTestWorkspace } from '../helpers/services';

/** The multi-account scenario, with prod-app-data made a legacy eu-west-1 bucket (GetBucketLocation answers `EU`). */
function scenario() {
  const s = multiAccountScenario();
  const appData = s.resources!.accounts[PRODUCTION]!.s3!.buckets.find((b) => b.Name === `prod-app-data-${PRODUCTION}`)!;
  appData.locationConstraint = 'EU';
  return s;
}

const endpoint = useLocalEndpoint(() => ({ scenario: scenario() }));

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

  it('a bucket ListBuckets names no region for is located with GetBucketLocation, read in its own region and labelled with it', async () => {
    const services = await productionWorkspace();
    endpoint.setFaults({ listBucketsWithoutRegion: true });
    const run = await services.checks.run({ checkIds: ['encryption.s3-default'] });
    expect(run.status).toBe('completed');
    const check = run.checks.find((c) => c.accountId === PRODUCTION && c.checkId === 'encryption.s3-default')!;
    // The home region is eu-west-1; prod-logs lives in us-east-1 and is labelled so.
    expect(check.entities.find((e) => e.name === `prod-logs-${PRODUCTION}`)).toMatchObject({
      region: 'us-east-1',
      result: 'pass',
      detail: 'Default encryption SSE-S3.',
    });
    // prod-app-data is a legacy bucket whose LocationConstraint is `EU`: that is eu-west-1.
    expect(check.entities.find((e) => e.name === `prod-app-data-${PRODUCTION}`)).toMatchObject({
      region: 'eu-west-1',
      result: 'pass',
    });
    // One GetBucketLocation per bucket, and every bucket read in its own region at once: no redirect.
    expect(endpoint.iamActions.get('s3:GetBucketLocation')).toBe(check.entities.length);
    expect(endpoint.calls.get('s3:GetBucketEncryption')).toBe(check.entities.length);
  }, 120_000);

  it('without s3:GetBucketLocation such a bucket is still read, through S3’s 301 PermanentRedirect', async () => {
    const services = await productionWorkspace();
    endpoint.setFaults({ listBucketsWithoutRegion: true, denyActions: ['s3:GetBucketLocation'] });
    const run = await services.checks.run({ checkIds: ['encryption.s3-default'] });
    expect(run.status).toBe('completed');
    const check = run.checks.find((c) => c.accountId === PRODUCTION && c.checkId === 'encryption.s3-default')!;
    // Its region unknown, it is read from the home region (eu-west-1); the SDK follows the redirect to us-east-1.
    expect(check.entities.find((e) => e.name === `prod-logs-${PRODUCTION}`)).toMatchObject({
      result: 'pass',
      detail: 'Default encryption SSE-S3.',
    });
    expect(endpoint.calls.get('s3:GetBucketEncryption')).toBeGreaterThan(check.entities.length);
  }, 120_000);
});
