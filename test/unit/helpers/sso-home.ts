import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostNameUrl } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS, START_URL, awsHome } from '../aws/aws-home';

/**
 * A private AWS home with every kind of profile, pointed at the local endpoint by host name (so
 * S3 Control's `<account>.` prefix resolves), with the `corp` SSO session already signed in.
 */
export function signedInSsoHome(endpointUrl: string) {
  const home = awsHome({
    config: ALL_KINDS_CONFIG,
    credentials: ALL_KINDS_CREDENTIALS,
    endpointUrl: hostNameUrl(endpointUrl),
  });
  mkdirSync(home.cacheDir, { recursive: true });
  writeFileSync(
    join(home.cacheDir, `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      startUrl: START_URL,
      region: 'us-east-1',
      accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN',
      expiresAt: '2099-01-01T00:00:00Z',
    }),
  );
  return home;
}
