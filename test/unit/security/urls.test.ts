import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../main/services/security/external-urls';
import { isTrustedAppUrl } from '../../../main/services/security/trusted-sender';

describe('links that may leave the app', () => {
  it('allows https AWS sign-in and console pages', () => {
    expect(isAllowedExternalUrl('https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH')).toBe(true);
    expect(isAllowedExternalUrl('https://d-1234567890.awsapps.com/start')).toBe(true);
    expect(isAllowedExternalUrl('https://console.aws.amazon.com/iam/home')).toBe(true);
  });

  it('refuses other schemes, look-alike hosts, credentials in URLs and non-strings', () => {
    for (const bad of [
      'http://console.aws.amazon.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://aws.amazon.com.evil.example/',
      'https://evilamazonaws.com/',
      'https://user:pw@console.aws.amazon.com/',
      'not a url',
      42,
      null,
    ]) {
      expect(isAllowedExternalUrl(bad), String(bad)).toBe(false);
    }
  });
});

describe('which pages may use the API', () => {
  const packaged = { appFileUrl: 'file:///opt/Audit%20Workbench/resources/app.asar/out/renderer/index.html' };
  it('trusts exactly the bundled renderer, with any route', () => {
    expect(isTrustedAppUrl(packaged.appFileUrl, packaged)).toBe(true);
    expect(isTrustedAppUrl(`${packaged.appFileUrl}#/controls`, packaged)).toBe(true);
    expect(isTrustedAppUrl(`${packaged.appFileUrl}?x=1`, packaged)).toBe(true);
  });

  it('refuses other local files, even ones named renderer/index.html', () => {
    expect(isTrustedAppUrl('file:///home/u/Downloads/renderer/index.html', packaged)).toBe(false);
    expect(isTrustedAppUrl('file:///opt/Audit%20Workbench/resources/app.asar/out/renderer/../../evil/renderer/index.html', packaged)).toBe(false);
    expect(isTrustedAppUrl('file:///tmp/evil.html', packaged)).toBe(false);
    expect(isTrustedAppUrl('not a url', packaged)).toBe(false);
  });

  it('trusts the dev server only when one is configured', () => {
    const dev = { ...packaged, devServerUrl: 'http://localhost:5173' };
    expect(isTrustedAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/', packaged)).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedAppUrl('https://console.aws.amazon.com/', dev)).toBe(false);
  });
});
