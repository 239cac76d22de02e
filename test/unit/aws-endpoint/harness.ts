import { multiAccountScenario, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { useLocalEndpoint } from '../helpers/local-endpoint';

/**
 * The multi-account scenario's endpoint for one test file, and SDK client settings for an
 * account's audit role in a region (the role credentials GetRoleCredentials hands out).
 * `maxAttempts: 1` so each fault surfaces as the typed error instead of being retried.
 */
export function useMultiAccountEndpoint(): AwsEndpoint {
  return useLocalEndpoint({ scenario: multiAccountScenario() });
}

export function roleCredentials(accountId: string) {
  const user = multiAccountScenario().sso.users[0]!;
  const a = user.assignments.find((x) => x.accountId === accountId);
  if (!a) throw new Error(`The multi-account scenario has no assignment in ${accountId}`);
  return a.credentials;
}

export function clientConfig(endpoint: AwsEndpoint, accountId: string, region: string, maxAttempts = 1) {
  return { region, endpoint: endpoint.url, credentials: roleCredentials(accountId), maxAttempts };
}
