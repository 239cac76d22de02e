import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEALTHY_ACCOUNT, iamScenario } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import { useLocalEndpoint } from '../helpers/local-endpoint';

function awsCliVersion(): string | undefined {
  try {
    return execFileSync('aws', ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
}

const version = awsCliVersion();
if (!version) console.warn('Skipping the AWS CLI tests: no `aws` command (Debian package awscli) on this machine.');

const endpoint = useLocalEndpoint(() => ({ scenario: iamScenario(new Date()) }));

/** A private AWS config and credentials with AWS's documented example keys, and nothing else of this machine's. */
const home = mkdtempSync(join(tmpdir(), 'aw-awscli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
writeFileSync(
  join(home, 'config'),
  '[default]\nregion = us-east-1\noutput = json\n\n[profile wrong]\nregion = us-east-1\n',
);
writeFileSync(
  join(home, 'credentials'),
  [
    '[default]',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    '',
    '[wrong]',
    'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = not-the-secret-the-endpoint-knows',
    '',
  ].join('\n'),
);

function aws(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'aws',
      ['--endpoint-url', endpoint.url, ...args],
      {
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_RETRY_MODE: 'standard',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!version)('the sandbox answers the AWS CLI (botocore)', () => {
  it('sts get-caller-identity names the example account and user', async () => {
    const r = await aws(['sts', 'get-caller-identity']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({
      Account: HEALTHY_ACCOUNT,
      Arn: `arn:aws:iam::${HEALTHY_ACCOUNT}:user/ci-deployer`,
    });
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(1);
  });

  it('iam get-account-authorization-details lists the account users, roles and groups', async () => {
    const r = await aws(['iam', 'get-account-authorization-details']);
    expect(r.stderr).toBe('');
    const details = JSON.parse(r.stdout) as { UserDetailList: unknown[]; RoleDetailList: unknown[] };
    expect(details.UserDetailList.length).toBeGreaterThan(0);
    expect(details.RoleDetailList.length).toBeGreaterThan(0);
  });

  it('a request signed with the wrong secret is refused as AWS refuses it', async () => {
    const r = await aws(['--profile', 'wrong', 'sts', 'get-caller-identity']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('SignatureDoesNotMatch');
  });
});
