import type { AccountFacts } from '../../checks/types';

/** Account ListRegions: a region and whether the account may use it. */
export interface AccountRegion {
  RegionName: string;
  RegionOptStatus: 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT';
}

export interface AccountSourceValues {
  regions: AccountRegion[];
}

export const isEnabledRegion = (r: AccountRegion) =>
  r.RegionOptStatus === 'ENABLED' || r.RegionOptStatus === 'ENABLED_BY_DEFAULT';

/** An ARN-shaped name for a whole region of a service (GuardDuty in eu-west-1), where AWS has no ARN. */
export const regionArn = (a: AccountFacts, service: string, region: string) =>
  `arn:${a.partition}:${service}:${region}:${a.accountId}:`;

/** One region a run reads, and why it is read. */
export interface RegionInUse {
  region: string;
  why: string;
}

export interface RegionsInUse {
  /** Read by the regional checks. */
  regions: RegionInUse[];
  /** Chosen or listed, but disabled or not opted in: recorded as such and never called. */
  notEnabled: string[];
}

/**
 * The regions a run reads: the workspace's choice when it made one (Settings), else every region
 * the account has enabled (Account ListRegions), else the home region alone. A region the
 * account has not enabled is set apart, whatever the choice says.
 */
export function regionsInUse(
  listed: AccountRegion[] | null,
  chosen: readonly string[] | undefined,
  home: string,
): RegionsInUse {
  const status = new Map((listed ?? []).map((r) => [r.RegionName, r]));
  const enabled = (region: string) => {
    const r = status.get(region);
    return listed === null || r === undefined ? true : isEnabledRegion(r);
  };
  if (chosen && chosen.length > 0) {
    return {
      regions: chosen.filter(enabled).map((region) => ({ region, why: 'chosen in Settings' })),
      notEnabled: chosen.filter((r) => !enabled(r)),
    };
  }
  if (listed === null)
    return {
      regions: [{ region: home, why: 'the home region (the enabled regions could not be listed)' }],
      notEnabled: [],
    };
  return {
    regions: listed
      .filter(isEnabledRegion)
      .map((r) => ({
        region: r.RegionName,
        why:
          r.RegionOptStatus === 'ENABLED_BY_DEFAULT'
            ? 'enabled by default for the account'
            : 'opted in for the account',
      }))
      .sort((a, b) => a.region.localeCompare(b.region)),
    notEnabled: listed
      .filter((r) => !isEnabledRegion(r))
      .map((r) => r.RegionName)
      .sort(),
  };
}
