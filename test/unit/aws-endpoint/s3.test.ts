import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { describe, expect, it } from 'vitest';
import {
  hostNameUrl,
  PRODUCTION,
  resourceBuilders,
  sandboxRequestHandler,
  STAGING,
} from '../../../main/sandbox/aws-endpoint';
import { clientConfig, useMultiAccountEndpoint } from './harness';

const endpoint = useMultiAccountEndpoint();
const appData = `prod-app-data-${PRODUCTION}`; // eu-west-1, SSE-KMS, TLS-only policy
const legacy = `legacy-exports-${PRODUCTION}`; // us-east-1, nothing configured
const restricted = `prod-restricted-${PRODUCTION}`; // eu-west-1, policy denies everyone but DataTeam

/** An S3 client, and the host names its requests went to. */
function s3(
  region: string,
  options: { virtualHost?: boolean; followRegionRedirects?: boolean; account?: string } = {},
) {
  const base = clientConfig(endpoint, options.account ?? PRODUCTION, region);
  const client = new S3Client({
    ...base,
    ...(options.virtualHost ? { endpoint: hostNameUrl(endpoint.url), requestHandler: sandboxRequestHandler() } : {}),
    ...(options.followRegionRedirects ? { followRegionRedirects: true } : {}),
  });
  const hosts: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname: string; path: string };
      hosts.push(`${request.hostname}${request.path}`);
      return next(args);
    },
    { step: 'finalizeRequest' },
  );
  return { client, hosts };
}

describe('local AWS endpoint: S3 (REST-XML)', () => {
  it('lists the account buckets with their regions', async () => {
    const { client } = s3('us-east-1');
    const out = await client.send(new ListBucketsCommand({}));
    expect(out.Buckets!.map((b) => [b.Name, b.BucketRegion])).toEqual([
      [legacy, 'us-east-1'],
      [appData, 'eu-west-1'],
      [`prod-logs-${PRODUCTION}`, 'us-east-1'],
      [`prod-public-site-${PRODUCTION}`, 'us-east-1'],
      [restricted, 'eu-west-1'],
    ]);
    expect(out.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(out.Buckets![0]!.CreationDate).toBeInstanceOf(Date);
    expect((await s3('us-east-1', { account: STAGING }).client.send(new ListBucketsCommand({}))).Buckets).toEqual([]);
  });

  it('answers path style for an IP endpoint and virtual-host style by host name, the same way', async () => {
    const path = s3('eu-west-1');
    const virtual = s3('eu-west-1', { virtualHost: true });
    const byPath = await path.client.send(new GetBucketEncryptionCommand({ Bucket: appData }));
    const byHost = await virtual.client.send(new GetBucketEncryptionCommand({ Bucket: appData }));
    expect(path.hosts).toEqual([`127.0.0.1/${appData}/`]);
    expect(virtual.hosts).toEqual([`${appData}.localhost/`]);
    for (const out of [byPath, byHost])
      expect(out.ServerSideEncryptionConfiguration?.Rules).toEqual([
        {
          ApplyServerSideEncryptionByDefault: {
            SSEAlgorithm: 'aws:kms',
            KMSMasterKeyID: expect.stringMatching(/^arn:aws:kms:eu-west-1:111122223333:key\//),
          },
          BucketKeyEnabled: true,
        },
      ]);
    expect(endpoint.iamActions.get('s3:GetEncryptionConfiguration')).toBe(2);
  });

  it('redirects a call signed for another region (301 PermanentRedirect), which the SDK follows when asked', async () => {
    const strict = s3('us-east-1');
    await expect(strict.client.send(new GetBucketEncryptionCommand({ Bucket: appData }))).rejects.toMatchObject({
      name: 'PermanentRedirect',
      $metadata: { httpStatusCode: 301 },
      $response: { headers: { 'x-amz-bucket-region': 'eu-west-1' } },
    });
    const following = s3('us-east-1', { followRegionRedirects: true });
    const out = await following.client.send(new GetBucketEncryptionCommand({ Bucket: appData }));
    expect(out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe(
      'aws:kms',
    );
    expect(endpoint.calls.get('s3:GetBucketEncryption')).toBe(3);
  });

  it('answers HeadBucket with the bucket region, and a 301 with it from another region', async () => {
    const here = await s3('eu-west-1', { virtualHost: true }).client.send(new HeadBucketCommand({ Bucket: appData }));
    expect(here.BucketRegion).toBe('eu-west-1');
    await expect(s3('us-east-1').client.send(new HeadBucketCommand({ Bucket: appData }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 301 },
      $response: { headers: { 'x-amz-bucket-region': 'eu-west-1' } },
    });
    expect(endpoint.iamActions.get('s3:ListBucket')).toBe(2);
  });

  it('answers GetBucketLocation from any region: empty for us-east-1, the region otherwise', async () => {
    const { client } = s3('us-east-1');
    expect((await client.send(new GetBucketLocationCommand({ Bucket: appData }))).LocationConstraint).toBe('eu-west-1');
    expect((await client.send(new GetBucketLocationCommand({ Bucket: legacy }))).LocationConstraint).toBeFalsy();
  });

  it('answers the bucket policy as JSON, and its public status', async () => {
    const { client } = s3('eu-west-1');
    const policy = await client.send(new GetBucketPolicyCommand({ Bucket: appData }));
    expect(JSON.parse(policy.Policy!)).toEqual(resourceBuilders.tlsOnlyPolicy(appData));
    expect((await client.send(new GetBucketPolicyStatusCommand({ Bucket: appData }))).PolicyStatus).toEqual({
      IsPublic: false,
    });
    const east = s3('us-east-1').client;
    const site = `prod-public-site-${PRODUCTION}`;
    expect((await east.send(new GetBucketPolicyStatusCommand({ Bucket: site }))).PolicyStatus?.IsPublic).toBe(true);
    expect((await east.send(new GetPublicAccessBlockCommand({ Bucket: site }))).PublicAccessBlockConfiguration).toEqual(
      {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    );
  });

  it('answers the "not configured" errors as the SDK names them', async () => {
    const { client } = s3('us-east-1');
    await expect(client.send(new GetBucketEncryptionCommand({ Bucket: legacy }))).rejects.toMatchObject({
      name: 'ServerSideEncryptionConfigurationNotFoundError',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(client.send(new GetBucketPolicyCommand({ Bucket: legacy }))).rejects.toMatchObject({
      name: 'NoSuchBucketPolicy',
    });
    await expect(client.send(new GetBucketPolicyStatusCommand({ Bucket: legacy }))).rejects.toMatchObject({
      name: 'NoSuchBucketPolicy',
    });
    await expect(client.send(new GetPublicAccessBlockCommand({ Bucket: legacy }))).rejects.toMatchObject({
      name: 'NoSuchPublicAccessBlockConfiguration',
    });
    await expect(client.send(new GetBucketPolicyCommand({ Bucket: 'no-such-bucket-example' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('refuses the reader where the bucket policy denies it, and where the role lacks the action', async () => {
    const { client } = s3('eu-west-1');
    for (const command of [
      new GetBucketPolicyCommand({ Bucket: restricted }),
      new GetBucketEncryptionCommand({ Bucket: restricted }),
    ])
      await expect(client.send(command)).rejects.toMatchObject({
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      });
    endpoint.setFaults({ denyActions: ['s3:GetEncryptionConfiguration'] });
    await expect(client.send(new GetBucketEncryptionCommand({ Bucket: appData }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  it('answers SlowDown when throttled', async () => {
    endpoint.setFaults({ throttleNext: { 's3:ListBuckets': 1 } });
    await expect(s3('us-east-1').client.send(new ListBucketsCommand({}))).rejects.toMatchObject({
      name: 'SlowDown',
      $metadata: { httpStatusCode: 503 },
    });
  });
});

describe('local AWS endpoint: S3 Control (account public access block)', () => {
  const control = (account: string) =>
    new S3ControlClient({
      ...clientConfig(endpoint, account, 'us-east-1'),
      endpoint: hostNameUrl(endpoint.url),
      requestHandler: sandboxRequestHandler(),
    });

  it('answers the account block addressed by the <account>. host prefix, or that there is none', async () => {
    const out = await control(PRODUCTION).send(new GetAccountPublicAccessBlockCommand({ AccountId: PRODUCTION }));
    expect(out.PublicAccessBlockConfiguration).toEqual(resourceBuilders.allBlocked);
    expect(endpoint.iamActions.get('s3:GetAccountPublicAccessBlock')).toBe(1);
    await expect(
      control(STAGING).send(new GetAccountPublicAccessBlockCommand({ AccountId: STAGING })),
    ).rejects.toMatchObject({ name: 'NoSuchPublicAccessBlockConfiguration', $metadata: { httpStatusCode: 404 } });
    await expect(
      control(STAGING).send(new GetAccountPublicAccessBlockCommand({ AccountId: PRODUCTION })),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
