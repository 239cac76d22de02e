import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LookupFunction } from 'node:net';
import { startAwsEndpoint, type AwsEndpoint } from '../aws-endpoint';
import { hostNameUrl, sandboxLookup } from '../aws-endpoint/sandbox-http';
import { startStandInConsole, type StandInConsole } from '../stand-in-console/server';
import {
  SAMPLE_PRODUCTION,
  SAMPLE_ROLE,
  SAMPLE_SIGN_IN_USER,
  SAMPLE_SSO_REGION,
  SAMPLE_START_URL,
  sampleCompanyScenario,
} from '../aws-endpoint/scenarios/sample-company';

/** The AWS profile a sample workspace reads with; it exists only while the sample's sandbox runs. */
export const SAMPLE_PROFILE = 'sample-company';
export const SAMPLE_REGION = 'us-east-1';

/** The AWS settings the SDK reads from the environment, replaced while a sample workspace is open. */
const AWS_ENVIRONMENT = [
  'HOME',
  'AWS_ENDPOINT_URL',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
] as const;

const SAMPLE_CONFIG = `# The sample company's sandbox: exists only while a sample workspace is open.
[profile ${SAMPLE_PROFILE}]
sso_session = ${SAMPLE_PROFILE}
sso_account_id = ${SAMPLE_PRODUCTION}
sso_role_name = ${SAMPLE_ROLE}
region = ${SAMPLE_REGION}

[sso-session ${SAMPLE_PROFILE}]
sso_start_url = ${SAMPLE_START_URL}
sso_region = ${SAMPLE_SSO_REGION}
sso_registration_scopes = sso:account:access
`;

export interface SampleSession {
  endpoint: AwsEndpoint;
  /** The sample's AWS console: capture windows sign in to it as they would to AWS's. */
  console: StandInConsole;
  /**
   * Resolves `<account>.localhost` and `<bucket>.localhost` to the sandbox: S3 Control puts the
   * account in front of the host, which an IP address cannot take.
   */
  lookup: LookupFunction;
  /** Plays the person on the sandbox's device page: the sample signs in without a browser step. */
  approve(userCode: string): void;
  close(): Promise<void>;
}

/**
 * Starts the sample company's sandbox (its AWS endpoint and console) on 127.0.0.1 (free ports) and points the AWS SDK at it
 * through the environment it reads (the SDK's own endpoint and config-file settings), with a
 * private home holding only the sample profile and its SSO cache. So while a sample workspace
 * is open, no real profile or credential can be reached, and nothing real is written. `close`
 * stops the sandbox, removes the private home and restores the environment as it was.
 */
export async function startSampleSession(now: Date = new Date()): Promise<SampleSession> {
  const endpoint = await startAwsEndpoint({ scenario: sampleCompanyScenario(now) });
  const standIn = await startStandInConsole(endpoint).catch(async (error: unknown) => {
    await endpoint.close();
    throw error;
  });
  const home = await mkdtemp(join(tmpdir(), 'aw-sample-home-'));
  try {
    await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true, mode: 0o700 });
    await writeFile(join(home, '.aws', 'config'), SAMPLE_CONFIG, { mode: 0o600 });
    await writeFile(join(home, '.aws', 'credentials'), '', { mode: 0o600 });
  } catch (error) {
    await standIn.close();
    await endpoint.close();
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  const saved = Object.fromEntries(AWS_ENVIRONMENT.map((name) => [name, process.env[name]]));
  for (const name of AWS_ENVIRONMENT) delete process.env[name];
  process.env.HOME = home;
  process.env.AWS_ENDPOINT_URL = hostNameUrl(endpoint.url);
  process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, '.aws', 'credentials');
  let closed = false;
  return {
    endpoint,
    console: standIn,
    lookup: sandboxLookup as LookupFunction,
    approve: (userCode) => endpoint.approveDevice(userCode, SAMPLE_SIGN_IN_USER),
    async close() {
      if (closed) return;
      closed = true;
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await standIn.close();
      await endpoint.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
