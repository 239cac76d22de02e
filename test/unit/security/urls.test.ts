import { RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../main/services/security/external-urls';
import { isTrustedAppUrl } from '../../../main/services/security/trusted-sender';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';

/** Regions from each partition the app supports, including the newest-shaped names. */
const REGIONS = [
  'us-east-1',
  'eu-central-2',
  'ap-southeast-7',
  'mx-central-1',
  'il-central-1',
  'ca-west-1',
  'us-gov-west-1',
  'us-gov-east-1',
  'cn-north-1',
  'cn-northwest-1',
];

describe('links that may leave the app', () => {
  it('allows the authorize page on the OIDC host the SDK resolves, in every partition', () => {
    for (const region of REGIONS) {
      const oidc = new SSOOIDCClient({ region }).config.endpointProvider({
        Region: region,
        UseFIPS: false,
        UseDualStack: false,
      }).url;
      // Built as sso-auth-code-flow.ts builds it.
      const authorize = `${oidc.origin}/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'abc', redirect_uri: 'http://127.0.0.1:53127/oauth/callback', state: 's' })}`;
      expect(isAllowedExternalUrl(authorize), authorize).toBe(true);
      expect(isAllowedExternalUrl(`${oidc.origin}/token`), 'only the authorize page').toBe(false);
    }
  });

  it('allows the device verification pages AWS returns as verificationUriComplete, and the portals', () => {
    for (const good of [
      'https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH',
      'https://device.sso.us-gov-west-1.amazonaws.com/?user_code=ABCD-EFGH',
      'https://device.sso.cn-north-1.amazonaws.com.cn/?user_code=ABCD-EFGH',
      'https://ap-southeast-2.signin.aws/platform/authorize?request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc',
      'https://d-1234567890.awsapps.com/start',
      'https://d-9067example.awsapps.com/start/#/device?user_code=ABCD-EFGH',
      'https://my-company.awsapps.com/start/',
      'https://d-1234567890.awsapps.cn/start',
      'https://start.us-gov-home.awsapps.com/directory/d-1234567890',
      'https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosignin.html',
    ]) {
      expect(isAllowedExternalUrl(good), good).toBe(true);
    }
  });

  it('refuses hosts anyone can get under the AWS domains', () => {
    for (const bad of [
      'https://attacker-bucket.s3.amazonaws.com/login.html',
      'https://s3.amazonaws.com/attacker-bucket/login.html',
      'https://attacker-bucket.s3.us-east-1.amazonaws.com/login.html',
      'https://abc.execute-api.us-east-1.amazonaws.com/',
      'https://ec2-203-0-113-25.compute-1.amazonaws.com/',
      'https://attacker.awsapps.com/',
      'https://attacker.awsapps.com/phish/start',
      'https://device.sso.attacker.amazonaws.com/',
      'https://oidc.us-east-1.amazonaws.com.cn/authorize',
      'https://oidc.cn-north-1.amazonaws.com/authorize',
      'https://device.sso.us-east-1.s3.amazonaws.com/',
      'https://oidc.us-east-1.s3.amazonaws.com/authorize',
      'https://x.device.sso.us-east-1.amazonaws.com/',
      'https://evil.signin.aws/platform/authorize',
      'https://console.aws.amazon.com/iam/home',
      'https://aws.amazon.com/',
    ]) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
  });

  it('refuses other schemes, ports, look-alike hosts, credentials in URLs and non-strings', () => {
    for (const bad of [
      'http://device.sso.us-east-1.amazonaws.com/',
      'https://device.sso.us-east-1.amazonaws.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://docs.aws.amazon.com.evil.example/',
      'https://evilamazonaws.com/',
      'https://user:pw@docs.aws.amazon.com/',
      'not a url',
      42,
      null,
    ]) {
      expect(isAllowedExternalUrl(bad), String(bad)).toBe(false);
    }
  });

  it("refuses the local test endpoint's pages: the UI harness records opened URLs without this check", async () => {
    const endpoint = await startAwsEndpoint({ scenario: 'basic' });
    try {
      const oidc = new SSOOIDCClient({
        region: 'us-east-1',
        endpoint: endpoint.url,
        credentials: {
          accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        },
      });
      const reg = await oidc.send(new RegisterClientCommand({ clientName: 'urls-test', clientType: 'public' }));
      const device = await oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          startUrl: 'https://d-9067example.awsapps.com/start',
        }),
      );
      expect(device.verificationUriComplete).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(isAllowedExternalUrl(device.verificationUriComplete)).toBe(false);
    } finally {
      await endpoint.close();
    }
  });
});

describe('which pages may use the API', () => {
  const packaged = {};
  it('trusts exactly the renderer served under app://, with any route', () => {
    expect(isTrustedAppUrl('app://renderer/index.html', packaged)).toBe(true);
    expect(isTrustedAppUrl('app://renderer/index.html#/controls', packaged)).toBe(true);
    expect(isTrustedAppUrl('app://renderer/index.html?x=1', packaged)).toBe(true);
  });

  it('refuses local files (the renderer is no longer a file:// page) and other app:// pages or hosts', () => {
    expect(isTrustedAppUrl('file:///opt/Audit%20Workbench/resources/app.asar/out/renderer/index.html', packaged)).toBe(
      false,
    );
    expect(isTrustedAppUrl('file:///home/u/Downloads/renderer/index.html', packaged)).toBe(false);
    expect(isTrustedAppUrl('app://renderer/assets/other.html', packaged)).toBe(false);
    expect(isTrustedAppUrl('app://evil/index.html', packaged)).toBe(false);
    expect(isTrustedAppUrl('file:///tmp/evil.html', packaged)).toBe(false);
    expect(isTrustedAppUrl('not a url', packaged)).toBe(false);
  });

  it('trusts the dev server only when one is configured', () => {
    const dev = { devServerUrl: 'http://localhost:5173' };
    expect(isTrustedAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/', packaged)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedAppUrl('https://console.aws.amazon.com/', dev)).toBe(false);
  });
});
