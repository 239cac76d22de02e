import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { PRODUCTION, STAGING } from '../../../main/sandbox/aws-endpoint';
import { clientConfig, useMultiAccountEndpoint } from './harness';

const endpoint = useMultiAccountEndpoint();
const kms = (region = 'us-east-1', account = PRODUCTION) => new KMSClient(clientConfig(endpoint, account, region));

describe('local AWS endpoint: KMS (awsJson 1.1)', () => {
  it('lists keys, describes them and answers their rotation status', async () => {
    const { Keys } = await kms().send(new ListKeysCommand({}));
    expect(Keys).toHaveLength(3);
    const described = await Promise.all(Keys!.map((k) => kms().send(new DescribeKeyCommand({ KeyId: k.KeyId }))));
    const byName = Object.fromEntries(described.map((d) => [d.KeyMetadata!.Description, d.KeyMetadata!]));
    expect(byName['cloudtrail-logs']).toMatchObject({
      KeyManager: 'CUSTOMER',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyState: 'Enabled',
    });
    expect(byName['cloudtrail-logs']!.CreationDate).toEqual(new Date('2024-01-15T08:00:00Z'));
    expect(byName['aws/s3']!.KeyManager).toBe('AWS');
    const rotation = await kms().send(new GetKeyRotationStatusCommand({ KeyId: byName['cloudtrail-logs']!.KeyId }));
    expect(rotation).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    expect(rotation.NextRotationDate).toEqual(new Date('2027-01-15T08:00:00Z'));
    const euw = await kms('eu-west-1').send(new ListKeysCommand({}));
    const notRotating = await kms('eu-west-1').send(new GetKeyRotationStatusCommand({ KeyId: euw.Keys![0]!.KeyArn }));
    expect(notRotating.KeyRotationEnabled).toBe(false);
  });

  it('finds a key by alias, and answers UnsupportedOperationException for an asymmetric key', async () => {
    const { Aliases } = await kms().send(new ListAliasesCommand({}));
    expect(Aliases!.map((a) => a.AliasName)).toEqual(['alias/cloudtrail']);
    const byAlias = await kms().send(new DescribeKeyCommand({ KeyId: 'alias/cloudtrail' }));
    expect(byAlias.KeyMetadata!.Description).toBe('cloudtrail-logs');
    const keys = await Promise.all(
      (await kms().send(new ListKeysCommand({}))).Keys!.map((k) =>
        kms().send(new DescribeKeyCommand({ KeyId: k.KeyId })),
      ),
    );
    const signing = keys.find((k) => k.KeyMetadata!.KeySpec === 'RSA_2048')!;
    await expect(
      kms().send(new GetKeyRotationStatusCommand({ KeyId: signing.KeyMetadata!.KeyId })),
    ).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
  });

  it('answers NotFoundException, AccessDeniedException, ThrottlingException and UnrecognizedClientException', async () => {
    await expect(
      kms().send(new DescribeKeyCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    endpoint.setFaults({ denyActions: ['kms:ListKeys'] });
    await expect(kms().send(new ListKeysCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    endpoint.setFaults({ throttleNext: { 'kms:ListKeys': 1 } });
    await expect(kms().send(new ListKeysCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException' });
    endpoint.setFaults({});
    await expect(kms('ap-east-1').send(new ListKeysCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('pages with Marker/NextMarker/Truncated and refuses a marker it did not issue', async () => {
    const first = await kms().send(new ListKeysCommand({ Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true });
    expect(first.Keys).toHaveLength(2);
    const next = await kms().send(new ListKeysCommand({ Limit: 2, Marker: first.NextMarker }));
    expect(next.Keys).toHaveLength(1);
    expect(next.Truncated).toBe(false);
    let total = 0;
    for await (const page of paginateListKeys({ client: kms(), pageSize: 1 }, {})) total += page.Keys!.length;
    expect(total).toBe(3);
    await expect(kms().send(new ListKeysCommand({ Marker: 'not-a-marker' }))).rejects.toMatchObject({
      name: 'InvalidMarkerException',
    });
    expect((await kms('us-east-1', STAGING).send(new ListKeysCommand({}))).Keys).toEqual([]);
  });
});
