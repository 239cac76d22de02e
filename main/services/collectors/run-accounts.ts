import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import { regionsInUse } from '../../../shared/rules/account';
import type { AwsIdentity } from '../../../shared/domain/aws';
import type { ApiCall, AwsContext } from '../../../shared/domain/evidence';
import type { RunAccount } from '../../../shared/domain/findings';
import type { AppError } from '../../../shared/ipc/result';
import { mapAwsError } from '../aws/errors';
import type { AwsService } from '../aws/aws-service';
import type { RunClients } from '../aws/run-clients';
import type { Limit } from '../map-limit';
import { CallRecorder } from './call-recorder';
import type { AccountTarget } from './engine';
import { regions as listRegions } from './sources/account';
import type { PollOptions } from './sources/types';

/** Profile kinds that sign in through IAM Identity Center, so reach other accounts with their role. */
const SSO_KINDS = new Set(['sso', 'sso-legacy']);
export const isSsoProfileKind = (kind: string): boolean => SSO_KINDS.has(kind);

/**
 * The accounts a run reads: the workspace's scope (the accounts chosen on the AWS screen), or
 * the profile's own account when none was chosen; the profile's own account first, as people
 * expect to read it.
 */
export function accountsToRead(scope: readonly string[], own: string): string[] {
  const accountIds = scope.length > 0 ? [...scope] : [own];
  return accountIds.sort((a, b) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)));
}

/** One account a run reads, with the provenance its evidence carries. */
export interface ReachedAccount {
  target: AccountTarget;
  aws: AwsContext;
  /** STS GetCallerIdentity (and alias, Account ListRegions) calls the account's evidence begins with. */
  identityCalls: ApiCall[];
  summary: RunAccount;
}

export interface AccountsInput {
  aws: Pick<AwsService, 'clients' | 'accountCredentials'>;
  profile: string;
  sso: boolean;
  identity: AwsIdentity;
  accountIds: string[];
  chosenRegions: readonly string[] | undefined;
  /** Only runs with a regional check ask which regions are enabled. */
  needsRegions: boolean;
  requestTimeoutMs: number;
  retryStrategy: () => RetryStrategyV2;
  limit: Limit;
  now: () => Date;
  signal: AbortSignal;
  poll: PollOptions;
}

const identityCallsOf = (identity: AwsIdentity): ApiCall[] => [
  {
    service: 'sts',
    operation: 'GetCallerIdentity',
    requestId: identity.requestId,
    at: identity.checkedAt,
    region: identity.region,
  },
  // The account alias in every record comes from this call.
  ...(identity.aliasCall
    ? [
        {
          service: 'iam',
          operation: 'ListAccountAliases',
          requestId: identity.aliasCall.requestId,
          at: identity.aliasCall.at,
          region: identity.region,
        },
      ]
    : []),
];

/**
 * Every account in scope, each with its own credentials: the profile's own account with the
 * profile, the others with the profile's role through the SSO portal (GetRoleCredentials, in
 * memory). An account that cannot be reached is returned apart with why; the others go on.
 */
export async function reachAccounts(
  o: AccountsInput,
): Promise<{ reached: ReachedAccount[]; unreachable: RunAccount[]; destroy: () => void }> {
  const home = o.identity.region;
  const partition = o.identity.principalArn.split(':')[1] || 'aws';
  const made: RunClients[] = [];
  const clientsWith = (credentials: AwsCredentialIdentityProvider) => {
    const c = o.aws.clients.forRun({
      credentials,
      requestTimeoutMs: o.requestTimeoutMs,
      retryStrategy: o.retryStrategy(),
    });
    made.push(c);
    return c;
  };
  const results = await Promise.all(
    o.accountIds.map(async (accountId): Promise<ReachedAccount | RunAccount> => {
      const own = accountId === o.identity.accountId;
      try {
        let clients: RunClients;
        let aws: AwsContext;
        let identityCalls: ApiCall[];
        if (own) {
          clients = clientsWith(o.aws.clients.credentials(o.profile));
          aws = {
            accountId,
            ...(o.identity.accountAlias ? { accountAlias: o.identity.accountAlias } : {}),
            principalArn: o.identity.principalArn,
            region: home,
            profile: o.profile,
          };
          identityCalls = identityCallsOf(o.identity);
        } else {
          if (!o.sso)
            return {
              id: accountId,
              regions: [],
              notEnabled: [],
              error: {
                code: 'PROFILE_INVALID',
                message: `The profile "${o.profile}" signs in to ${o.identity.accountId} only; account ${accountId} can be reached only through IAM Identity Center (SSO).`,
                hint: 'Use an SSO profile for this workspace, or take the account out of scope on the AWS screen.',
              },
            };
          clients = clientsWith(o.aws.accountCredentials(o.profile, accountId));
          const recorder = new CallRecorder('sts', home, o.now, o.limit);
          const { output, call } = await recorder.call('GetCallerIdentity', () =>
            clients.sts(home).send(new GetCallerIdentityCommand({}), { abortSignal: o.signal }),
          );
          aws = { accountId, principalArn: output.Arn ?? '', region: home, profile: o.profile };
          identityCalls = [call];
        }
        let regions = { regions: [{ region: home, why: 'the home region' }], notEnabled: [] as string[] };
        if (o.needsRegions) {
          const recorder = new CallRecorder('account', home, o.now, o.limit);
          const listed = await listRegions({
            accountId,
            clients,
            region: home,
            signal: o.signal,
            recorder,
            poll: o.poll,
            dependency: () => Promise.reject(new Error('ListRegions depends on nothing')),
          }).then(
            (r) => r.value,
            () => null,
          );
          identityCalls = [...identityCalls, ...recorder.calls];
          regions = regionsInUse(listed, o.chosenRegions, home);
        }
        const target: AccountTarget = {
          accountId,
          partition,
          homeRegion: home,
          regions: regions.regions.map((r) => r.region),
          // A chosen region not enabled gets a "not enabled" row in each regional check; the ones
          // ListRegions merely lists as disabled are recorded in the run's summary only.
          notEnabled: o.chosenRegions && o.chosenRegions.length > 0 ? regions.notEnabled : [],
          ...(o.chosenRegions && o.chosenRegions.length > 0 ? { regionsChosen: true } : {}),
          clients,
        };
        return {
          target,
          aws,
          identityCalls,
          summary: {
            id: accountId,
            ...(aws.accountAlias ? { alias: aws.accountAlias } : {}),
            principalArn: aws.principalArn,
            regions: regions.regions,
            notEnabled: regions.notEnabled,
          },
        };
      } catch (e) {
        const m = mapAwsError(e, { profile: o.profile, sso: o.sso }) as AppError;
        return {
          id: accountId,
          regions: [],
          notEnabled: [],
          error: { code: m.code, message: m.message, ...(m.hint ? { hint: m.hint } : {}) },
        };
      }
    }),
  );
  const reached = results.filter((r): r is ReachedAccount => 'target' in r);
  const unreachable = results.filter((r): r is RunAccount => !('target' in r));
  return { reached, unreachable, destroy: () => made.forEach((c) => c.destroy()) };
}
