import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/client-sso';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { federatedLoginUrl, loginUrl, redactUrl, signinTokenUrl } from '../../../main/services/capture/federation';
import { capturePartition } from '../../../main/services/capture/capture-adapter';
import {
  awsNavigationPolicy,
  isRoleSwitchUrl,
  webNavigationPolicy,
} from '../../../main/services/capture/navigation-policy';
import { consoleUrl, DEFAULT_ENDPOINTS, partitionOf } from '../../../main/services/capture/partitions';
import { isAppError } from '../../../shared/ipc/result';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { startStandInConsole, type StandInConsole } from '../../../main/sandbox/stand-in-console/server';

const SSO_CREDS = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSSOEXAMPLEKEY',
  sessionToken: 'FwoGZXIvYXdzEXAMPLESSOSESSIONTOKENproduction',
};

describe('federation URLs per partition', () => {
  it.each([
    [
      'aws',
      'arn:aws:sts::111122223333:assumed-role/R/jane',
      'eu-west-1',
      'https://signin.aws.amazon.com',
      'https://console.aws.amazon.com',
    ],
    [
      'aws-us-gov',
      'arn:aws-us-gov:sts::111122223333:assumed-role/R/jane',
      'us-gov-west-1',
      'https://signin.amazonaws-us-gov.com',
      'https://console.amazonaws-us-gov.com',
    ],
    [
      'aws-cn',
      'arn:aws-cn:sts::111122223333:assumed-role/R/jane',
      'cn-north-1',
      'https://signin.amazonaws.cn',
      'https://console.amazonaws.cn',
    ],
  ] as const)(
    '%s: GetSigninToken and login go to the partition sign-in host, the destination to its console',
    (partition, arn, region, signin, consoleHost) => {
      expect(partitionOf(arn, region)).toBe(partition);
      expect(partitionOf(undefined, region)).toBe(partition);
      const endpoints = DEFAULT_ENDPOINTS[partition];

      const tokenUrl = new URL(signinTokenUrl(endpoints, SSO_CREDS));
      expect(`${tokenUrl.origin}${tokenUrl.pathname}`).toBe(`${signin}/federation`);
      expect(tokenUrl.searchParams.get('Action')).toBe('getSigninToken');
      expect(JSON.parse(tokenUrl.searchParams.get('Session')!)).toEqual({
        sessionId: SSO_CREDS.accessKeyId,
        sessionKey: SSO_CREDS.secretAccessKey,
        sessionToken: SSO_CREDS.sessionToken,
      });

      const destination = consoleUrl(endpoints, '/cloudtrail/home#/trails', region, true);
      expect(destination).toBe(`${consoleHost}/cloudtrail/home?region=${region}#/trails`);
      const login = new URL(loginUrl(endpoints, 'TOKEN+/=', destination));
      expect(`${login.origin}${login.pathname}`).toBe(`${signin}/federation`);
      expect(Object.fromEntries(login.searchParams)).toEqual({
        Action: 'login',
        Issuer: 'audit-workbench',
        Destination: destination,
        SigninToken: 'TOKEN+/=',
      });
    },
  );

  it('adds the region only to regional pages, merging with a query the path already has', () => {
    const e = DEFAULT_ENDPOINTS.aws;
    expect(consoleUrl(e, '/iam/home#/users', 'eu-west-1', false)).toBe(
      'https://console.aws.amazon.com/iam/home#/users',
    );
    expect(consoleUrl(e, '/systems-manager/patch-manager', 'eu-west-1', true)).toBe(
      'https://console.aws.amazon.com/systems-manager/patch-manager?region=eu-west-1',
    );
    expect(consoleUrl(e, '/x/home?tab=a#/y', 'eu-west-1', true)).toBe(
      'https://console.aws.amazon.com/x/home?tab=a&region=eu-west-1#/y',
    );
  });

  it('redacts sign-in tokens and session parameters from URLs before they are recorded', () => {
    const redacted = redactUrl('https://signin.aws.amazon.com/federation?Action=login&SigninToken=abc&Session=xyz');
    expect(redacted).not.toMatch(/abc|xyz/);
    expect(redacted).toContain('Action=login');
  });
});

describe('capture window navigation policy', () => {
  it('lets the AWS window reach only its partition sign-in and console hosts over https', () => {
    const allow = awsNavigationPolicy(DEFAULT_ENDPOINTS.aws);
    for (const ok of [
      'https://console.aws.amazon.com/iam/home',
      'https://us-east-1.console.aws.amazon.com/ec2/home',
      'https://signin.aws.amazon.com/federation',
      'https://eu-west-1.signin.aws.amazon.com/oauth',
    ]) {
      expect(allow(ok), ok).toBe(true);
    }
    for (const bad of [
      'http://console.aws.amazon.com/',
      'https://console.amazonaws.cn/',
      'https://evilconsole.aws.amazon.com/',
      'https://console.aws.amazon.com.evil.example/',
      'https://example.com/',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(allow(bad), bad).toBe(false);
    }
    expect(awsNavigationPolicy(DEFAULT_ENDPOINTS['aws-us-gov'])('https://console.aws.amazon.com/')).toBe(false);
  });

  it('refuses role switches in the AWS window, whatever the spelling, so its banner keeps naming the identity it shows', () => {
    const allow = awsNavigationPolicy(DEFAULT_ENDPOINTS.aws);
    const switches = [
      'https://signin.aws.amazon.com/switchrole?roleName=Admin&account=444455556666',
      'https://signin.aws.amazon.com/switchrole',
      'https://us-east-1.signin.aws.amazon.com/SwitchRole?account=123456789012',
      'https://signin.aws.amazon.com/%73witchrole?account=444455556666',
      'https://console.aws.amazon.com/console/switch-role',
    ];
    for (const url of switches) {
      expect(isRoleSwitchUrl(url), url).toBe(true);
      expect(allow(url), url).toBe(false);
    }
    // The console's own pages about roles and the sign-in flow stay reachable.
    for (const url of [
      'https://console.aws.amazon.com/iam/home#/roles',
      'https://signin.aws.amazon.com/federation?Action=login',
      'https://console.aws.amazon.com/iam/home?switchrole=#/roles',
    ]) {
      expect(isRoleSwitchUrl(url), url).toBe(false);
      expect(allow(url), url).toBe(true);
    }
    expect(isRoleSwitchUrl('not a url')).toBe(false);
  });

  it('gives every AWS window an in-memory session of its own, and web tools one persistent session', () => {
    const a = capturePartition('aws', 'capture-1');
    const b = capturePartition('aws', 'capture-2');
    expect(a).not.toBe(b);
    for (const p of [a, b]) expect(p.startsWith('persist:'), p).toBe(false);
    expect(capturePartition('web', 'capture-3')).toBe(capturePartition('web', 'capture-4'));
    expect(capturePartition('web', 'capture-3').startsWith('persist:')).toBe(true);
    expect(capturePartition('web', 'capture-3')).not.toBe(a);
  });

  it('lets web-tool windows reach https pages only, plus test-configured local origins', () => {
    const allow = webNavigationPolicy(['http://127.0.0.1:9']);
    expect(allow('https://github.com/acme/repo/settings/branches')).toBe(true);
    expect(allow('http://github.com/')).toBe(false);
    expect(allow('https://user:pass@github.com/')).toBe(false);
    expect(allow('javascript:alert(1)')).toBe(false);
    expect(allow('http://127.0.0.1:9/tool/x')).toBe(true);
    expect(allow('http://127.0.0.1:10/tool/x')).toBe(false);
  });
});

describe('GetSigninToken against the stand-in federation endpoint', () => {
  let aws: AwsEndpoint;
  let standIn: StandInConsole;
  let portal: typeof SSO_CREDS;
  beforeAll(async () => {
    aws = await startAwsEndpoint({ scenario: 'basic' });
    standIn = await startStandInConsole(aws);
    // The credentials come from the local SSO portal through the real SDK, as the app gets them.
    const sso = new SSOClient({ region: 'us-east-1', endpoint: aws.url });
    const { roleCredentials: c } = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN',
        accountId: '111122223333',
        roleName: 'AuditRole',
      }),
    );
    portal = { accessKeyId: c!.accessKeyId!, secretAccessKey: c!.secretAccessKey!, sessionToken: c!.sessionToken! };
  });
  afterAll(async () => {
    await standIn.close();
    await aws.close();
  });
  const endpoints = () => ({ signin: standIn.url, console: standIn.url });

  it('turns SSO role credentials into a one-time login URL that lands on the destination', async () => {
    const destination = `${standIn.url}/iam/home#/users`;
    const url = await federatedLoginUrl({ profile: 'audit', endpoints: endpoints(), credentials: portal, destination });
    const login = new URL(url);
    expect(login.searchParams.get('SigninToken')).toBe(standIn.issuedTokens.at(-1));
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(destination);
    // The token is spent: a replay is refused.
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
  });

  it('is refused for credentials the SSO portal did not issue, naming the fix and never the token', async () => {
    const error = await federatedLoginUrl({
      profile: 'audit',
      endpoints: endpoints(),
      credentials: { ...portal, sessionToken: 'FwoGZXIvYXdzEXAMPLEFORGED' },
      destination: `${standIn.url}/iam/home`,
    }).catch((e) => e);
    expect(isAppError(error) && error.code).toBe('SIGNIN_REFUSED');
    expect(error.hint).toMatch(/Sign in again/);
    expect(standIn.refusals.at(-1)).toBe('credentials do not match');
    expect(JSON.stringify(error.toData())).not.toContain(portal.secretAccessKey);
    // Keys the portal never handed out in this run are refused even when they are real scenario keys.
    const sandbox = {
      accessKeyId: 'ASIAI44QH8DHBEXAMPLE',
      secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbSSOEXAMPLEKEY',
      sessionToken: 'FwoGZXIvYXdzEXAMPLESSOSESSIONTOKENsandbox',
    };
    await expect(
      federatedLoginUrl({
        profile: 'audit',
        endpoints: endpoints(),
        credentials: sandbox,
        destination: `${standIn.url}/`,
      }),
    ).rejects.toMatchObject({ code: 'SIGNIN_REFUSED' });
    expect(standIn.refusals.at(-1)).toBe('credentials were not issued by the SSO portal');
  });

  it('refuses long-term keys before calling AWS, and reports an unreachable sign-in host as a network problem', async () => {
    const keys = await federatedLoginUrl({
      profile: 'keys',
      endpoints: endpoints(),
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      destination: `${standIn.url}/`,
    }).catch((e) => e);
    expect(keys.code).toBe('SIGNIN_REFUSED');
    expect(keys.message).toMatch(/long-term access keys/);
    const down = await federatedLoginUrl({
      profile: 'audit',
      endpoints: { signin: 'http://127.0.0.1:9', console: 'http://127.0.0.1:9' },
      credentials: SSO_CREDS,
      destination: 'http://127.0.0.1:9/',
    }).catch((e) => e);
    expect(down.code).toBe('NETWORK');
    expect(JSON.stringify(down.toData())).not.toContain(SSO_CREDS.sessionToken);
  });
});
