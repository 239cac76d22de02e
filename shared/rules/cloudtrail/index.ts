import type { FindingEntity, FindingError } from '../../domain/findings';
import type { RuleInput, RuleOutcome } from '../../checks/types';
import { need } from '../iam/snapshot';
import { plural } from '../regional';

/** DescribeTrails (with shadow trails), GetTrailStatus and GetEventSelectors for one trail. */
export interface TrailReading {
  trail: {
    Name: string;
    TrailARN: string;
    HomeRegion: string;
    IsMultiRegionTrail?: boolean;
    IsOrganizationTrail?: boolean;
    LogFileValidationEnabled?: boolean;
    KmsKeyId?: string;
    CloudWatchLogsLogGroupArn?: string;
    S3BucketName?: string;
  };
  status:
    | {
        IsLogging?: boolean;
        LatestDeliveryTime?: string;
        LatestDeliveryError?: string;
        LatestDeliveryAttemptTime?: string;
      }
    | { error: FindingError };
  selectors:
    | {
        EventSelectors?: { ReadWriteType?: string; IncludeManagementEvents?: boolean }[];
        AdvancedEventSelectors?: { Name?: string; FieldSelectors?: { Field?: string; Equals?: string[] }[] }[];
      }
    | { error: FindingError };
}

/** The metric filters on one trail's log group and the alarms on their metrics. */
export interface LogGroupMonitoring {
  logGroupArn: string;
  logGroupName: string;
  region: string;
  filters?: {
    filterName: string;
    filterPattern: string;
    metrics: {
      metricName: string;
      metricNamespace: string;
      alarms: { AlarmName: string; AlarmArn?: string; ActionsEnabled?: boolean; AlarmActions?: string[] }[];
    }[];
  }[];
  error?: FindingError;
}

export interface CloudTrailSourceValues {
  trails: TrailReading[];
  rootLoginMonitoring: LogGroupMonitoring[];
}

const readAndWriteManagement = (s: TrailReading['selectors']): boolean => {
  if ('error' in s) return false;
  if (s.AdvancedEventSelectors?.length) {
    return s.AdvancedEventSelectors.some((a) => {
      const fields = a.FieldSelectors ?? [];
      const management = fields.some((f) => f.Field === 'eventCategory' && f.Equals?.includes('Management'));
      // A readOnly selector narrows the trail to reads or to writes only.
      const narrowed = fields.some((f) => f.Field === 'readOnly');
      return management && !narrowed;
    });
  }
  return (s.EventSelectors ?? []).some((e) => e.ReadWriteType === 'All' && e.IncludeManagementEvents !== false);
};

/** Why a trail does not give account-wide management logging, or nothing when it does. */
export function trailGaps(t: TrailReading): string[] {
  const gaps: string[] = [];
  if (!t.trail.IsMultiRegionTrail) gaps.push(`it covers only ${t.trail.HomeRegion}`);
  if ('error' in t.status) gaps.push(`its status could not be read (${t.status.error.message})`);
  else {
    if (!t.status.IsLogging) gaps.push('it is not logging');
    if (t.status.LatestDeliveryError) gaps.push(`its last delivery failed: ${t.status.LatestDeliveryError}`);
  }
  if ('error' in t.selectors) gaps.push(`its event selectors could not be read (${t.selectors.error.message})`);
  else if (!readAndWriteManagement(t.selectors)) gaps.push('it does not log both read and write management events');
  if (!t.trail.LogFileValidationEnabled) gaps.push('log file validation is off');
  return gaps;
}

const unique = (trails: TrailReading[]) => [...new Map(trails.map((t) => [t.trail.TrailARN, t])).values()];

export const qualifyingTrails = (trails: TrailReading[]) => unique(trails).filter((t) => trailGaps(t).length === 0);

export function cloudTrailMultiRegion({ snapshot }: RuleInput): RuleOutcome {
  const trails = unique(need(snapshot, 'trails'));
  const entities: FindingEntity[] = trails.map((t) => {
    const gaps = trailGaps(t);
    return {
      arn: t.trail.TrailARN,
      name: t.trail.Name,
      region: t.trail.HomeRegion,
      result: gaps.length === 0 ? 'pass' : 'fail',
      detail:
        gaps.length === 0
          ? `${t.trail.IsOrganizationTrail ? 'Organization trail' : 'Trail'} in every region, logging read and write management events, with log file validation, no delivery error.`
          : `Does not count: ${gaps.join('; ')}.`,
      facts: {
        IsMultiRegionTrail: !!t.trail.IsMultiRegionTrail,
        IsOrganizationTrail: !!t.trail.IsOrganizationTrail,
        LogFileValidationEnabled: !!t.trail.LogFileValidationEnabled,
        ...('error' in t.status ? {} : t.status),
      },
    };
  });
  const good = entities.filter((e) => e.result === 'pass');
  if (good.length > 0)
    return {
      result: 'pass',
      summary: `${good.map((e) => e.name).join(', ')} logs management events in every region with log file validation.`,
      entities,
    };
  return {
    result: 'fail',
    summary:
      trails.length === 0
        ? 'The account has no CloudTrail trail.'
        : `None of the ${plural(trails.length, 'trail')} logs read and write management events in every region with log file validation and no delivery error.`,
    entities,
  };
}

export function cloudTrailEncrypted({ snapshot }: RuleInput): RuleOutcome {
  const trails = unique(need(snapshot, 'trails'));
  if (trails.length === 0)
    return { result: 'not_applicable', summary: 'The account has no CloudTrail trail to encrypt.', entities: [] };
  const entities: FindingEntity[] = trails.map((t) => ({
    arn: t.trail.TrailARN,
    name: t.trail.Name,
    region: t.trail.HomeRegion,
    result: t.trail.KmsKeyId ? 'pass' : 'fail',
    detail: t.trail.KmsKeyId
      ? `Log files are encrypted with KMS key ${t.trail.KmsKeyId}.`
      : 'Log files are encrypted only with S3-managed keys (no KmsKeyId).',
    facts: { KmsKeyId: t.trail.KmsKeyId ?? null },
  }));
  const failing = entities.filter((e) => e.result === 'fail');
  return failing.length > 0
    ? {
        result: 'fail',
        summary: `${plural(failing.length, 'trail')} without a KMS key: ${failing.map((e) => e.name).join(', ')}.`,
        entities,
      }
    : { result: 'pass', summary: `Every trail (${trails.length}) encrypts its logs with a KMS key.`, entities };
}

const squash = (s: string) => s.replace(/\s+/g, '');
/** The CIS root-usage pattern, compared without whitespace. */
const ROOT_PARTS = [
  '$.userIdentity.type="Root"',
  '$.userIdentity.invokedByNOTEXISTS',
  '$.eventType!="AwsServiceEvent"',
];
export const isRootUsagePattern = (pattern: string) => ROOT_PARTS.every((p) => squash(pattern).includes(p));

export function rootLoginAlarm({ snapshot }: RuleInput): RuleOutcome {
  const trails = qualifyingTrails(need(snapshot, 'trails'));
  const monitoring = need(snapshot, 'rootLoginMonitoring');
  if (trails.length === 0)
    return {
      result: 'fail',
      summary: 'No multi-region trail logs management events, so no alarm can see a root sign-in.',
      entities: [],
    };
  const entities: FindingEntity[] = trails.map((t) => {
    const arn = t.trail.CloudWatchLogsLogGroupArn;
    const group = monitoring.find((m) => m.logGroupArn === arn);
    const base = { arn: t.trail.TrailARN, name: t.trail.Name, region: t.trail.HomeRegion };
    if (!arn || !group)
      return { ...base, result: 'fail', detail: 'The trail does not deliver to a CloudWatch Logs log group.' };
    if (group.error)
      return {
        ...base,
        result: 'error',
        detail: `The log group's metric filters or alarms could not be read: ${group.error.message}`,
        facts: { logGroup: group.logGroupName, errorCode: group.error.code },
      };
    const rootFilters = (group.filters ?? []).filter((f) => isRootUsagePattern(f.filterPattern));
    const alarms = rootFilters.flatMap((f) =>
      f.metrics.flatMap((m) => m.alarms.filter((a) => a.ActionsEnabled !== false && (a.AlarmActions ?? []).length > 0)),
    );
    const facts = {
      logGroup: group.logGroupName,
      rootFilters: rootFilters.map((f) => f.filterName),
      alarms: alarms.map((a) => a.AlarmName),
    };
    if (rootFilters.length === 0)
      return {
        ...base,
        result: 'fail',
        detail: `No metric filter on ${group.logGroupName} matches root sign-in.`,
        facts,
      };
    if (alarms.length === 0)
      return {
        ...base,
        result: 'fail',
        detail: `Metric filter ${rootFilters[0]!.filterName} counts root use, but no alarm with an action watches its metric.`,
        facts,
      };
    return {
      ...base,
      result: 'pass',
      detail: `Alarm ${alarms[0]!.AlarmName} (with an action) watches metric filter ${rootFilters[0]!.filterName} on ${group.logGroupName}.`,
      facts,
    };
  });
  const pass = entities.find((e) => e.result === 'pass');
  if (pass) return { result: 'pass', summary: `Root sign-in raises an alarm: ${pass.detail}`, entities };
  const error = entities.find((e) => e.result === 'error');
  if (error) return { result: 'error', summary: `Could not confirm a root sign-in alarm: ${error.detail}`, entities };
  return { result: 'fail', summary: 'No alarm with an action fires on root sign-in.', entities };
}
