import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTokenCache } from '../../../main/services/aws/token-cache';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, START_URL } from './aws-home';

const ROOT = join(__dirname, '..', '..', '..');
let endpoint: AwsEndpoint;
let home: string;
let env: NodeJS.ProcessEnv;

/** The files live outside HOME on purpose: the CLI must follow AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE. */
beforeAll(async () => {
  endpoint = await startAwsEndpoint({ scenario: 'basic' });
  home = mkdtempSync(join(tmpdir(), 'aw-cli-home-'));
  const files = mkdtempSync(join(tmpdir(), 'aw-cli-files-'));
  writeFileSync(join(files, 'config'), ALL_KINDS_CONFIG);
  writeFileSync(join(files, 'credentials'), ALL_KINDS_CREDENTIALS);
  mkdirSync(join(home, '.aws'));
  env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(files, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(files, 'credentials'),
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_MAX_ATTEMPTS: '1',
  };
});
afterAll(() => endpoint.close());

function cli(
  args: string[],
  onStdout?: (text: string) => void,
  envOverrides: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'main/cli.ts', ...args], { cwd: ROOT, env: { ...env, ...envOverrides } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      onStdout?.(stdout);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withHome<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.HOME;
  process.env.HOME = home;
  try {
    return await fn();
  } finally {
    process.env.HOME = saved;
  }
}

describe('npm run cli', () => {
  it('profiles --json prints every kind with its status', async () => {
    await withHome(() =>
      writeTokenCache('corp', {
        startUrl: START_URL,
        region: 'us-east-1',
        accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN',
        expiresAt: '2099-01-01T00:00:00Z',
      }),
    );
    const r = await cli(['profiles', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    const summary = Object.fromEntries(
      list.profiles.map((p: { name: string; kind: string; status: string; session?: { status: string } }) => [
        p.name,
        [p.kind, p.status, p.session?.status ?? null],
      ]),
    );
    expect(summary).toEqual({
      audit: ['sso', 'valid', 'valid'],
      default: ['none', 'no-credentials', null],
      keys: ['static', 'usable', null],
      legacy: ['sso-legacy', 'missing', 'missing'],
      proc: ['credential-process', 'usable', null],
      role: ['assume-role', 'usable', null],
    });
    expect(list.files[0]).toMatchObject({ kind: 'config', path: env.AWS_CONFIG_FILE, exists: true });
  });

  it('profiles --json never prints a malformed credentials line, only its number and what is wrong', async () => {
    const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENxyz0123456789';
    const files = mkdtempSync(join(tmpdir(), 'aw-cli-leak-'));
    writeFileSync(join(files, 'config'), '[profile dev]\nregion = us-east-1\n');
    writeFileSync(
      join(files, 'credentials'),
      `[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key: ${SECRET}\naws_session_token\n${TOKEN}\n`,
    );
    for (const args of [['profiles', '--json'], ['profiles']]) {
      const r = await cli(args, undefined, {
        AWS_CONFIG_FILE: join(files, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(files, 'credentials'),
      });
      expect(r.code).toBe(0);
      for (const secret of [SECRET, TOKEN, 'wJalr', 'IQoJ']) expect(r.stdout + r.stderr).not.toContain(secret);
      if (args.includes('--json')) {
        const dev = JSON.parse(r.stdout).profiles.find((p: { name: string }) => p.name === 'dev');
        expect(dev.problems).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              file: 'credentials',
              line: 3,
              message: expect.stringMatching(
                /^Line 3: expected "name = value", but aws_secret_access_key is followed by ":"/,
              ),
            }),
            expect.objectContaining({
              file: 'credentials',
              line: 4,
              message: expect.stringMatching(/^Line 4: .*aws_session_token has no "="/),
            }),
            expect.objectContaining({
              file: 'credentials',
              line: 5,
              message: expect.stringMatching(/^Line 5: expected "name = value"/),
            }),
          ]),
        );
      }
    }
  });

  it('profiles prints a readable table', async () => {
    const r = await cli(['profiles']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^audit\s+SSO \(sso-session\)\s+Signed in\s+111122223333\s+AuditRole\s+eu-west-1\s+valid until 2099-01-01T00:00:00Z$/m,
    );
    expect(r.stdout).toMatch(/^legacy\s+SSO \(legacy\)\s+Not signed in\s+444455556666\s+AuditRole\s+-\s+missing$/m);
    expect(r.stdout).toMatch(/^keys\s+Access keys\s+Usable\s+-\s+-\s+-\s+-$/m);
  });

  it('login signs in through the device flow, then whoami --json reaches the account', async () => {
    let approved = false;
    const login = await cli(['login', '--profile', 'legacy'], (out) => {
      const code = /^\s+([A-Z]{4}-[A-Z]{4})$/m.exec(out)?.[1];
      if (code && !approved) {
        approved = true;
        endpoint.approveDevice(code);
      }
    });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`${endpoint.url}/device?user_code=`);
    expect(login.stdout).toMatch(
      /Signed in with profile "legacy"\. The session is valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/,
    );

    const who = await cli(['whoami', '--profile', 'legacy', '--json']);
    expect(who.code).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({
      profile: 'legacy',
      accountId: '444455556666',
      aliasStatus: 'none',
      region: 'us-east-1',
    });
  });

  it('login --redirect signs in through the browser redirect instead of a code', async () => {
    let done = false;
    const login = await cli(['login', '--profile', 'audit', '--redirect'], (out) => {
      const url = /^\s+(http:\/\/\S+\/authorize\?\S+)$/m.exec(out)?.[1];
      if (url && !done) {
        done = true;
        void fetch(url)
          .then((r) => r.text())
          .then((page) =>
            fetch(`${endpoint.url}/authorize/decide`, {
              method: 'POST',
              body: new URLSearchParams({ id: /name="id" value="([^"]+)"/.exec(page)![1]!, decision: 'allow' }),
            }),
          );
      }
    });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('allow access');
    expect(login.stdout).toMatch(/Signed in with profile "audit"/);
  });

  it('whoami fails with a message, a hint and a code, not a stack trace', async () => {
    const r = await cli(['whoami', '--profile', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: There is no AWS profile named "nope"\.\nChoose one of: .*\[PROFILE_NOT_FOUND\]\n$/,
    );
    const j = await cli(['whoami', '--profile', 'nope', '--json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ error: { code: 'PROFILE_NOT_FOUND' } });
    const usage = await cli(['whoami']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('whoami needs --profile NAME');
  });

  it("hints at commands, not at the app's buttons", async () => {
    const keys = await cli(['login', '--profile', 'keys']);
    expect(keys.code).toBe(1);
    expect(keys.stderr).toContain('does not use IAM Identity Center');
    expect(keys.stderr).toContain('npm run cli -- whoami --profile keys');
    // A fresh home: no cached sign-in for the SSO profile.
    const signedOut = await cli(['whoami', '--profile', 'audit'], undefined, {
      HOME: mkdtempSync(join(tmpdir(), 'aw-cli-nohome-')),
    });
    expect(signedOut.code).toBe(1);
    expect(signedOut.stderr).toMatch(
      /Sign in again: run {2}npm run cli -- login --profile audit {2}\(or {2}aws sso login --profile audit\)\. {2}\[SSO_TOKEN_MISSING\]/,
    );
    expect(keys.stderr + signedOut.stderr).not.toMatch(/AWS screen|Test connection|press "Sign in"/i);
  });

  it('whoami checks --region before calling AWS', async () => {
    const r = await cli(['whoami', '--profile', 'keys', '--region', 'foo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--region "foo" is not a region: Use a region code like us-east-1.');
    expect(r.stderr).not.toContain('NETWORK');
  });

  it('whoami --json does not print the command line or the secrets of a failing credential_process', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'aw-cli-proc-')), 'config');
    writeFileSync(
      config,
      `[profile leaky]\ncredential_process = /bin/sh -c 'echo "vault said token=tok_live_EXAMPLE0042" >&2; exit 4' --api-key=supersecret123\n`,
    );
    const r = await cli(['whoami', '--profile', 'leaky', '--json'], undefined, { AWS_CONFIG_FILE: config });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      error: {
        code: 'CREDENTIALS_MISSING',
        message: 'The credential_process command of profile "leaky" failed: vault said token=[redacted]',
      },
    });
    expect(r.stdout + r.stderr).not.toMatch(/supersecret123|api-key|tok_live_EXAMPLE0042/);
  });
});
