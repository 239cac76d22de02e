import type { Snapshot } from '../../../shared/checks/types';
import type { UsageSource } from '../../../shared/rules/account/region-usage';
import type { InRegion } from '../../../shared/rules/regional';
import type { RunClients } from '../aws/run-clients';
import { mapAwsError } from '../aws/errors';
import type { Limit } from '../map-limit';
import { CallRecorder } from './call-recorder';
import { toFindingError } from './engine';
import { ACCOUNT_FETCHERS, REGIONAL_FETCHERS } from './sources';
import type { PollOptions, SourceContext } from './sources/types';

/** The usage sources the Settings card reads (KMS keys are left to the run: one DescribeKey per key). */
const REGIONAL = ['vpcs', 'securityGroups', 'rdsDatabases'] as const;
export const USAGE_READ_FOR_SETTINGS: readonly UsageSource[] = ['buckets', 'trails', ...REGIONAL];

export interface UsageReadInput {
  accountId: string;
  partition: string;
  clients: RunClients;
  homeRegion: string;
  regions: readonly string[];
  now: () => Date;
  limit: Limit;
  signal: AbortSignal;
  poll: PollOptions;
}

/**
 * Reads, for the Settings card, the answers that say where an account has resources (see
 * regionUsage in shared/rules/account/region-usage.ts): the bucket list and trails once, the
 * VPCs, security groups and RDS databases in each region. A region whose answer fails keeps the
 * error, so it counts as in use; an account-wide answer that fails is left out.
 */
export async function readRegionUsage(o: UsageReadInput): Promise<Snapshot> {
  const ctx = (region: string, service: string): SourceContext => ({
    accountId: o.accountId,
    clients: o.clients,
    region,
    signal: o.signal,
    recorder: new CallRecorder(service, region, o.now, o.limit),
    poll: o.poll,
    dependency: () => Promise.reject(new Error('The usage sources depend on nothing')),
  });
  const snapshot: Snapshot = { accountId: o.accountId, partition: o.partition };
  const [buckets, trails] = await Promise.all([
    ACCOUNT_FETCHERS.buckets(ctx(o.homeRegion, 's3')).catch(() => undefined),
    ACCOUNT_FETCHERS.trails(ctx(o.homeRegion, 'cloudtrail')).catch(() => undefined),
  ]);
  if (buckets) snapshot.buckets = buckets.value;
  if (trails) snapshot.trails = trails.value;
  await Promise.all(
    REGIONAL.map(async (key) => {
      const readings = await Promise.all(
        o.regions.map((region) =>
          (REGIONAL_FETCHERS[key] as (c: SourceContext) => Promise<{ value: unknown }>)(ctx(region, key)).then(
            (r): InRegion<unknown> => ({ region, value: r.value }),
            (e: unknown): InRegion<unknown> => ({ region, error: toFindingError(mapAwsError(e, {}), key) }),
          ),
        ),
      );
      (snapshot as unknown as Record<string, unknown>)[key] = readings;
    }),
  );
  return snapshot;
}
