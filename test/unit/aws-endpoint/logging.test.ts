import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  DescribeAlarmsForMetricCommand,
  paginateDescribeAlarms,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { PRODUCTION, STAGING } from '../../../main/sandbox/aws-endpoint';
import { clientConfig, useMultiAccountEndpoint } from './harness';

const endpoint = useMultiAccountEndpoint();
const trailArn = `arn:aws:cloudtrail:us-east-1:${PRODUCTION}:trail/management-events`;
const logGroup = `aws-cloudtrail-logs-${PRODUCTION}`;

describe('local AWS endpoint: CloudTrail (awsJson 1.1)', () => {
  const ct = (region = 'us-east-1', account = PRODUCTION) =>
    new CloudTrailClient(clientConfig(endpoint, account, region));

  it('describes the multi-region trail in its home region and as a shadow trail elsewhere', async () => {
    const home = await ct().send(new DescribeTrailsCommand({}));
    expect(home.trailList).toEqual([
      expect.objectContaining({
        Name: 'management-events',
        TrailARN: trailArn,
        HomeRegion: 'us-east-1',
        IsMultiRegionTrail: true,
        LogFileValidationEnabled: true,
        KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:111122223333:key\//),
        CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${PRODUCTION}:log-group:${logGroup}:*`,
      }),
    ]);
    expect((await ct('eu-west-1').send(new DescribeTrailsCommand({}))).trailList).toHaveLength(1);
    expect((await ct('eu-west-1').send(new DescribeTrailsCommand({ includeShadowTrails: false }))).trailList).toEqual(
      [],
    );
  });

  it('answers the trail status with dates, and its event selectors', async () => {
    const status = await ct('eu-west-1').send(new GetTrailStatusCommand({ Name: trailArn }));
    expect(status.IsLogging).toBe(true);
    expect(status.LatestDeliveryTime).toBeInstanceOf(Date);
    expect(status.LatestDeliveryError).toBeUndefined();
    const selectors = await ct().send(new GetEventSelectorsCommand({ TrailName: 'management-events' }));
    expect(selectors).toMatchObject({
      TrailARN: trailArn,
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    });
  });

  it('answers TrailNotFoundException for a name outside its home region, typed by the SDK', async () => {
    await expect(ct('eu-west-1').send(new GetTrailStatusCommand({ Name: 'management-events' }))).rejects.toMatchObject({
      name: 'TrailNotFoundException',
      message: `Unknown trail: arn:aws:cloudtrail:eu-west-1:${PRODUCTION}:trail/management-events for the user: ${PRODUCTION}`,
    });
    endpoint.setFaults({ denyActions: ['cloudtrail:GetEventSelectors'] });
    await expect(ct().send(new GetEventSelectorsCommand({ TrailName: trailArn }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});

describe('local AWS endpoint: CloudWatch Logs and CloudWatch', () => {
  it('finds the root-usage metric filter on the trail log group', async () => {
    const logs = new CloudWatchLogsClient(clientConfig(endpoint, PRODUCTION, 'us-east-1'));
    const out = await logs.send(new DescribeMetricFiltersCommand({ logGroupName: logGroup }));
    expect(out.metricFilters).toEqual([
      expect.objectContaining({
        filterName: 'root-account-usage',
        filterPattern: expect.stringContaining('$.userIdentity.type = "Root"'),
        metricTransformations: [{ metricName: 'RootAccountUsage', metricNamespace: 'CISBenchmark', metricValue: '1' }],
      }),
    ]);
    await expect(logs.send(new DescribeMetricFiltersCommand({ logGroupName: 'no-such-group' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    const staging = new CloudWatchLogsClient(clientConfig(endpoint, STAGING, 'us-east-1'));
    expect((await staging.send(new DescribeMetricFiltersCommand({}))).metricFilters).toEqual([]);
  });

  it('speaks the installed CloudWatch client protocol (awsJson 1.0, query-compatible) for alarms', async () => {
    const cw = new CloudWatchClient(clientConfig(endpoint, PRODUCTION, 'us-east-1'));
    const forMetric = await cw.send(
      new DescribeAlarmsForMetricCommand({ MetricName: 'RootAccountUsage', Namespace: 'CISBenchmark' }),
    );
    expect(forMetric.MetricAlarms).toEqual([
      expect.objectContaining({
        AlarmName: 'root-account-usage',
        ActionsEnabled: true,
        AlarmActions: [`arn:aws:sns:us-east-1:${PRODUCTION}:security-alerts`],
        Threshold: 1,
        StateUpdatedTimestamp: new Date('2025-06-01T00:00:00Z'),
      }),
    ]);
    let alarms = 0;
    for await (const page of paginateDescribeAlarms({ client: cw, pageSize: 1 }, {}))
      alarms += page.MetricAlarms!.length;
    expect(alarms).toBe(1);
    await expect(cw.send(new DescribeAlarmsCommand({ NextToken: 'forged' }))).rejects.toMatchObject({
      name: 'InvalidNextToken',
    });
  });

  it('names CloudWatch errors by their query codes (Throttling, AccessDenied)', async () => {
    const cw = new CloudWatchClient(clientConfig(endpoint, PRODUCTION, 'us-east-1'));
    endpoint.setFaults({ throttleNext: { 'cloudwatch:DescribeAlarms': 1 } });
    await expect(cw.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({
      name: 'Throttling',
      $metadata: { httpStatusCode: 400 },
    });
    endpoint.setFaults({ denyActions: ['cloudwatch:DescribeAlarms'] });
    await expect(cw.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    endpoint.setFaults({});
    const closed = new CloudWatchClient(clientConfig(endpoint, PRODUCTION, 'me-south-1'));
    await expect(closed.send(new DescribeAlarmsCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });
});
