import { jsonRpcService, ServiceError, type JsonOperation } from '../json-rpc';
import { regionResources } from '../scenario-access';
import type { HandlerEnv } from '../types';

/**
 * AWS Config (awsJson 1.1, `StarlingDoveService`): DescribeConfigurationRecorders and
 * DescribeConfigurationRecorderStatus. A region where Config was never set up answers empty
 * lists; asking for a recorder by a name it does not have is NoSuchConfigurationRecorderException.
 */

const configHere = (env: HandlerEnv) => regionResources(env)?.config ?? { recorders: [], statuses: [] };

function byNames<T extends { name?: string }>(items: T[], input: Record<string, unknown>): T[] {
  const names = Array.isArray(input.ConfigurationRecorderNames) ? (input.ConfigurationRecorderNames as string[]) : [];
  for (const n of names)
    if (!items.some((i) => i.name === n))
      throw new ServiceError(
        'NoSuchConfigurationRecorderException',
        `Cannot find configuration recorder with the specified name '${n}'.`,
      );
  return names.length ? items.filter((i) => names.includes(i.name ?? '')) : items;
}

const operations: Record<string, JsonOperation> = {
  DescribeConfigurationRecorders: (input, env) => ({
    ConfigurationRecorders: byNames(configHere(env).recorders, input),
  }),
  DescribeConfigurationRecorderStatus: (input, env) => ({
    ConfigurationRecordersStatus: byNames(configHere(env).statuses, input),
  }),
};

export const config = jsonRpcService({
  id: 'config',
  signingName: 'config',
  targetPrefix: 'StarlingDoveService',
  operations,
  badPage: (e) => new ServiceError('InvalidNextTokenException', e.message),
});
