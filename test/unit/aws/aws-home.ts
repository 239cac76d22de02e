import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

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
  for (const v of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION']) vi.stubEnv(v, '');
  vi.stubEnv('AWS_ENDPOINT_URL', files.endpointUrl ?? '');
  return { home, cacheDir: join(home, '.aws', 'sso', 'cache') };
}

export const START_URL = 'https://d-9067example.awsapps.com/start';

/** One profile of each kind, valid, as a person would write them. */
export const ALL_KINDS_CONFIG = `# AWS config for the audit
[default]
region = eu-west-1

[profile audit]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = AuditRole
region = eu-west-1   ; the workbench region

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 444455556666
sso_role_name = AuditRole

[profile role]
role_arn = arn:aws:iam::123456789012:role/AuditReadOnly
source_profile = keys
region = us-east-1

[profile proc]
credential_process = /usr/local/bin/print-creds --account 123456789012
`;

export const ALL_KINDS_CREDENTIALS = `[keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`;
