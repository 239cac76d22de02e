import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsService } from '../../../main/services/aws/aws-service';
import { ChecksService } from '../../../main/services/collectors/checks-service';
import type { CheckProgress } from '../../../shared/domain/findings';
import { HEALTHY_ACCOUNT, TROUBLED_ACCOUNT } from '../../fixtures/aws-endpoint/scenarios/iam';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, START_URL, awsHome } from '../aws/aws-home';
import { createTestWorkspace } from '../helpers/services';

export { iamScenario } from '../../fixtures/aws-endpoint/scenarios/iam';

/** Profile `audit` (SSO) reads the troubled account; profile `keys` (static keys) the healthy one. */
export const TROUBLED = TROUBLED_ACCOUNT;
export const HEALTHY = HEALTHY_ACCOUNT;

/** A workspace, the real AWS service on a throwaway ~/.aws pointed at the endpoint, and the checks service. */
export async function checksHarness(endpointUrl: string, options: { maxAttempts?: number } = {}) {
  const home = awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl });
  mkdirSync(home.cacheDir, { recursive: true });
  writeFileSync(
    join(home.cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({ startUrl: START_URL, region: 'us-east-1', accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN', expiresAt: '2099-01-01T00:00:00Z' }),
  );
  const ws = await createTestWorkspace();
  const aws = new AwsService({ openExternal: () => undefined, clientSettings: { maxAttempts: 3 } });
  const progress: CheckProgress[] = [];
  const listeners: ((p: CheckProgress) => void)[] = [];
  const checks = new ChecksService({
    workspaces: ws.services.workspaces,
    aws,
    appVersion: '0.0.0-test',
    now: () => new Date(),
    emitProgress: (p) => {
      progress.push(p);
      for (const l of listeners) l(p);
    },
    poll: { delaysMs: [5, 10, 20], maxWaitMs: 2_000 },
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  return { ...ws, home, aws, checks, progress, onProgress: (l: (p: CheckProgress) => void) => listeners.push(l) };
}
