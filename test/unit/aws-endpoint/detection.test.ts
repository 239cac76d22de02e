import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { BatchGetAccountStatusCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { describe, expect, it } from 'vitest';
import { PRODUCTION, STAGING } from '../../../main/sandbox/aws-endpoint';
import { clientConfig, useMultiAccountEndpoint } from './harness';

const endpoint = useMultiAccountEndpoint();

describe('local AWS endpoint: GuardDuty (restJson)', () => {
  const gd = (region: string) => new GuardDutyClient(clientConfig(endpoint, PRODUCTION, region));

  it('lists the detector and answers it with its features', async () => {
    const { DetectorIds } = await gd('us-east-1').send(new ListDetectorsCommand({}));
    expect(DetectorIds).toEqual(['12abc34d567e8fa901bc2d34eexample']);
    const d = await gd('us-east-1').send(new GetDetectorCommand({ DetectorId: DetectorIds![0] }));
    expect(d.Status).toBe('ENABLED');
    expect(d.Features).toEqual(expect.arrayContaining([{ Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' }]));
    const partial = await gd('eu-west-1').send(
      new GetDetectorCommand({ DetectorId: '34cde56f789a0bc123de4f56eexample' }),
    );
    expect(partial.Features!.filter((f) => f.Status === 'DISABLED').map((f) => f.Name)).toEqual([
      'S3_DATA_EVENTS',
      'EBS_MALWARE_PROTECTION',
      'RDS_LOGIN_EVENTS',
    ]);
  });

  it('has no detector where GuardDuty was never enabled, and refuses a detector id it does not own', async () => {
    expect((await gd('eu-south-1').send(new ListDetectorsCommand({}))).DetectorIds).toEqual([]);
    await expect(gd('eu-south-1').send(new GetDetectorCommand({ DetectorId: 'abc' }))).rejects.toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers UnrecognizedClientException in a region not opted in, and throttling as TooManyRequestsException', async () => {
    await expect(gd('ap-east-1').send(new ListDetectorsCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    endpoint.setFaults({ throttleNext: { 'guardduty:ListDetectors': 1 } });
    await expect(gd('us-east-1').send(new ListDetectorsCommand({}))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    });
  });
});

describe('local AWS endpoint: Inspector2 (restJson)', () => {
  it('answers the account status with its resource types, DISABLED where never enabled', async () => {
    const prod = new Inspector2Client(clientConfig(endpoint, PRODUCTION, 'us-east-1'));
    const out = await prod.send(new BatchGetAccountStatusCommand({}));
    expect(out.accounts).toEqual([
      expect.objectContaining({
        accountId: PRODUCTION,
        state: expect.objectContaining({ status: 'ENABLED' }),
        resourceState: expect.objectContaining({
          ec2: expect.objectContaining({ status: 'ENABLED' }),
          lambda: expect.objectContaining({ status: 'DISABLED' }),
        }),
      }),
    ]);
    const staging = new Inspector2Client(clientConfig(endpoint, STAGING, 'us-east-1'));
    const off = await staging.send(new BatchGetAccountStatusCommand({ accountIds: [STAGING, PRODUCTION] }));
    expect(off.accounts!.map((a) => [a.accountId, a.state!.status])).toEqual([[STAGING, 'DISABLED']]);
    expect(off.failedAccounts).toEqual([
      expect.objectContaining({ accountId: PRODUCTION, errorCode: 'ACCESS_DENIED' }),
    ]);
    endpoint.setFaults({ throttleNext: { 'inspector2:BatchGetAccountStatus': 1 } });
    await expect(prod.send(new BatchGetAccountStatusCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });
});

describe('local AWS endpoint: AWS Config (awsJson 1.1)', () => {
  const cfg = (region: string, account = PRODUCTION) =>
    new ConfigServiceClient(clientConfig(endpoint, account, region));

  it('answers recorders and their status: recording in us-east-1, stopped in eu-west-1, none in eu-south-1', async () => {
    const rec = await cfg('us-east-1').send(new DescribeConfigurationRecordersCommand({}));
    expect(rec.ConfigurationRecorders).toEqual([
      expect.objectContaining({ name: 'default', recordingGroup: expect.objectContaining({ allSupported: true }) }),
    ]);
    const running = await cfg('us-east-1').send(new DescribeConfigurationRecorderStatusCommand({}));
    expect(running.ConfigurationRecordersStatus).toEqual([
      expect.objectContaining({
        recording: true,
        lastStatus: 'Success',
        lastStartTime: new Date('2024-02-01T10:00:00Z'),
      }),
    ]);
    const stopped = await cfg('eu-west-1').send(new DescribeConfigurationRecorderStatusCommand({}));
    expect(stopped.ConfigurationRecordersStatus![0]).toMatchObject({ recording: false, lastStatus: 'Failure' });
    expect(
      (await cfg('eu-south-1').send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders,
    ).toEqual([]);
    await expect(
      cfg('eu-south-1').send(new DescribeConfigurationRecordersCommand({ ConfigurationRecorderNames: ['default'] })),
    ).rejects.toMatchObject({ name: 'NoSuchConfigurationRecorderException' });
  });
});
