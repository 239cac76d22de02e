import { pageOf } from '../paging';
import { jsonRpcService, num, ServiceError, str, type JsonOperation } from '../json-rpc';
import type { KmsKeyModel } from '../resources';
import { regionResources } from '../scenario-access';
import type { HandlerEnv } from '../types';

/**
 * KMS (awsJson 1.1, `TrentService`, 2014-11-01): ListKeys, DescribeKey, GetKeyRotationStatus and
 * ListAliases from the region's keys. Marker/NextMarker/Truncated pagination (Limit 1-1000,
 * default 100). Keys are found by id, key ARN, alias name or alias ARN, as KMS finds them.
 */

const keysHere = (env: HandlerEnv) => regionResources(env)?.kms ?? { keys: [], aliases: [] };

function findKey(env: HandlerEnv, keyId: string | undefined): KmsKeyModel {
  const { keys, aliases } = keysHere(env);
  const alias = aliases.find((a) => a.AliasName === keyId || a.AliasArn === keyId);
  const wanted = alias?.TargetKeyId ?? keyId;
  const key = keys.find((k) => k.metadata.KeyId === wanted || k.metadata.Arn === wanted);
  if (!key) throw new ServiceError('NotFoundException', `Key '${keyArnOrId(env, keyId)}' does not exist`);
  return key;
}

const keyArnOrId = (env: HandlerEnv, keyId: string | undefined) =>
  keyId?.startsWith('arn:') || keyId?.startsWith('alias/')
    ? keyId
    : `arn:aws:kms:${env.resources?.region ?? ''}:${env.caller?.accountId ?? ''}:key/${keyId ?? ''}`;

const page = <T>(items: T[], input: Record<string, unknown>, env: HandlerEnv) => {
  const pg = pageOf(
    items,
    str(input, 'Marker'),
    num(input, 'Limit'),
    { defaultSize: 100, max: 1000, limitName: 'limit' },
    env.resources?.pageCap,
  );
  return { items: pg.items, Truncated: pg.next !== undefined, ...(pg.next ? { NextMarker: pg.next } : {}) };
};

const operations: Record<string, JsonOperation> = {
  ListKeys: (input, env) => {
    const pg = page(keysHere(env).keys, input, env);
    return {
      Keys: pg.items.map((k) => ({ KeyId: k.metadata.KeyId, KeyArn: k.metadata.Arn })),
      Truncated: pg.Truncated,
      NextMarker: pg.NextMarker,
    };
  },
  DescribeKey: (input, env) => ({ KeyMetadata: findKey(env, str(input, 'KeyId')).metadata }),
  GetKeyRotationStatus: (input, env) => {
    const key = findKey(env, str(input, 'KeyId'));
    if (!key.rotation)
      throw new ServiceError(
        'UnsupportedOperationException',
        `${key.metadata.Arn} origin is ${key.metadata.Origin ?? 'AWS_KMS'} which is not valid for this operation.`,
      );
    if (key.metadata.KeyState === 'PendingDeletion')
      throw new ServiceError('KMSInvalidStateException', `${key.metadata.Arn} is pending deletion.`);
    return { KeyId: key.metadata.Arn, ...key.rotation };
  },
  ListAliases: (input, env) => {
    const keyId = str(input, 'KeyId');
    const all = keysHere(env).aliases;
    const target = keyId ? findKey(env, keyId).metadata.KeyId : undefined;
    const pg = page(target ? all.filter((a) => a.TargetKeyId === target) : all, input, env);
    return { Aliases: pg.items, Truncated: pg.Truncated, NextMarker: pg.NextMarker };
  },
};

export const kms = jsonRpcService({
  id: 'kms',
  signingName: 'kms',
  targetPrefix: 'TrentService',
  operations,
  badPage: (e) =>
    e.kind === 'token'
      ? new ServiceError('InvalidMarkerException', 'Invalid marker')
      : new ServiceError('ValidationException', e.message),
});
