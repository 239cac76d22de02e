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
  it('trusts the bundled renderer and the dev server only', () => {
    expect(isTrustedAppUrl('file:///opt/Audit%20Workbench/resources/app.asar/out/renderer/index.html')).toBe(true);
    expect(isTrustedAppUrl('file:///opt/app/out/renderer/index.html#/controls')).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedAppUrl('file:///tmp/evil.html')).toBe(false);
    expect(isTrustedAppUrl('https://console.aws.amazon.com/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});
