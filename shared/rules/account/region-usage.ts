import type { FindingEntity } from '../../domain/findings';
import type { RuleInput, RuleOutcome, Snapshot } from '../../checks/types';
import { judgeRegions, plural, type InRegion } from '../regional';

/** Whether an enabled region counts for the checks that judge a region as a whole (GuardDuty, EBS, Config), and why. */
export interface RegionUse {
  region: string;
  inUse: boolean;
  /** For people: "3 VPCs besides the default one", "bucket audit-logs lives here", "enabled, nothing found". */
  why: string;
}

/** The sources whose answers say where the account has resources: read anyway by the resource checks. */
export const USAGE_SOURCES = ['buckets', 'trails', 'vpcs', 'securityGroups', 'rdsDatabases', 'kmsKeys'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

const inRegion = <T>(readings: InRegion<T>[] | undefined, region: string) => readings?.find((r) => r.region === region);

/**
 * Where the account has something to protect, region by region, from answers the run reads
 * anyway: buckets (ListBuckets' BucketRegion), trails' home regions, VPCs and security groups
 * other than the default ones AWS creates in every region, RDS databases and customer-managed
 * KMS keys. The home region and regions chosen in Settings are always in use; a region whose
 * answers could not be read or were not collected counts as in use, since nothing says it is
 * empty. A region in use is judged; an enabled region with nothing found is listed, not counted.
 */
export function regionUsage(
  snapshot: Snapshot,
  regions: readonly string[],
  o: { homeRegion?: string; chosen?: boolean; read?: readonly UsageSource[] },
): RegionUse[] {
  const asked = new Set<UsageSource>(o.read ?? USAGE_SOURCES);
  return regions.map((region): RegionUse => {
    const why: string[] = [];
    if (o.chosen) why.push('chosen in Settings');
    if (region === o.homeRegion) why.push('the home region');
    const buckets = (snapshot.buckets ?? []).filter((b) => b.BucketRegion === region);
    if (buckets.length === 1) why.push(`bucket ${buckets[0]!.Name} lives here`);
    else if (buckets.length > 1) why.push(`${plural(buckets.length, 'bucket')} live here`);
    const trails = (snapshot.trails ?? []).filter((t) => t.trail.HomeRegion === region);
    if (trails.length > 0) why.push(`trail ${trails.map((t) => t.trail.Name).join(', ')} is created here`);
    const unread: string[] = [];
    const count = <T>(
      key: UsageSource,
      readings: InRegion<T[]>[] | undefined,
      what: string,
      keep: (x: T) => boolean,
      words: (n: number) => string,
    ) => {
      if (!asked.has(key)) return;
      const r = inRegion(readings, region);
      if (!r) unread.push(what);
      else if ('error' in r) {
        if (r.error.code !== 'REGION_NOT_ENABLED') unread.push(what);
      } else {
        const n = r.value.filter(keep).length;
        if (n > 0) why.push(words(n));
      }
    };
    count(
      'vpcs',
      snapshot.vpcs,
      'VPCs',
      (v) => !v.IsDefault,
      (n) => `${plural(n, 'VPC')} besides the default one`,
    );
    count(
      'securityGroups',
      snapshot.securityGroups,
      'security groups',
      (g) => g.GroupName !== 'default',
      (n) => `${plural(n, 'security group')} besides the default ones`,
    );
    count(
      'rdsDatabases',
      snapshot.rdsDatabases,
      'RDS databases',
      () => true,
      (n) => plural(n, 'RDS database'),
    );
    count(
      'kmsKeys',
      snapshot.kmsKeys,
      'KMS keys',
      () => true,
      (n) => plural(n, 'customer-managed KMS key'),
    );
    if (why.length > 0) return { region, inUse: true, why: why.join('; ') };
    if (unread.length > 0)
      return {
        region,
        inUse: true,
        why: `enabled; its ${unread.join(', ')} could not be read, so it counts as in use`,
      };
    return { region, inUse: false, why: 'enabled, nothing found' };
  });
}

/**
 * judgeRegions for a check about a region as a whole: each region in use is judged and says why
 * it is in use; an enabled region with nothing found says what was found there but is not applicable.
 */
export function judgeRegionsInUse<T>(
  input: RuleInput,
  readings: InRegion<T>[],
  regionEntity: (region: string) => Pick<FindingEntity, 'arn' | 'name'>,
  judge: (region: string, value: T) => FindingEntity[],
  words: { pass: (entities: FindingEntity[]) => string; fail: (failing: FindingEntity[]) => string; none: string },
): RuleOutcome {
  const use = new Map(
    regionUsage(
      input.snapshot,
      readings.map((r) => r.region),
      {
        ...(input.homeRegion ? { homeRegion: input.homeRegion } : {}),
        ...(input.regionsChosen ? { chosen: true } : {}),
      },
    ).map((u) => [u.region, u]),
  );
  const unused = [...use.values()].filter((u) => !u.inUse).length;
  const outcome = judgeRegions(
    readings,
    regionEntity,
    (region, value) =>
      judge(region, value).map((e): FindingEntity => {
        const u = use.get(region);
        if (!u) return e;
        if (!u.inUse)
          return {
            ...e,
            result: 'not_applicable',
            detail: `Not in use (${u.why}): not counted. ${e.detail ?? ''}`.trim(),
            facts: { ...e.facts, inUse: false },
          };
        return { ...e, detail: `${e.detail ?? ''} In use: ${u.why}.`.trim(), facts: { ...e.facts, inUse: u.why } };
      }),
    { ...words, pass: (e) => words.pass(e.filter((x) => x.result !== 'not_applicable')) },
  );
  const notes =
    unused > 0
      ? [
          `${plural(unused, 'enabled region')} with nothing found (no buckets, trails, VPCs or security groups besides the defaults, RDS databases or customer-managed KMS keys) listed but not counted.`,
        ]
      : [];
  const nothingInUse = outcome.result === 'not_applicable' && unused > 0 && unused === readings.length;
  return {
    ...outcome,
    ...(nothingInUse
      ? { summary: 'Nothing was found in any enabled region, so no region is in use for this check.' }
      : {}),
    notes: [...(outcome.notes ?? []), ...notes],
  };
}
