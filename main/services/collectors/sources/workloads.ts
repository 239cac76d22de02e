import { DescribeRepositoriesCommand, type DescribeRepositoriesCommandOutput } from '@aws-sdk/client-ecr';
import { ListFunctionsCommand, type ListFunctionsCommandOutput } from '@aws-sdk/client-lambda';
import { tokenPages } from './pages';
import { jsonFile, type RegionalFetcher, type RegionalValue, type SourceContext } from './types';

/**
 * Where the account runs what Amazon Inspector scans besides EC2 instances: ECR repositories and
 * Lambda functions, one region at a time, in the largest pages each model allows.
 */

/** One region's listing followed to its last page, stored as one evidence file. */
function listing<
  K extends 'ecrRepositories' | 'lambdaFunctions',
  O extends { $metadata?: { requestId?: string } },
>(spec: {
  action: string;
  operation: string;
  input: (token: string | undefined) => Record<string, unknown>;
  send: (ctx: SourceContext, input: Record<string, unknown>) => Promise<O>;
  next: (output: O) => string | undefined;
  items: (output: O) => RegionalValue<K> & unknown[];
  fileName: string;
  title: string;
}): RegionalFetcher<K> {
  return async (ctx) => {
    const pages = await tokenPages(
      spec.action,
      (token) => {
        const input = spec.input(token);
        return ctx.recorder.call(spec.operation, () => spec.send(ctx, input), input);
      },
      spec.next,
    );
    const value = pages.flatMap((p) => spec.items(p.output)) as RegionalValue<K> & unknown[];
    return {
      value,
      files: [jsonFile(spec.fileName, `${spec.title} (${value.length})`, { pages: pages.map((p) => p.page) })],
      calls: ctx.recorder.calls,
    };
  };
}

/** DescribeRepositories: nextToken/maxResults, 1 to 1,000 (100 when not asked). */
export const ecrRepositories = listing<'ecrRepositories', DescribeRepositoriesCommandOutput>({
  action: 'ecr:DescribeRepositories',
  operation: 'DescribeRepositories',
  input: (token) => ({ maxResults: 1000, ...(token ? { nextToken: token } : {}) }),
  send: ({ clients, region, signal }, input) =>
    clients.ecr(region).send(new DescribeRepositoriesCommand(input), { abortSignal: signal }),
  next: (o) => o.nextToken,
  items: (o) =>
    (o.repositories ?? []).map((r) => ({
      repositoryName: r.repositoryName ?? '',
      ...(r.repositoryArn ? { repositoryArn: r.repositoryArn } : {}),
    })),
  fileName: 'ecr-DescribeRepositories.json',
  title: 'ECR DescribeRepositories',
});

/** ListFunctions: Marker/NextMarker; Lambda answers at most 50 a page, whatever MaxItems asks. */
export const lambdaFunctions = listing<'lambdaFunctions', ListFunctionsCommandOutput>({
  action: 'lambda:ListFunctions',
  operation: 'ListFunctions',
  input: (token) => ({ MaxItems: 50, ...(token ? { Marker: token } : {}) }),
  send: ({ clients, region, signal }, input) =>
    clients.lambda(region).send(new ListFunctionsCommand(input), { abortSignal: signal }),
  next: (o) => o.NextMarker,
  items: (o) =>
    (o.Functions ?? []).map((f) => ({
      FunctionName: f.FunctionName ?? '',
      ...(f.FunctionArn ? { FunctionArn: f.FunctionArn } : {}),
    })),
  fileName: 'lambda-ListFunctions.json',
  title: 'Lambda ListFunctions',
});
