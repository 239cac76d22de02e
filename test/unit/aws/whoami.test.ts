import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AwsService } from '../../../main/services/aws/aws-service';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, START_URL, awsHome, useBasicEndpoint } from './aws-home';

const endpoint = useBasicEndpoint();

/** The CLI-shared cache for the `corp` sso-session holding one of the scenario's tokens. */
function cachedToken(cacheDir: string, accessToken: string, expiresAt = '2099-01-01T00:00:00Z') {
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`);
  writeFileSync(file, JSON.stringify({ startUrl: START_URL, region: 'us-east-1', accessToken, expiresAt }));
}

function setup(
  options: {
    endpointUrl?: string;
    token?: string;
    expiresAt?: string;
    requestTimeoutMs?: number;
    maxAttempts?: number;
  } = {},
) {
  const ctx = awsHome({
    config: ALL_KINDS_CONFIG,
    credentials: ALL_KINDS_CREDENTIALS,
    endpointUrl: options.endpointUrl ?? endpoint.url,
  });
  if (options.token) cachedToken(ctx.cacheDir, options.token, options.expiresAt);
  const aws = new AwsService({
    openExternal: () => undefined,
    clientSettings: {
      maxAttempts: options.maxAttempts ?? 1,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    },
  });
  return { ...ctx, aws };
}

describe('whoami through the local endpoint with the real SDK', () => {
  it('answers for static keys (no alias) and for an assumed role', async () => {
    const { aws } = setup();
    const keys = await aws.whoami('keys');
    expect(keys).toMatchObject({
      profile: 'keys',
      accountId: '123456789012',
      principalArn: 'arn:aws:iam::123456789012:user/ci-deployer',
      aliasStatus: 'none',
      region: 'us-east-1',
    });
    expect(keys.accountAlias).toBeUndefined();
    expect(keys.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The alias lookup is a call of its own, with its own request id, even when there is no alias.
    expect(keys.aliasCall).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: expect.stringMatching(/Z$/),
    });
    expect(keys.aliasCall?.requestId).not.toBe(keys.requestId);
    const role = await aws.whoami('role');
    expect(role.principalArn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/AuditReadOnly\//);
    expect(endpoint.calls.get('sts:AssumeRole')).toBe(1);
  });

  it('uses an SSO session, honours a region override, and keeps credentials in memory between calls', async () => {
    const { aws } = setup({ token: 'aoaEXAMPLEVALIDACCESSTOKEN' });
    expect(await aws.whoami('audit', 'ap-southeast-2')).toMatchObject({
      accountId: '111122223333',
      accountAlias: 'example-prod',
      region: 'ap-southeast-2',
    });
    await aws.whoami('audit');
    expect(endpoint.calls.get('sso:GetRoleCredentials')).toBe(1);
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(2);
  });

  it('treats AccessDenied on ListAccountAliases as "alias unknown", not as a failure', async () => {
    endpoint.setFaults({ denyActions: ['iam:ListAccountAliases'] });
    const { aws } = setup({ token: 'aoaEXAMPLEVALIDACCESSTOKEN' });
    const who = await aws.whoami('audit');
    expect(who).toMatchObject({ accountId: '111122223333', aliasStatus: 'denied' });
    expect(who.accountAlias).toBeUndefined();
    expect(who.aliasCall).toBeUndefined();
  });
});

describe('whoami errors: a stable code, words for people, no hang', () => {
  const expectClean = (e: unknown) => {
    const text = JSON.stringify(e) + String((e as Error).message);
    expect(text).not.toMatch(/\n\s+at |aoaEXAMPLE|wJalrXUtnFEMI|FwoGZXIv/);
  };

  it('SSO_TOKEN_MISSING when there is no cached sign-in', async () => {
    const { aws } = setup();
    const err = await aws.whoami('audit').catch((e) => e);
    expect(err).toMatchObject({
      code: 'SSO_TOKEN_MISSING',
      message: 'You are not signed in to AWS with profile "audit".',
      hint: expect.stringMatching(/^Sign in again/),
    });
    expectClean(err);
  });

  it('SSO_TOKEN_EXPIRED for an expired cached token, and for a token revoked on the server', async () => {
    let { aws } = setup({ token: 'aoaEXAMPLEEXPIREDACCESSTOKEN', expiresAt: '2020-01-01T00:00:00Z' });
    const expired = await aws.whoami('audit').catch((e) => e);
    expect(expired).toMatchObject({
      code: 'SSO_TOKEN_EXPIRED',
      hint: expect.stringContaining('aws sso login --profile audit'),
    });
    ({ aws } = setup({ token: 'aoaEXAMPLEREVOKEDACCESSTOKEN' }));
    const revoked = await aws.whoami('audit').catch((e) => e);
    expect(revoked).toMatchObject({
      code: 'SSO_TOKEN_EXPIRED',
      message: expect.stringContaining('no longer valid'),
      hint: expect.stringMatching(/^Sign in again/),
    });
    expectClean(expired);
    expectClean(revoked);
  });

  it('SSO_TOKEN_EXPIRED when the role session expires on the server', async () => {
    const { aws } = setup({ token: 'aoaEXAMPLEVALIDACCESSTOKEN' });
    endpoint.setFaults({ sessionCredentials: 'expired' });
    await expect(aws.whoami('audit')).rejects.toMatchObject({ code: 'SSO_TOKEN_EXPIRED' });
  });

  it('CREDENTIALS_MISSING when the secret key does not match the access key', async () => {
    const { home } = setup();
    writeFileSync(
      join(home, '.aws', 'credentials'),
      '[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = mistyped\n',
    );
    const aws = new AwsService({ openExternal: () => undefined, clientSettings: { maxAttempts: 1 } });
    const err = await aws.whoami('keys').catch((e) => e);
    expect(err).toMatchObject({ code: 'CREDENTIALS_MISSING', message: expect.stringContaining('secret access key') });
    expectClean(err);
  });

  it('CREDENTIALS_MISSING naming what a failing credential_process said', async () => {
    const { home } = setup();
    writeFileSync(
      join(home, '.aws', 'config'),
      '[profile proc]\ncredential_process = /bin/sh -c "echo token helper is not signed in >&2; exit 3"\n',
    );
    const aws = new AwsService({ openExternal: () => undefined });
    await expect(aws.whoami('proc')).rejects.toMatchObject({
      code: 'CREDENTIALS_MISSING',
      message: 'The credential_process command of profile "proc" failed: token helper is not signed in',
    });
  });

  it('a failing credential_process shows neither its command line nor the secrets it printed', async () => {
    const { home } = setup();
    const script =
      'echo "helper: session aoaEXAMPLE9f8e7d6c5b4a3f2e1d0 rejected, token=tok_live_EXAMPLE0042 (key AKIAIOSFODNN7EXAMPLE)" >&2; exit 3';
    writeFileSync(
      join(home, '.aws', 'config'),
      `[profile leaky]\ncredential_process = /bin/sh -c '${script}' --api-key=supersecret123\n`,
    );
    const aws = new AwsService({ openExternal: () => undefined });
    const err = await aws.whoami('leaky').catch((e) => e);
    expect(err).toMatchObject({
      code: 'CREDENTIALS_MISSING',
      message: expect.stringMatching(
        /^The credential_process command of profile "leaky" failed: helper: session \[redacted\] rejected/,
      ),
    });
    // Everything that reaches the renderer (the Result's error) and the CLI's --json.
    const shown = JSON.stringify(err.toData());
    for (const secret of [
      'supersecret123',
      '--api-key',
      '/bin/sh',
      'aoaEXAMPLE9f8e7d6c5b4a3f2e1d0',
      'tok_live_EXAMPLE0042',
      'AKIAIOSFODNN7EXAMPLE',
    ])
      expect(shown).not.toContain(secret);
  });

  it('CLOCK_SKEW when AWS says the signature is too old', async () => {
    endpoint.setFaults({ clockSkew: true });
    const { aws } = setup();
    await expect(aws.whoami('keys')).rejects.toMatchObject({
      code: 'CLOCK_SKEW',
      hint: expect.stringContaining('automatic date and time'),
    });
  });

  it('NETWORK when the endpoint cannot be reached, even with retries', async () => {
    const closed = await startAwsEndpoint();
    const url = closed.url;
    await closed.close();
    const { aws } = setup({ endpointUrl: url, maxAttempts: 3 });
    const err = await aws.whoami('keys').catch((e) => e);
    expect(err).toMatchObject({ code: 'NETWORK', message: 'Cannot reach AWS.' });
    expectClean(err);
  });

  it('TIMEOUT when AWS does not answer in time', async () => {
    endpoint.setFaults({ latencyMs: 2000 });
    const { aws } = setup({ requestTimeoutMs: 200 });
    const started = Date.now();
    await expect(aws.whoami('keys')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('TIMEOUT when a credential_process never finishes', async () => {
    const { home } = setup();
    writeFileSync(join(home, '.aws', 'config'), '[profile stuck]\ncredential_process = sleep 5\n');
    const aws = new AwsService({ openExternal: () => undefined, operationTimeoutMs: 300 });
    const started = Date.now();
    await expect(aws.whoami('stuck')).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'Connecting to AWS did not finish within 300 ms.',
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('THROTTLED when throttling outlasts the retries', async () => {
    endpoint.setFaults({ throttleRate: 1 });
    const { aws } = setup({ maxAttempts: 2 });
    await expect(aws.whoami('keys')).rejects.toMatchObject({ code: 'THROTTLED' });
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(2);
  });

  it('ACCESS_DENIED names the action', async () => {
    endpoint.setFaults({ denyActions: ['sts:AssumeRole'] });
    const { aws } = setup();
    const err = await aws.whoami('role').catch((e) => e);
    expect(err.code).toBe('ACCESS_DENIED');
    expect(err.message).toBe('Your AWS identity is not allowed to call sts:AssumeRole.');
  });

  it('PROFILE_INVALID for a profile with blocking problems, PROFILE_NOT_FOUND for a missing one', async () => {
    awsHome({ config: '[profile half]\nsso_start_url = https://x.awsapps.com/start\n' });
    const aws = new AwsService({ openExternal: () => undefined });
    await expect(aws.whoami('half')).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
      message: expect.stringContaining('has no sso_region, sso_account_id, sso_role_name'),
    });
    await expect(aws.whoami('missing')).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
  });
});
