import { DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { tokenPages } from './pages';
import { jsonFile, type RegionalFetcher } from './types';

/**
 * Where the account runs what Amazon Inspector scans besides EC2 instances: ECR repositories and
 * Lambda functions, one region at a time, in the largest pages each model allows.
 */

/** DescribeRepositories: nextToken/maxResults, 1 to 1,000 (100 when not asked). */
export const ecrRepositories: RegionalFetcher<'ecrRepositories'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.ecr(region);
  const pages = await tokenPages(
    'ecr:DescribeRepositories',
    (token) => {
      const input = { maxResults: 1000, ...(token ? { nextToken: token } : {}) };
      return recorder.call(
        'DescribeRepositories',
        () => client.send(new DescribeRepositoriesCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.nextToken,
  );
  const value = pages.flatMap((p) =>
    (p.output.repositories ?? []).map((r) => ({
      repositoryName: r.repositoryName ?? '',
      ...(r.repositoryArn ? { repositoryArn: r.repositoryArn } : {}),
    })),
  );
  return {
    value,
    files: [
      jsonFile('ecr-DescribeRepositories.json', `ECR DescribeRepositories (${value.length})`, {
        pages: pages.map((p) => p.page),
      }),
    ],
    calls: recorder.calls,
  };
};

/** ListFunctions: Marker/NextMarker; Lambda answers at most 50 a page, whatever MaxItems asks. */
export const lambdaFunctions: RegionalFetcher<'lambdaFunctions'> = async ({ clients, region, signal, recorder }) => {
  const client = clients.lambda(region);
  const pages = await tokenPages(
    'lambda:ListFunctions',
    (token) => {
      const input = { MaxItems: 50, ...(token ? { Marker: token } : {}) };
      return recorder.call(
        'ListFunctions',
        () => client.send(new ListFunctionsCommand(input), { abortSignal: signal }),
        input,
      );
    },
    (o) => o.NextMarker,
  );
  const value = pages.flatMap((p) =>
    (p.output.Functions ?? []).map((f) => ({
      FunctionName: f.FunctionName ?? '',
      ...(f.FunctionArn ? { FunctionArn: f.FunctionArn } : {}),
    })),
  );
  return {
    value,
    files: [
      jsonFile('lambda-ListFunctions.json', `Lambda ListFunctions (${value.length})`, {
        pages: pages.map((p) => p.page),
      }),
    ],
    calls: recorder.calls,
  };
};
