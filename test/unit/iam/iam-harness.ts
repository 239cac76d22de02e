import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsService } from '../../../main/services/aws/aws-service';
import { ChecksService } from '../../../main/services/collectors/checks-service';
import type { CheckProgress } from '../../../shared/domain/findings';
import { basicScenario, type Scenario } from '../../fixtures/aws-endpoint';
import type { IamAccountModel } from '../../fixtures/aws-endpoint/scenarios/iam-account';
import { healthyIamAccount, troubledIamAccount } from '../../fixtures/aws-endpoint/scenarios/iam-builder';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, START_URL, awsHome } from '../aws/aws-home';
import { createTestWorkspace } from '../helpers/services';

/** Account 111122223333 (SSO profile `audit`, alias example-prod) has every problem; 123456789012 (profile `keys`) is healthy. */
export const TROUBLED = '111122223333';
export const HEALTHY = '123456789012';

export function iamScenario(now: Date, override: (accounts: Record<string, IamAccountModel>) => void = () => {}): Scenario {
  const accounts = { [TROUBLED]: troubledIamAccount(TROUBLED, now), [HEALTHY]: healthyIamAccount(HEALTHY, now) };
  override(accounts);
  return { ...basicScenario, name: 'iam', iam: { accounts } };
}

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
