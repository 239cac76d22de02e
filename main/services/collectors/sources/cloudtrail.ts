import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeAlarmsForMetricCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroupMonitoring, TrailReading } from '../../../../shared/rules/cloudtrail';
import type { RawPage } from '../call-recorder';
import { tokenPages } from './pages';
import { readError } from './read-error';
import { jsonFile, type Fetcher } from './types';

const iso = (d: Date | undefined) => d?.toISOString();

/** DescribeTrails with shadow trails, then each trail's status and event selectors in its home region. */
export const trails: Fetcher<'trails'> = async ({ clients, region, signal, recorder }) => {
  const list = await recorder.call('DescribeTrails', () =>
    clients.cloudtrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }), { abortSignal: signal }),
  );
  const pages: RawPage[] = [list.page];
  const value = await Promise.all(
    (list.output.trailList ?? []).map(async (t): Promise<TrailReading> => {
      const home = t.HomeRegion ?? region;
      const client = clients.cloudtrail(home);
      const name = t.TrailARN ?? t.Name ?? '';
      const status = await recorder
        .call('GetTrailStatus', () => client.send(new GetTrailStatusCommand({ Name: name }), { abortSignal: signal }), {
          Name: name,
        })
        .then(({ output, page }) => {
          pages.push(page);
          return {
            IsLogging: output.IsLogging ?? false,
            ...(output.LatestDeliveryTime ? { LatestDeliveryTime: iso(output.LatestDeliveryTime) } : {}),
            ...(output.LatestDeliveryError ? { LatestDeliveryError: output.LatestDeliveryError } : {}),
          };
        })
        .catch((e: unknown) => ({ error: readError(e, 'cloudtrail:GetTrailStatus') }));
      const selectors = await recorder
        .call(
          'GetEventSelectors',
          () => client.send(new GetEventSelectorsCommand({ TrailName: name }), { abortSignal: signal }),
          { TrailName: name },
        )
        .then(({ output, page }) => {
          pages.push(page);
          return {
            ...(output.EventSelectors ? { EventSelectors: output.EventSelectors } : {}),
            ...(output.AdvancedEventSelectors
              ? {
                  AdvancedEventSelectors: output.AdvancedEventSelectors.map((a) => ({
                    ...(a.Name ? { Name: a.Name } : {}),
                    FieldSelectors: a.FieldSelectors?.map((f) => ({ Field: f.Field, Equals: f.Equals })),
                  })),
                }
              : {}),
          };
        })
        .catch((e: unknown) => ({ error: readError(e, 'cloudtrail:GetEventSelectors') }));
      return {
        trail: {
          Name: t.Name ?? name,
          TrailARN: t.TrailARN ?? name,
          HomeRegion: home,
          IsMultiRegionTrail: !!t.IsMultiRegionTrail,
          IsOrganizationTrail: !!t.IsOrganizationTrail,
          LogFileValidationEnabled: !!t.LogFileValidationEnabled,
          ...(t.KmsKeyId ? { KmsKeyId: t.KmsKeyId } : {}),
          ...(t.CloudWatchLogsLogGroupArn ? { CloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn } : {}),
          ...(t.S3BucketName ? { S3BucketName: t.S3BucketName } : {}),
        },
        status,
        selectors,
      };
    }),
  );
  return {
    value,
    files: [
      jsonFile('cloudtrail-trails.json', 'CloudTrail DescribeTrails, GetTrailStatus, GetEventSelectors', { pages }),
    ],
    calls: recorder.calls,
  };
};

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*` → its region and name. */
export function parseLogGroupArn(arn: string): { region: string; name: string } | null {
  const m = /^arn:[^:]+:logs:([^:]+):\d{12}:log-group:(.+?)(:\*)?$/.exec(arn);
  return m ? { region: m[1]!, name: m[2]! } : null;
}

/** For each trail's log group: its metric filters, then the alarms on each filter's metric. */
export const rootLoginMonitoring: Fetcher<'rootLoginMonitoring'> = async (ctx) => {
  const { clients, signal, recorder } = ctx;
  const trailList = (await ctx.dependency('trails')).value;
  const arns = [
    ...new Set(
      trailList.flatMap((t) => (t.trail.CloudWatchLogsLogGroupArn ? [t.trail.CloudWatchLogsLogGroupArn] : [])),
    ),
  ];
  const pages: RawPage[] = [];
  const value = await Promise.all(
    arns.map(async (logGroupArn): Promise<LogGroupMonitoring> => {
      const parsed = parseLogGroupArn(logGroupArn);
      const region = parsed?.region ?? ctx.region;
      const logGroupName = parsed?.name ?? logGroupArn;
      try {
        const filterPages = await tokenPages(
          'logs:DescribeMetricFilters',
          (token) => {
            const input = { logGroupName, ...(token ? { nextToken: token } : {}) };
            return recorder.call(
              'DescribeMetricFilters',
              () => clients.logs(region).send(new DescribeMetricFiltersCommand(input), { abortSignal: signal }),
              input,
            );
          },
          (o) => o.nextToken,
        );
        pages.push(...filterPages.map((p) => p.page));
        const filters = await Promise.all(
          filterPages
            .flatMap((p) => p.output.metricFilters ?? [])
            .map(async (f) => ({
              filterName: f.filterName ?? '',
              filterPattern: f.filterPattern ?? '',
              metrics: await Promise.all(
                (f.metricTransformations ?? []).map(async (m) => {
                  const input = { MetricName: m.metricName, Namespace: m.metricNamespace };
                  const r = await recorder.call(
                    'DescribeAlarmsForMetric',
                    () =>
                      clients
                        .cloudwatch(region)
                        .send(new DescribeAlarmsForMetricCommand(input), { abortSignal: signal }),
                    input,
                  );
                  pages.push(r.page);
                  return {
                    metricName: m.metricName ?? '',
                    metricNamespace: m.metricNamespace ?? '',
                    alarms: (r.output.MetricAlarms ?? []).map((a) => ({
                      AlarmName: a.AlarmName ?? '',
                      ...(a.AlarmArn ? { AlarmArn: a.AlarmArn } : {}),
                      ActionsEnabled: a.ActionsEnabled ?? false,
                      AlarmActions: a.AlarmActions ?? [],
                    })),
                  };
                }),
              ),
            })),
        );
        return { logGroupArn, logGroupName, region, filters };
      } catch (e) {
        return { logGroupArn, logGroupName, region, error: readError(e, 'logs:DescribeMetricFilters') };
      }
    }),
  );
  return {
    value,
    files: [
      jsonFile('logs-metric-filters-and-alarms.json', 'CloudWatch Logs metric filters and CloudWatch alarms', {
        pages,
      }),
    ],
    calls: recorder.calls,
  };
};
