import { DescribeRepositoriesCommand, ECRClient, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import { LambdaClient, ListFunctionsCommand, paginateListFunctions } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { PRODUCTION, STAGING } from '../../../main/sandbox/aws-endpoint';
import { clientConfig, useMultiAccountEndpoint } from './harness';

const endpoint = useMultiAccountEndpoint();

describe('local AWS endpoint: ECR (awsJson 1.1)', () => {
  const ecr = (region: string, account = PRODUCTION) => new ECRClient(clientConfig(endpoint, account, region));

  it('describes the registry’s repositories in pages of maxResults, through the SDK’s own paginator', async () => {
    const pages = [];
    for await (const page of paginateDescribeRepositories({ client: ecr('us-east-1'), pageSize: 1 }, {}))
      pages.push(page.repositories!.map((r) => r.repositoryName));
    expect(pages).toEqual([['web/app'], ['web/worker']]);
    const { repositories, nextToken } = await ecr('us-east-1').send(new DescribeRepositoriesCommand({}));
    expect(nextToken).toBeUndefined();
    expect(repositories![0]).toMatchObject({
      repositoryArn: `arn:aws:ecr:us-east-1:${PRODUCTION}:repository/web/app`,
      registryId: PRODUCTION,
      repositoryUri: `${PRODUCTION}.dkr.ecr.us-east-1.amazonaws.com/web/app`,
      imageScanningConfiguration: { scanOnPush: false },
      encryptionConfiguration: { encryptionType: 'AES256' },
    });
    // awsJson sends the timestamp as epoch seconds; the SDK reads it back as a Date.
    expect(repositories![0]!.createdAt).toEqual(new Date('2024-05-01T09:00:00Z'));
    expect(endpoint.iamActions.get('ecr:DescribeRepositories')).toBe(3);
  });

  it('has none where no repository exists, names a missing one, and refuses a bad token or page size', async () => {
    expect((await ecr('eu-south-1').send(new DescribeRepositoriesCommand({}))).repositories).toEqual([]);
    expect((await ecr('us-east-1', STAGING).send(new DescribeRepositoriesCommand({}))).repositories).toEqual([]);
    await expect(
      ecr('us-east-1').send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] })),
    ).rejects.toMatchObject({ name: 'RepositoryNotFoundException', $metadata: { httpStatusCode: 400 } });
    await expect(
      ecr('us-east-1').send(new DescribeRepositoriesCommand({ nextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(ecr('us-east-1').send(new DescribeRepositoriesCommand({ maxResults: 1001 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('answers AccessDenied, throttling and a region not opted in as ECR does', async () => {
    await expect(ecr('ap-east-1').send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    endpoint.setFaults({ denyActions: ['ecr:DescribeRepositories'] });
    await expect(ecr('us-east-1').send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    endpoint.setFaults({ throttleNext: { 'ecr:DescribeRepositories': 1 } });
    await expect(ecr('us-east-1').send(new DescribeRepositoriesCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  });
});

describe('local AWS endpoint: Lambda (restJson)', () => {
  const lambda = (region: string, account = PRODUCTION) => new LambdaClient(clientConfig(endpoint, account, region));

  it('lists functions by Marker and NextMarker, through the SDK’s own paginator', async () => {
    const pages = [];
    for await (const page of paginateListFunctions({ client: lambda('us-east-1'), pageSize: 4 }, {}))
      pages.push(page.Functions!.map((f) => f.FunctionName));
    expect(pages).toEqual([
      ['thumbnailer', 'invoice-mailer', 'audit-export', 'webhook-in'],
      ['nightly-report', 'cleanup'],
    ]);
    // The scenario's page cap (5) stands in for Lambda's own 50: MaxItems above it still gets one page's worth.
    const first = await lambda('us-east-1').send(new ListFunctionsCommand({ MaxItems: 10000 }));
    expect(first.Functions).toHaveLength(5);
    expect(first.NextMarker).toBeDefined();
    const rest = await lambda('us-east-1').send(new ListFunctionsCommand({ Marker: first.NextMarker }));
    expect(rest.Functions!.map((f) => f.FunctionName)).toEqual(['cleanup']);
    expect(rest.NextMarker).toBeUndefined();
    expect(first.Functions![0]).toMatchObject({
      FunctionArn: `arn:aws:lambda:us-east-1:${PRODUCTION}:function:thumbnailer`,
      Runtime: 'nodejs22.x',
      PackageType: 'Zip',
      State: 'Active',
      LastModified: '2025-03-01T10:00:00.000+0000',
      Architectures: ['arm64'],
    });
  });

  it('has none where no function runs, and refuses a bad marker or MaxItems', async () => {
    expect((await lambda('eu-west-1').send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    expect(
      (await lambda('us-east-1', STAGING).send(new ListFunctionsCommand({}))).Functions!.map((f) => f.FunctionName),
    ).toEqual(['staging-api']);
    await expect(lambda('us-east-1').send(new ListFunctionsCommand({ Marker: 'x' }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(lambda('us-east-1').send(new ListFunctionsCommand({ MaxItems: 10001 }))).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
    });
  });

  it('answers AccessDenied, throttling and a region not opted in as Lambda does', async () => {
    await expect(lambda('ap-east-1').send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    endpoint.setFaults({ denyActions: ['lambda:ListFunctions'] });
    await expect(lambda('us-east-1').send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    endpoint.setFaults({ throttleNext: { 'lambda:ListFunctions': 1 } });
    await expect(lambda('us-east-1').send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      $metadata: { httpStatusCode: 429 },
    });
  });
});
