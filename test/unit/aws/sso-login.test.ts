import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LoginProgress } from '../../../shared/domain/aws';
import { AwsService } from '../../../main/services/aws/aws-service';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, START_URL, awsHome, useBasicEndpoint } from './aws-home';

const endpoint = useBasicEndpoint();

const codeOf = (url: string) => new URL(url).searchParams.get('user_code')!;

/** The person at the browser: what they do once the verification page opens. */
function setup(person: (userCode: string) => void, options: { loginTimeoutMs?: number } = {}) {
  const ctx = awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
  const opened: string[] = [];
  const progress: LoginProgress[] = [];
  const aws = new AwsService({
    openExternal: (url) => {
      opened.push(url);
      person(codeOf(url));
    },
    pollScale: 0.01,
    clientSettings: { maxAttempts: 1 },
    ...options,
  });
  return { ...ctx, aws, opened, progress, onProgress: (p: LoginProgress) => progress.push(p) };
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

describe('SSO sign-in (device authorization)', () => {
  it('signs in an sso-session profile and writes the token cache exactly as the AWS CLI does', async () => {
    const t = setup((code) => endpoint.approveDevice(code));
    const result = await t.aws.signIn('audit', t.onProgress);

    expect(t.opened).toHaveLength(1);
    expect(t.opened[0]).toMatch(new RegExp(`^${endpoint.url}/device\\?user_code=[A-Z]{4}-[A-Z]{4}$`));
    expect(t.progress.map((p) => p.stage)).toEqual(['starting', 'waiting', 'done']);
    const waiting = t.progress[1] as Extract<LoginProgress, { stage: 'waiting' }>;
    expect(waiting.userCode).toBe(codeOf(t.opened[0]!));

    const file = join(t.cacheDir, `${sha1('corp')}.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const cache = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(cache).sort()).toEqual([
      'accessToken',
      'clientId',
      'clientSecret',
      'expiresAt',
      'refreshToken',
      'region',
      'registrationExpiresAt',
      'startUrl',
    ]);
    expect(cache).toMatchObject({ startUrl: START_URL, region: 'us-east-1', expiresAt: result.expiresAt });
    expect(cache.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(cache.registrationExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(cache.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3600_000);
    expect(endpoint.state.tokens.get(cache.accessToken)?.userName).toBe('jane@example.com');

    // The SDK's own provider chain reads what we wrote: the profile now works.
    const who = await t.aws.whoami('audit');
    expect(who).toMatchObject({
      accountId: '111122223333',
      accountAlias: 'example-prod',
      aliasStatus: 'found',
      region: 'eu-west-1',
    });
    expect(who.principalArn).toMatch(
      /^arn:aws:sts::111122223333:assumed-role\/AWSReservedSSO_AuditRole_[0-9a-f]{16}\/jane@example\.com$/,
    );
    expect((await t.aws.profile('audit')).session).toEqual({ status: 'valid', expiresAt: result.expiresAt });

    expect(await t.aws.listAccounts('audit')).toEqual([
      { accountId: '111122223333', accountName: 'Production', emailAddress: 'aws-prod@example.com' },
      { accountId: '444455556666', accountName: 'Sandbox', emailAddress: 'aws-sandbox@example.com' },
    ]);
    expect((await t.aws.listRoles('audit', '444455556666')).map((r) => r.roleName)).toEqual([
      'AuditRole',
      'AdministratorAccess',
    ]);
  });

  it('lets the SDK refresh an expired sso-session token with the refresh token we cached', async () => {
    const t = setup((code) => endpoint.approveDevice(code));
    await t.aws.signIn('audit');
    const file = join(t.cacheDir, `${sha1('corp')}.json`);
    const before = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...before, expiresAt: '2020-01-01T00:00:00Z' }));
    expect((await t.aws.profile('audit')).session).toEqual({
      status: 'expired',
      expiresAt: '2020-01-01T00:00:00Z',
      refreshable: true,
    });
    endpoint.resetCalls();

    expect((await t.aws.listAccounts('audit')).length).toBe(2);
    expect(endpoint.calls.get('sso-oidc:CreateToken')).toBe(1);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(Date.parse(after.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('signs in a legacy profile into the start-URL-keyed cache file, without a refresh token', async () => {
    const t = setup((code) => endpoint.approveDevice(code));
    await t.aws.signIn('legacy');
    const cache = JSON.parse(readFileSync(join(t.cacheDir, `${sha1(START_URL)}.json`), 'utf8'));
    expect(cache.refreshToken).toBeUndefined();
    expect(cache.startUrl).toBe(START_URL);
    expect((await t.aws.whoami('legacy')).accountId).toBe('444455556666');
  });

  it('uses a session the AWS CLI signed in (the cache file it writes), and the CLI can use ours', async () => {
    const t = setup(() => undefined);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(t.cacheDir, { recursive: true });
    // Byte for byte what botocore writes: json.dumps with its default separators.
    writeFileSync(
      join(t.cacheDir, `${sha1('corp')}.json`),
      `{"startUrl": "${START_URL}", "region": "us-east-1", "accessToken": "aoaEXAMPLEVALIDACCESSTOKEN", "expiresAt": "2099-01-01T00:00:00Z"}`,
      { mode: 0o600 },
    );
    expect((await t.aws.whoami('audit')).accountId).toBe('111122223333');
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(1);
  });

  it('reports a denied sign-in', async () => {
    const t = setup((code) => endpoint.denyDevice(code));
    await expect(t.aws.signIn('audit', t.onProgress)).rejects.toMatchObject({
      code: 'SSO_LOGIN_DENIED',
      hint: expect.stringContaining('Sign in'),
    });
    expect(t.progress.at(-1)).toMatchObject({ stage: 'failed', code: 'SSO_LOGIN_DENIED' });
    // A screen opened after the failure learns it once, then it is no longer news.
    expect(t.aws.signInProgress('audit')).toMatchObject({
      stage: 'failed',
      code: 'SSO_LOGIN_DENIED',
      message: 'The sign-in was denied in the browser.',
    });
    expect(t.aws.signInProgress('audit')).toBeNull();
  });

  it('reports an expired device code', async () => {
    const t = setup((code) => endpoint.expireDevice(code));
    await expect(t.aws.signIn('audit')).rejects.toMatchObject({
      code: 'SSO_LOGIN_EXPIRED',
      message: 'The sign-in expired before it was approved.',
    });
  });

  it('adds 5 seconds to the polling interval on slow_down', async () => {
    endpoint.setFaults({ slowDownPolls: 2 });
    let userCode = '';
    const t = setup((code) => (userCode = code));
    const started = Date.now();
    const run = t.aws.signIn('audit');
    await vi.waitFor(() => expect(endpoint.calls.get('sso-oidc:CreateToken')).toBe(2), { interval: 5 });
    endpoint.approveDevice(userCode);
    await run;
    // Scaled by 0.01: 1 s, then 6 s, then 11 s between polls = at least 180 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(170);
    expect(endpoint.calls.get('sso-oidc:CreateToken')).toBe(3);
  });

  it('keeps polling while authorization is pending, and can be cancelled', async () => {
    let userCode = '';
    const t = setup((code) => (userCode = code));
    const run = t.aws.signIn('audit', t.onProgress);
    await vi.waitFor(() => expect(endpoint.calls.get('sso-oidc:CreateToken') ?? 0).toBeGreaterThanOrEqual(2));
    expect(t.aws.signInProgress('audit')).toMatchObject({ stage: 'waiting', userCode });
    await expect(t.aws.signIn('audit')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(t.aws.cancelSignIn('audit')).toBe(true);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(t.progress.at(-1)).toEqual({ profile: 'audit', stage: 'cancelled' });
    expect(t.aws.cancelSignIn('audit')).toBe(false);
    expect(t.aws.signInProgress('audit')).toBeNull();
  });

  it('gives up at its own timeout', async () => {
    const t = setup(() => undefined, { loginTimeoutMs: 50 });
    await expect(t.aws.signIn('audit')).rejects.toMatchObject({ code: 'SSO_LOGIN_EXPIRED' });
  });

  it('refuses to sign in profiles that are not SSO or are incomplete', async () => {
    const t = setup(() => undefined);
    await expect(t.aws.signIn('keys')).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
      message: expect.stringContaining('does not use IAM Identity Center'),
    });
    await expect(t.aws.signIn('nope')).rejects.toMatchObject({
      code: 'PROFILE_NOT_FOUND',
      hint: expect.stringContaining('audit'),
    });
  });
});

describe('SSO sign-in: failures that name their cause', () => {
  it('says where and why the token cache could not be written, and emits it as the failed stage', async () => {
    const t = setup((code) => endpoint.approveDevice(code));
    // A file where the cache folder should be (as a stray `touch ~/.aws/sso/cache` leaves it).
    mkdirSync(join(t.home, '.aws', 'sso'), { recursive: true });
    writeFileSync(t.cacheDir, '');
    const err = {
      code: 'TOKEN_CACHE_UNWRITABLE',
      message: expect.stringContaining(
        `could not be saved in ${t.cacheDir}: ${t.cacheDir} is a file where a folder should be`,
      ),
      hint: expect.stringContaining(`delete the file ${t.cacheDir}`),
    };
    await expect(t.aws.signIn('audit', t.onProgress)).rejects.toMatchObject(err);
    expect(t.progress.at(-1)).toMatchObject({ stage: 'failed', code: 'TOKEN_CACHE_UNWRITABLE', hint: err.hint });
    expect(JSON.stringify(t.progress)).not.toMatch(/aoa|accessToken|refreshToken/);
  });

  const TYPO_CONFIG = ALL_KINDS_CONFIG.replace(
    `sso_start_url = ${START_URL}\nsso_region = us-east-1\nsso_registration_scopes`,
    'sso_start_url = https://d-9067exmaple.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes',
  );

  it.each(['device', 'browser'] as const)(
    'names sso_start_url and the sso-session when Identity Center does not know the start URL (%s)',
    async (method) => {
      const t = setup(() => undefined);
      expect(TYPO_CONFIG).not.toBe(ALL_KINDS_CONFIG);
      writeFileSync(join(t.home, '.aws', 'config'), TYPO_CONFIG);
      await expect(t.aws.signIn('audit', t.onProgress, method)).rejects.toMatchObject({
        code: 'PROFILE_INVALID',
        message:
          'IAM Identity Center in us-east-1 does not accept the start URL https://d-9067exmaple.awsapps.com/start.',
        hint: expect.stringContaining(
          'Check sso_start_url and sso_region in [sso-session corp] (used by profile "audit")',
        ),
        details: expect.objectContaining({
          awsError: 'InvalidRequestException',
          awsMessage: expect.stringMatching(/^Invalid (start|issuer) URL$/),
        }),
      });
      expect(t.opened).toEqual([]);
    },
  );

  it('names the profile of a legacy SSO profile with a mistyped start URL', async () => {
    const t = setup(() => undefined);
    writeFileSync(
      join(t.home, '.aws', 'config'),
      ALL_KINDS_CONFIG.replace(
        `[profile legacy]\nsso_start_url = ${START_URL}`,
        '[profile legacy]\nsso_start_url = https://example.invalid/start',
      ),
    );
    await expect(t.aws.signIn('legacy')).rejects.toMatchObject({
      code: 'PROFILE_INVALID',
      hint: expect.stringContaining('in [profile legacy]'),
    });
  });
});
