import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { pageOf } from '../paging';
import { jsonRpcService, num, ServiceError, str, type JsonOperation } from '../json-rpc';
import { regionResources } from '../scenario-access';
import type { HandlerEnv } from '../types';

/**
 * CloudWatch as the current SDK client speaks it: awsJson 1.0 (`GraniteServiceVersion20100801`),
 * query-compatible, so every error also carries `x-amzn-query-error: <Code>;Sender` and keeps
 * its awsQuery code (`Throttling`, `AccessDenied`, `InvalidNextToken`). DescribeAlarms (metric
 * alarms unless AlarmTypes asks otherwise; MaxRecords 1-100, default 50) and DescribeAlarmsForMetric.
 */

const alarms = (env: HandlerEnv): MetricAlarm[] => regionResources(env)?.cloudwatch?.metricAlarms ?? [];
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

const operations: Record<string, JsonOperation> = {
  DescribeAlarms: (input, env) => {
    const names = strings(input.AlarmNames);
    const prefix = str(input, 'AlarmNamePrefix');
    const state = str(input, 'StateValue');
    const actionPrefix = str(input, 'ActionPrefix');
    const types = strings(input.AlarmTypes) ?? ['MetricAlarm'];
    if (names?.length && prefix !== undefined)
      throw new ServiceError('InvalidParameterCombination', 'AlarmNames and AlarmNamePrefix cannot be given together');
    const metric = types.includes('MetricAlarm')
      ? alarms(env).filter(
          (a) =>
            (!names?.length || names.includes(a.AlarmName ?? '')) &&
            (prefix === undefined || (a.AlarmName ?? '').startsWith(prefix)) &&
            (state === undefined || a.StateValue === state) &&
            (actionPrefix === undefined || (a.AlarmActions ?? []).some((x) => x.startsWith(actionPrefix))),
        )
      : [];
    const pg = pageOf(
      metric,
      str(input, 'NextToken'),
      num(input, 'MaxRecords'),
      { defaultSize: 50, max: 100, limitName: 'maxRecords' },
      env.resources?.pageCap,
    );
    return {
      MetricAlarms: pg.items,
      CompositeAlarms: types.includes('CompositeAlarm') ? [] : undefined,
      ...(pg.next ? { NextToken: pg.next } : {}),
    };
  },
  DescribeAlarmsForMetric: (input, env) => {
    const name = str(input, 'MetricName');
    const namespace = str(input, 'Namespace');
    if (!name || !namespace) throw new ServiceError('ValidationError', 'MetricName and Namespace are required');
    return { MetricAlarms: alarms(env).filter((a) => a.MetricName === name && a.Namespace === namespace) };
  },
};

export const cloudwatch = jsonRpcService({
  id: 'cloudwatch',
  signingName: 'monitoring',
  targetPrefix: 'GraniteServiceVersion20100801',
  queryCompatible: true,
  operations,
  badPage: (e) =>
    e.kind === 'token'
      ? new ServiceError('InvalidNextToken', 'The service returned an invalid next token.')
      : new ServiceError('InvalidParameterValue', e.message),
  errors: {
    throttling: { code: 'Throttling', status: 400, message: 'Rate exceeded' },
    accessDenied: { code: 'AccessDenied', status: 403 },
    notEnabledRegion: { code: 'InvalidClientTokenId', status: 403 },
  },
});
