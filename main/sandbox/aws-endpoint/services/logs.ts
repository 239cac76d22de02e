import { pageOf } from '../paging';
import { jsonRpcService, num, ServiceError, str, type JsonOperation } from '../json-rpc';
import { regionResources } from '../scenario-access';

/**
 * CloudWatch Logs (awsJson 1.1, `Logs_20140328`): DescribeMetricFilters, by log group, name
 * prefix or metric, paged by nextToken (limit 1-50, default 50). A log group the region does not
 * have is a ResourceNotFoundException.
 */

const operations: Record<string, JsonOperation> = {
  DescribeMetricFilters: (input, env) => {
    const logs = regionResources(env)?.logs ?? { metricFilters: [] };
    const group = str(input, 'logGroupName');
    const prefix = str(input, 'filterNamePrefix');
    const metricName = str(input, 'metricName');
    const metricNamespace = str(input, 'metricNamespace');
    if (prefix !== undefined && group === undefined)
      throw new ServiceError('InvalidParameterException', 'logGroupName is required when filterNamePrefix is given');
    if ((metricName === undefined) !== (metricNamespace === undefined))
      throw new ServiceError('InvalidParameterException', 'metricName and metricNamespace must be given together');
    const groups = new Set([...(logs.logGroups ?? []), ...logs.metricFilters.map((f) => f.logGroupName)]);
    if (group !== undefined && !groups.has(group))
      throw new ServiceError('ResourceNotFoundException', 'The specified log group does not exist.');
    const matching = logs.metricFilters.filter(
      (f) =>
        (group === undefined || f.logGroupName === group) &&
        (prefix === undefined || (f.filterName ?? '').startsWith(prefix)) &&
        (metricName === undefined ||
          (f.metricTransformations ?? []).some(
            (m) => m.metricName === metricName && m.metricNamespace === metricNamespace,
          )),
    );
    const pg = pageOf(
      matching,
      str(input, 'nextToken'),
      num(input, 'limit'),
      { defaultSize: 50, max: 50, limitName: 'limit' },
      env.resources?.pageCap,
    );
    return { metricFilters: pg.items, ...(pg.next ? { nextToken: pg.next } : {}) };
  },
};

export const logs = jsonRpcService({
  id: 'logs',
  signingName: 'logs',
  targetPrefix: 'Logs_20140328',
  operations,
  badPage: (e) => new ServiceError('InvalidParameterException', e.message),
});
