import { hostNameUrl } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { writeSignedInAwsHome } from '../../fixtures/signed-in-aws-home';
import { awsHome } from '../aws/aws-home';

/**
 * A private AWS home with every kind of profile, pointed at the local endpoint by host name (so
 * S3 Control's `<account>.` prefix resolves), with the `corp` SSO session already signed in.
 */
export function signedInSsoHome(endpointUrl: string) {
  const home = awsHome({ endpointUrl: hostNameUrl(endpointUrl) });
  writeSignedInAwsHome(home.home);
  return home;
}
