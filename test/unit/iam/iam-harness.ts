import { IAM_CHECKS } from '../../../shared/checks/iam';
import type { CheckProgress } from '../../../shared/domain/findings';
import { HEALTHY_ACCOUNT, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import { writeSignedInAwsHome } from '../../fixtures/signed-in-aws-home';
import { awsHome } from '../aws/aws-home';
import { createTestWorkspace } from '../helpers/services';

export { iamScenario } from '../../../main/sandbox/aws-endpoint/scenarios/iam';

/** The IAM checks: what these tests collect (the other services have their own tests and scenario). */
export const IAM_CHECK_IDS: string[] = IAM_CHECKS.map((c) => c.id);

/** Profile `audit` (SSO) reads the troubled account; profile `keys` (static keys) the healthy one. */
export const TROUBLED = TROUBLED_ACCOUNT;
export const HEALTHY = HEALTHY_ACCOUNT;

/**
 * A workspace, the real services (as the app composes them) on a throwaway ~/.aws pointed at
 * the endpoint, and the progress events of the checks service.
 */
export async function checksHarness(
  endpointUrl: string,
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
) {
  const home = awsHome({ endpointUrl });
  writeSignedInAwsHome(home.home);
  const progress: CheckProgress[] = [];
  const listeners: ((p: CheckProgress) => void)[] = [];
  const ws = await createTestWorkspace({
    aws: { clientSettings: { maxAttempts: 3 } },
    checks: { poll: { delaysMs: [5, 10, 20], maxWaitMs: 2_000 }, ...options },
    adapters: {
      emit: (event, payload) => {
        // Per-check progress only; the per-account events are tested in checks/run-progress.test.ts.
        if (event !== 'checks.progress' || !('checkId' in payload)) return;
        progress.push(payload as CheckProgress);
        for (const l of listeners) l(payload as CheckProgress);
      },
    },
  });
  const { aws, checks } = ws.services;
  return { ...ws, home, aws, checks, progress, onProgress: (l: (p: CheckProgress) => void) => listeners.push(l) };
}
