import { createHash } from 'node:crypto';
import { GetCallerIdentityCommand, AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';

const staticCreds = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
let endpoint: AwsEndpoint;
const sts = (credentials = staticCreds, maxAttempts = 1) =>
  new STSClient({ region: 'us-east-1', endpoint: endpoint.url, credentials, maxAttempts });
const sso = () => new SSOClient({ region: 'us-east-1', endpoint: endpoint.url, maxAttempts: 1 });
const oidc = () => new SSOOIDCClient({ region: 'us-east-1', endpoint: endpoint.url, maxAttempts: 1 });

beforeAll(async () => {
  endpoint = await startAwsEndpoint({ scenario: 'basic' });
});
afterAll(() => endpoint.close());
beforeEach(() => {
  endpoint.setFaults({});
  endpoint.resetCalls();
});

describe('local AWS endpoint: STS', () => {
  it('answers GetCallerIdentity for the principal behind the access key, with a request id', async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/ci-deployer' });
    expect(out.UserId).toMatch(/^AIDA/);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(1);
  });

  it('rejects an unknown access key as AWS does', async () => {
    await expect(
      sts({ accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('checks the SigV4 signature against the secret of the access key', async () => {
    const wrongSecret = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'not-the-secret' };
    await expect(sts(wrongSecret).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('assumes a scenario role and then answers as that role', async () => {
    const out = await sts().send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/AuditReadOnly', RoleSessionName: 'audit' }),
    );
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/AuditReadOnly/audit');
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date);
    const c = out.Credentials!;
    const who = await sts({
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    } as typeof staticCreds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/AuditReadOnly/audit');
  });

  it('injects AccessDenied, clock skew and expired session credentials', async () => {
    endpoint.setFaults({ denyActions: ['sts:GetCallerIdentity'] });
    await expect(sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('sts:GetCallerIdentity'),
    });
    endpoint.setFaults({ clockSkew: true });
    await expect(sts().send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: expect.stringContaining('Signature expired'),
    });
    endpoint.setFaults({ sessionCredentials: 'expired' });
    const role = endpoint.scenario.sso.users[0]!.assignments[0]!.credentials;
    await expect(sts(role as typeof staticCreds).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
    });
  });

  it('refuses requests signed more than 5 minutes off its clock; the SDK corrects from the Date header and retries', async () => {
    endpoint.setFaults({ serverClockOffsetMs: 3600_000 });
    const client = sts(staticCreds, 3);
    expect((await client.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(2);
    await client.send(new GetCallerIdentityCommand({}));
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(3);
    await expect(sts(staticCreds, 1).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
    });
  });

  it('throttles deterministically and the SDK retries through it', async () => {
    endpoint.setFaults({ throttleRate: 0.3, seed: 7 });
    const client = sts(staticCreds, 10);
    for (let i = 0; i < 3; i++) await client.send(new GetCallerIdentityCommand({}));
    expect(endpoint.throttled()).toBeGreaterThan(0);
    expect(endpoint.calls.get('sts:GetCallerIdentity')).toBe(3 + endpoint.throttled());
  });

  it('adds latency', async () => {
    endpoint.setFaults({ latencyMs: 120 });
    const t = Date.now();
    await sts().send(new GetCallerIdentityCommand({}));
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
  });
});

describe('local AWS endpoint: SSO OIDC device flow and portal', () => {
  async function startDevice() {
    const reg = await oidc().send(
      new RegisterClientCommand({ clientName: 'test', clientType: 'public', scopes: ['sso:account:access'] }),
    );
    const dev = await oidc().send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        startUrl: endpoint.scenario.sso.startUrl,
      }),
    );
    const poll = () =>
      oidc().send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: dev.deviceCode,
        }),
      );
    return { reg, dev, poll };
  }

  it('runs register, device authorization, pending, slow_down, approval and token', async () => {
    const { dev, poll } = await startDevice();
    expect(dev.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(dev.verificationUriComplete).toBe(`${endpoint.url}/device?user_code=${dev.userCode}`);
    await expect(poll()).rejects.toMatchObject({
      name: 'AuthorizationPendingException',
      error: 'authorization_pending',
    });
    endpoint.setFaults({ slowDownPolls: 1 });
    await expect(poll()).rejects.toMatchObject({ name: 'SlowDownException', error: 'slow_down' });
    endpoint.approveDevice(dev.userCode!);
    const token = await poll();
    expect(token.accessToken).toMatch(/^aoa/);
    expect(token.refreshToken).toMatch(/^aor/);
    expect(token.expiresIn).toBe(8 * 3600);
    await expect(poll()).rejects.toMatchObject({ name: 'InvalidGrantException' });
    expect(endpoint.calls.get('sso-oidc:CreateToken')).toBe(4);

    const accounts = await sso().send(new ListAccountsCommand({ accessToken: token.accessToken }));
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual(['111122223333', '444455556666']);
    const roles = await sso().send(
      new ListAccountRolesCommand({ accessToken: token.accessToken, accountId: '444455556666' }),
    );
    expect(roles.roleList?.map((r) => r.roleName)).toEqual(['AuditRole', 'AdministratorAccess']);
    const creds = await sso().send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken,
        accountId: '111122223333',
        roleName: 'AuditRole',
      }),
    );
    expect(creds.roleCredentials?.accessKeyId).toBe('ASIAIOSFODNN7EXAMPLE');
    expect(creds.roleCredentials?.expiration).toBeGreaterThan(Date.now());
    expect(endpoint.secrets()).toContain(token.accessToken);
  });

  it('answers access_denied and expired_token', async () => {
    const a = await startDevice();
    endpoint.denyDevice(a.dev.userCode!);
    await expect(a.poll()).rejects.toMatchObject({ name: 'AccessDeniedException', error: 'access_denied' });
    const b = await startDevice();
    endpoint.expireDevice(b.dev.userCode!);
    await expect(b.poll()).rejects.toMatchObject({ name: 'ExpiredTokenException', error: 'expired_token' });
  });

  it('rejects expired, revoked and unknown portal tokens, and unassigned roles', async () => {
    for (const accessToken of ['aoaEXAMPLEEXPIREDACCESSTOKEN', 'aoaEXAMPLEREVOKEDACCESSTOKEN', 'nope']) {
      await expect(sso().send(new ListAccountsCommand({ accessToken }))).rejects.toMatchObject({
        name: 'UnauthorizedException',
        $metadata: { httpStatusCode: 401 },
      });
    }
    endpoint.setFaults({ ssoTokens: 'revoked' });
    await expect(
      sso().send(new ListAccountsCommand({ accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN' })),
    ).rejects.toMatchObject({ name: 'UnauthorizedException' });
    endpoint.setFaults({});
    await expect(
      sso().send(
        new GetRoleCredentialsCommand({
          accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN',
          accountId: '111122223333',
          roleName: 'AdministratorAccess',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ForbiddenException' });
  });

  it('serves a verification page that approves the code', async () => {
    const { dev, poll } = await startDevice();
    const page = await (await fetch(dev.verificationUriComplete!)).text();
    expect(page).toContain(dev.userCode);
    const res = await fetch(`${endpoint.url}/device/approve`, {
      method: 'POST',
      body: new URLSearchParams({ user_code: dev.userCode! }),
    });
    expect(res.status).toBe(200);
    expect((await poll()).accessToken).toBeTruthy();
  });
});

describe('local AWS endpoint: IAM account alias', () => {
  it('answers ListAccountAliases from the scenario, and AccessDenied when configured', async () => {
    const { IAMClient, ListAccountAliasesCommand } = await import('@aws-sdk/client-iam');
    const role = endpoint.scenario.sso.users[0]!.assignments[0]!.credentials;
    const iam = new IAMClient({ region: 'us-east-1', endpoint: endpoint.url, credentials: role, maxAttempts: 1 });
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['example-prod']);
    const none = new IAMClient({
      region: 'us-east-1',
      endpoint: endpoint.url,
      credentials: staticCreds,
      maxAttempts: 1,
    });
    expect((await none.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    endpoint.setFaults({ denyActions: ['iam:ListAccountAliases'] });
    await expect(iam.send(new ListAccountAliasesCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    expect(endpoint.calls.get('iam:ListAccountAliases')).toBe(3);
  });
});

describe('local AWS endpoint: authorization code with PKCE', () => {
  async function authorize(redirectUri: string, verifier: string) {
    const reg = await oidc().send(
      new RegisterClientCommand({
        clientName: 't',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        issuerUrl: endpoint.scenario.sso.startUrl,
      }),
    );
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: reg.clientId!,
      redirect_uri: redirectUri,
      state: 's1',
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    });
    const page = await fetch(`${endpoint.url}/authorize?${q}`);
    return { reg, page, text: await page.text() };
  }

  it('redirects with a one-time code that only the matching verifier redeems', async () => {
    const { reg, text } = await authorize('http://127.0.0.1:45678/oauth/callback', 'v'.repeat(64));
    const id = /name="id" value="([^"]+)"/.exec(text)![1]!;
    const res = await fetch(`${endpoint.url}/authorize/decide`, {
      method: 'POST',
      body: new URLSearchParams({ id, decision: 'allow' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe('http://127.0.0.1:45678/oauth/callback');
    expect(back.searchParams.get('state')).toBe('s1');
    const code = back.searchParams.get('code')!;
    const redeem = (codeVerifier: string, redirectUri = 'http://127.0.0.1:45678/oauth/callback') =>
      oidc().send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: 'authorization_code',
          code,
          codeVerifier,
          redirectUri,
        }),
      );
    await expect(redeem('w'.repeat(64))).rejects.toMatchObject({ name: 'InvalidGrantException' });
    await expect(redeem('v'.repeat(64), 'http://127.0.0.1:1/oauth/callback')).rejects.toMatchObject({
      name: 'InvalidGrantException',
    });
    expect((await redeem('v'.repeat(64))).refreshToken).toMatch(/^aor/);
    await expect(redeem('v'.repeat(64))).rejects.toMatchObject({ name: 'InvalidGrantException' });
  });

  it('refuses a redirect URI that was not registered', async () => {
    const { page } = await authorize('http://evil.example/oauth/callback', 'v'.repeat(64));
    expect(page.status).toBe(400);
  });
});
