import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { useLocalEndpoint } from '../helpers/local-endpoint';

/**
 * A throwaway home folder with ~/.aws/config and ~/.aws/credentials, made the process's HOME
 * (and AWS_ENDPOINT_URL, when given) for the test, as the real SDK reads them from the environment.
 */
export function awsHome(files: { config?: string; credentials?: string; endpointUrl?: string }) {
  const home = mkdtempSync(join(tmpdir(), 'aw-home-'));
  mkdirSync(join(home, '.aws'), { recursive: true });
  if (files.config !== undefined) writeFileSync(join(home, '.aws', 'config'), files.config);
  if (files.credentials !== undefined) writeFileSync(join(home, '.aws', 'credentials'), files.credentials);
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', '');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '');
  vi.stubEnv('AWS_PROFILE', '');
  for (const v of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
  ])
    vi.stubEnv(v, '');
  vi.stubEnv('AWS_ENDPOINT_URL', files.endpointUrl ?? '');
  return { home, cacheDir: join(home, '.aws', 'sso', 'cache') };
}

/** The `basic` scenario's local AWS endpoint for one test file (see `useLocalEndpoint`). */
export const useBasicEndpoint = () => useLocalEndpoint({ scenario: 'basic' });

export {
  ALL_KINDS_CONFIG,
  ALL_KINDS_CREDENTIALS,
  START_URL,
} from '../../../main/sandbox/aws-endpoint/scenarios/basic-profiles';
