import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LoginProgress } from '../../../shared/domain/aws';
import { AwsService } from '../../../main/services/aws/aws-service';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, awsHome, useBasicEndpoint } from './aws-home';

const endpoint = useBasicEndpoint();

/** The person's browser: loads the authorize page and presses a button; the redirect lands on the app's loopback. */
async function browser(url: string, decision: 'allow' | 'deny') {
  const page = await (await fetch(url)).text();
  const id = /name="id" value="([^"]+)"/.exec(page)?.[1];
  if (!id) throw new Error(`no authorize form in: ${page}`);
  await fetch(`${endpoint.url}/authorize/decide`, { method: 'POST', body: new URLSearchParams({ id, decision }) });
}

function setup(person: (url: string) => Promise<void> | void) {
  const ctx = awsHome({ config: ALL_KINDS_CONFIG, credentials: ALL_KINDS_CREDENTIALS, endpointUrl: endpoint.url });
  const opened: string[] = [];
  const progress: LoginProgress[] = [];
  const aws = new AwsService({
    openExternal: (url) => {
      opened.push(url);
      return person(url);
    },
    pollScale: 0.01,
    clientSettings: { maxAttempts: 1 },
  });
  return { ...ctx, aws, opened, progress, onProgress: (p: LoginProgress) => progress.push(p) };
}

describe('SSO sign-in with authorization code and PKCE (loopback redirect)', () => {
  it('signs in without a code, writes the CLI cache with a refresh token, and the profile works', async () => {
    const t = setup((url) => browser(url, 'allow'));
    const result = await t.aws.signIn('audit', t.onProgress, 'browser');
    expect(t.progress.map((p) => p.stage)).toEqual(['starting', 'browser', 'done']);
    const url = new URL(t.opened[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${endpoint.url}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      redirect_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/),
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const cache = JSON.parse(
      readFileSync(join(t.cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`), 'utf8'),
    );
    expect(cache).toMatchObject({
      expiresAt: result.expiresAt,
      refreshToken: expect.stringMatching(/^aor/),
      clientId: expect.any(String),
    });
    expect((await t.aws.whoami('audit')).accountId).toBe('111122223333');
    expect(endpoint.calls.get('sso-oidc:StartDeviceAuthorization')).toBeUndefined();
  });

  it('reports a denied sign-in', async () => {
    const t = setup((url) => browser(url, 'deny'));
    await expect(t.aws.signIn('audit', t.onProgress, 'browser')).rejects.toMatchObject({ code: 'SSO_LOGIN_DENIED' });
    expect(t.progress.at(-1)).toMatchObject({ stage: 'failed', code: 'SSO_LOGIN_DENIED' });
  });

  it('can be cancelled while the browser is open, and closes its loopback listener', async () => {
    const t = setup(() => undefined);
    const run = t.aws.signIn('audit', t.onProgress, 'browser');
    await vi.waitFor(() => expect(t.opened).toHaveLength(1));
    const redirect = new URL(t.opened[0]!).searchParams.get('redirect_uri')!;
    t.aws.cancelSignIn('audit');
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(fetch(redirect)).rejects.toThrow();
  });

  it('ignores callbacks for another sign-in (forged by any local process) and completes with the real one', async () => {
    const forged: { status: number; body: string }[] = [];
    const t = setup(async (url) => {
      const loopback = new URL(new URL(url).searchParams.get('redirect_uri')!);
      for (const query of [
        'error=access_denied&state=not-the-state',
        'error=x',
        'code=stolen&state=not-the-state',
        'code=stolen',
      ]) {
        const r = await fetch(`${loopback}?${query}`);
        forged.push({ status: r.status, body: await r.text() });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      stagesAfterForgeries = t.progress.map((p) => p.stage);
      await browser(url, 'allow');
    });
    let stagesAfterForgeries: string[] = [];
    const result = await t.aws.signIn('audit', t.onProgress, 'browser');
    expect(forged).toEqual(
      Array(4).fill({ status: 400, body: expect.stringContaining('does not belong to the sign-in') }),
    );
    // Still waiting after the forged answers: they ended nothing.
    expect(stagesAfterForgeries).toEqual(['starting', 'browser']);
    expect(t.progress.map((p) => p.stage)).toEqual(['starting', 'browser', 'done']);
    expect(result.expiresAt).toEqual(expect.any(String));
    expect((await t.aws.whoami('audit')).accountId).toBe('111122223333');
  });

  it('still ends the sign-in when the real callback reports an error', async () => {
    const t = setup(async (url) => {
      const loopback = new URL(new URL(url).searchParams.get('redirect_uri')!);
      status = (await fetch(`${loopback}?error=server_error&state=${new URL(url).searchParams.get('state')}`)).status;
    });
    let status = 0;
    await expect(t.aws.signIn('audit', t.onProgress, 'browser')).rejects.toMatchObject({
      code: 'SSO_LOGIN_DENIED',
      message: expect.stringContaining('server_error'),
    });
    expect(status).toBe(200);
  });

  it('signs legacy profiles in with a device code, as the AWS CLI does', async () => {
    const t = setup((url) => endpoint.approveDevice(new URL(url).searchParams.get('user_code')!));
    await t.aws.signIn('legacy', t.onProgress, 'browser');
    expect(t.progress.map((p) => p.stage)).toEqual(['starting', 'waiting', 'done']);
  });
});
