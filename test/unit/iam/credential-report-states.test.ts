import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import type { CredentialReportBehaviour } from '../../../main/sandbox/aws-endpoint/scenarios/iam-account';
import { checksHarness, iamScenario, TROUBLED } from './iam-harness';

let endpoint: AwsEndpoint | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await endpoint?.close();
  endpoint = undefined;
});

/** Runs the credential-report checks against an account whose report behaves as given. */
async function runWith(report: CredentialReportBehaviour) {
  endpoint = await startAwsEndpoint({
    scenario: iamScenario(new Date(), (a) => (a[TROUBLED]!.credentialReport = report)),
  });
  const h = await checksHarness(endpoint.url);
  const run = await h.checks.run({ profile: 'audit', checkIds: ['iam.console-users-mfa', 'iam.root-recent-use'] });
  return { run, calls: (op: string) => endpoint!.calls.get(`iam:${op}`) ?? 0 };
}

describe('the credential report lifecycle', () => {
  it('uses a report generated in the last 4 hours at once (Generate answers COMPLETE)', async () => {
    const { run, calls } = await runWith({ existingReportAgeMinutes: 30 });
    expect(run.checks.map((c) => c.result)).toEqual(['fail', 'fail']);
    expect(calls('GenerateCredentialReport')).toBe(1);
    expect(calls('GetCredentialReport')).toBe(1);
  });

  it('polls through STARTED and INPROGRESS', async () => {
    const { run, calls } = await runWith({ inProgressPolls: 3 });
    expect(run.checks.map((c) => c.result)).toEqual(['fail', 'fail']);
    expect(calls('GenerateCredentialReport')).toBe(5);
  });

  it('waits out LimitExceeded and then generates', async () => {
    const { run, calls } = await runWith({ limitExceeded: 2, inProgressPolls: 0 });
    expect(run.checks.map((c) => c.result)).toEqual(['fail', 'fail']);
    expect(calls('GenerateCredentialReport')).toBe(4);
  });

  it('generates again when the report expired between Generate and Get', async () => {
    const { run, calls } = await runWith({ expiredOnGet: 1, inProgressPolls: 0 });
    expect(run.checks.map((c) => c.result)).toEqual(['fail', 'fail']);
    expect(calls('GetCredentialReport')).toBe(2);
  });

  it('gives up with a clear message when the report never finishes, and still completes the run', async () => {
    const { run } = await runWith({ inProgressPolls: 10_000 });
    expect(run.status).toBe('completed');
    for (const c of run.checks) {
      expect(c.result).toBe('error');
      expect(c.error).toMatchObject({
        code: 'TIMEOUT',
        message: expect.stringMatching(/had not finished the IAM credential report/),
      });
    }
  });

  it('gives up on a LimitExceeded that does not clear', async () => {
    const { run } = await runWith({ limitExceeded: 10_000 });
    expect(run.checks[0]!.error).toMatchObject({ code: 'THROTTLED', message: expect.stringMatching(/LimitExceeded/) });
  });
});
