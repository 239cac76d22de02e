import type { AccountResources, RegionResources } from './resources';
import type { HandlerEnv } from './types';

/**
 * The regions AWS enables for every account (`ENABLED_BY_DEFAULT`), for an account the scenario
 * says nothing about: it has these regions and nothing in them.
 */
export const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
] as const;

const emptyAccount: AccountResources = {
  regions: Object.fromEntries(DEFAULT_REGIONS.map((r) => [r, { optStatus: 'ENABLED_BY_DEFAULT' }])),
};

/** The calling account's resources: the scenario's, or an empty account with the default regions. */
export function accountResources(env: HandlerEnv): AccountResources {
  return env.resources?.account ?? emptyAccount;
}

export function accountRegions(env: HandlerEnv): Record<string, RegionResources> {
  return accountResources(env).regions;
}

/** What the account holds in the request's signing region (undefined: a region it does not have). */
export function regionResources(env: HandlerEnv): RegionResources | undefined {
  const region = env.resources?.region;
  return region ? accountRegions(env)[region] : undefined;
}
