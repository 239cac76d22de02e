import { pageOf } from '../paging';
import { jsonRpcService, num, ServiceError, str, type JsonOperation } from '../json-rpc';
import { regionResources } from '../scenario-access';
import type { HandlerEnv } from '../types';

/**
 * Amazon ECR (awsJson 1.1, `AmazonEC2ContainerRegistry_V20150921`, 2015-09-21): DescribeRepositories
 * of the caller's own registry in the region, paged by nextToken (maxResults 1-1000, 100 when not
 * asked). Named repositories are answered without paging; a name the registry lacks is a
 * RepositoryNotFoundException, another account's registry an AccessDeniedException.
 */

const repositories = (env: HandlerEnv) => regionResources(env)?.ecr?.repositories ?? [];

const operations: Record<string, JsonOperation> = {
  DescribeRepositories: (input, env) => {
    const me = env.caller?.accountId ?? '';
    const registryId = str(input, 'registryId') ?? me;
    if (registryId !== me)
      throw new ServiceError(
        'AccessDeniedException',
        `User: ${env.caller?.arn ?? 'anonymous'} is not authorized to perform: ecr:DescribeRepositories on resource: arn:aws:ecr:${env.resources?.region ?? ''}:${registryId}:repository/*`,
      );
    const all = repositories(env);
    const names = Array.isArray(input.repositoryNames) ? (input.repositoryNames as string[]) : undefined;
    if (names) {
      if (input.nextToken !== undefined || input.maxResults !== undefined)
        throw new ServiceError(
          'InvalidParameterException',
          'Invalid parameter: nextToken and maxResults cannot be used when repositoryNames is specified',
        );
      const missing = names.find((n) => !all.some((r) => r.repositoryName === n));
      if (missing)
        throw new ServiceError(
          'RepositoryNotFoundException',
          `The repository with name '${missing}' does not exist in the registry with id '${registryId}'`,
        );
      return { repositories: all.filter((r) => names.includes(r.repositoryName ?? '')) };
    }
    const pg = pageOf(
      all,
      str(input, 'nextToken'),
      num(input, 'maxResults'),
      { defaultSize: 100, max: 1000, limitName: 'maxResults' },
      env.resources?.pageCap,
    );
    return { repositories: pg.items, ...(pg.next ? { nextToken: pg.next } : {}) };
  },
};

export const ecr = jsonRpcService({
  id: 'ecr',
  signingName: 'ecr',
  targetPrefix: 'AmazonEC2ContainerRegistry_V20150921',
  operations,
  badPage: (e) =>
    new ServiceError(
      'InvalidParameterException',
      e.kind === 'token' ? 'Invalid parameter at nextToken: the pagination token is invalid' : e.message,
    ),
});
