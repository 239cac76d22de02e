import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckRun } from '../../../shared/domain/findings';
import { startAwsEndpoint, type AwsEndpoint } from '../../fixtures/aws-endpoint';
import { checksHarness, iamScenario } from './iam-harness';

let endpoint: AwsEndpoint;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({ scenario: iamScenario(new Date()) });
});
afterAll(() => endpoint.close());
afterEach(() => {
  vi.unstubAllEnvs();
  endpoint.setFaults({});
  endpoint.resetCalls();
});

const check = (run: CheckRun, id: string) => run.checks.find((c) => c.checkId === id)!;

describe('IAM checks against a misbehaving endpoint', () => {
  it('a stalled IAM call fails its check with TIMEOUT after the request timeout, and the run finishes', async () => {
    const h = await checksHarness(endpoint.url, { requestTimeoutMs: 300, maxAttempts: 2 });
    endpoint.setFaults({ actionLatencyMs: { 'iam:GetAccountPasswordPolicy': 10_000 } });
    const started = Date.now();
    const run = await h.checks.run({ profile: 'audit' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(run.status).toBe('completed');
    expect(check(run, 'iam.password-policy')).toMatchObject({ result: 'error', error: { code: 'TIMEOUT', message: 'AWS did not answer in time.' } });
    // One retry (maxAttempts 2), then the error; the other checks are unaffected.
    expect(endpoint.calls.get('iam:GetAccountPasswordPolicy')).toBe(2);
    expect(run.checks.filter((c) => c.result === 'error').map((c) => c.checkId)).toEqual(['iam.password-policy']);
    expect(h.checks.isRunning()).toBe(false);
  });

  it('a page marker the endpoint repeats ends the checks that need the list with a clear error instead of looping', async () => {
    const h = await checksHarness(endpoint.url);
    endpoint.setFaults({ repeatMarker: ['iam:GetAccountAuthorizationDetails'] });
    const run = await h.checks.run({ profile: 'audit', checkIds: ['iam.admin-access', 'iam.root-access-keys'] });
    expect(run.status).toBe('completed');
    expect(check(run, 'iam.admin-access')).toMatchObject({
      result: 'error',
      error: { code: 'AWS_ERROR', message: expect.stringMatching(/^IAM GetAccountAuthorizationDetails answered with a page marker it had already given, so its list cannot be completed/) },
    });
    expect(check(run, 'iam.root-access-keys').result).toBe('fail');
    // Each of the four filters: the first page and the one that repeated its marker.
    expect(endpoint.calls.get('iam:GetAccountAuthorizationDetails')).toBe(8);
  });

  it('a repeated marker on the MFA device list leaves root MFA without that corroboration, not hanging', async () => {
    const h = await checksHarness(endpoint.url);
    endpoint.setFaults({ repeatMarker: ['iam:ListVirtualMFADevices'] });
    const run = await h.checks.run({ profile: 'audit', checkIds: ['iam.root-mfa'] });
    expect(run.status).toBe('completed');
    expect(endpoint.calls.get('iam:ListVirtualMFADevices')).toBe(2);
    expect(check(run, 'iam.root-mfa').notes.join('\n')).toMatch(/ListVirtualMFADevices answered with a page marker it had already given/);
  });
});
