import type { CheckResult, FindingEntity, FindingError } from '../domain/findings';
import type { RuleOutcome } from '../checks/types';

/** One region's answer to a regional source: its value, or why it could not be read there. */
export type InRegion<T> = { region: string; value: T } | { region: string; error: FindingError };

/** The answer for one resource read on its own (a bucket's policy), or why it could not be read. */
export type PerResource<T> = { name: string; arn: string; region: string } & ({ value: T } | { error: FindingError });

export const hasValue = <T extends object>(r: T): r is Extract<T, { value: unknown }> => 'value' in r;

/** A region AWS has not opted in for the account answers OptInRequired: that is not a failed check. */
export const isNotOptedIn = (e: FindingError) => e.code === 'REGION_NOT_ENABLED';

/** The entity that says why a region, bucket or key could not be read. */
export function unreadable(arn: string, name: string, region: string, error: FindingError): FindingEntity {
  if (isNotOptedIn(error))
    return {
      arn,
      name,
      region,
      result: 'not_applicable',
      detail: `${region} is not enabled for this account: ${error.message}`,
    };
  return {
    arn,
    name,
    region,
    result: 'error',
    detail: `Could not be read: ${error.message}${error.missingAction ? ` (missing ${error.missingAction})` : ''}`,
    facts: { errorCode: error.code, ...(error.missingAction ? { missingAction: error.missingAction } : {}) },
  };
}

const ORDER: CheckResult[] = ['fail', 'error', 'needs_review', 'pass', 'not_applicable'];

/** The check's result from its entities: any failure fails it; an unreadable one leaves it open (error). */
export function worst(entities: FindingEntity[]): CheckResult {
  for (const r of ORDER) if (entities.some((e) => e.result === r)) return r;
  return 'not_applicable';
}

export const count = (entities: FindingEntity[], result: CheckResult) =>
  entities.filter((e) => e.result === result).length;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * A regional check's outcome: each region (or each resource in it) judged on its own, the
 * result the worst of them, and a region that could not be read said so, never skipped.
 */
export function judgeRegions<T>(
  readings: InRegion<T>[],
  regionEntity: (region: string) => Pick<FindingEntity, 'arn' | 'name'>,
  judge: (region: string, value: T) => FindingEntity[],
  words: { pass: (entities: FindingEntity[]) => string; fail: (failing: FindingEntity[]) => string; none: string },
): RuleOutcome {
  const entities: FindingEntity[] = [];
  let error: FindingError | undefined;
  for (const r of readings) {
    if ('error' in r) {
      const { arn, name } = regionEntity(r.region);
      entities.push(unreadable(arn, name ?? r.region, r.region, r.error));
      if (!isNotOptedIn(r.error)) error ??= r.error;
    } else entities.push(...judge(r.region, r.value));
  }
  const result = worst(entities);
  const failing = entities.filter((e) => e.result === 'fail');
  const unread = entities.filter((e) => e.result === 'error');
  if (result === 'fail') return { result, summary: words.fail(failing), entities };
  if (result === 'error')
    return {
      result,
      summary: `Could not read ${unread.map((e) => e.name).join(', ')}: ${error?.message ?? 'see the entities'}`,
      entities,
      ...(error ? { error } : {}),
    };
  if (result === 'not_applicable' || entities.length === 0)
    return { result: 'not_applicable', summary: words.none, entities };
  return { result, summary: words.pass(entities), entities };
}

const label = (e: FindingEntity) => (e.region && e.region !== e.name ? `${e.name} (${e.region})` : (e.name ?? e.arn));

export const names = (entities: FindingEntity[], max = 5) =>
  entities.length <= max
    ? entities.map(label).join(', ')
    : `${entities.slice(0, max).map(label).join(', ')} and ${entities.length - max} more`;
