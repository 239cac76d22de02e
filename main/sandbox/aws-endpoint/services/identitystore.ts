import { identityCenterOf, type IdcInstanceModel } from '../scenarios/identity-center';
import { jsonRpcService, ServiceError, type JsonOperation } from '../json-rpc';
import { pageOf } from '../paging';
import type { HandlerEnv } from '../types';

/**
 * The Identity Center identity store (identitystore 2020-06-15, awsJson1_1, target prefix
 * `AWSIdentityStore`): users, groups and group memberships from `Scenario.identityCenter`,
 * answered only in the instance's region, as AWS does.
 */

const OPERATIONS = ['ListUsers', 'ListGroups', 'ListGroupMemberships'] as const;
type Operation = (typeof OPERATIONS)[number];

class NotFound extends ServiceError {
  constructor(resourceType: string, resourceId: string) {
    super(
      'ResourceNotFoundException',
      `${resourceType === 'IDENTITY_STORE' ? 'Identity store' : 'Group'} ${resourceId} not found`,
      400,
      { ResourceType: resourceType, ResourceId: resourceId },
    );
  }
}
class JsonBadInput extends ServiceError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

function jsonPage<T>(items: readonly T[], input: Input, _scope: string, pageCap?: number) {
  const pg = pageOf(
    items,
    typeof input.NextToken === 'string' ? input.NextToken : undefined,
    input.MaxResults as number | undefined,
    { defaultSize: 100, max: 100, limitName: 'maxResults' },
    pageCap,
  );
  return { items: pg.items, ...(pg.next ? { NextToken: pg.next } : {}) };
}

type Input = Record<string, unknown>;

function storeOf(env: HandlerEnv, region: string, input: Input): IdcInstanceModel {
  const id = input.IdentityStoreId;
  if (
    typeof id !== 'string' ||
    !/^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(id)
  )
    throw new JsonBadInput(
      `1 validation error detected: Value '${String(id)}' at 'identityStoreId' failed to satisfy constraint: Member must satisfy regular expression pattern: d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`,
    );
  const found = identityCenterOf(env.scenario).instances.find(
    (i) => i.identityStoreId === id && i.region === region && i.ownerAccountId === env.caller?.accountId,
  );
  if (!found) throw new NotFound('IDENTITY_STORE', id);
  return found;
}

const stamp = (i: IdcInstanceModel) => ({ CreatedAt: Date.parse(i.createdAt) / 1000, CreatedBy: 'SCIM' });

function answer(op: Operation, input: Input, env: HandlerEnv, region: string): unknown {
  const store = storeOf(env, region, input);
  const pageCap = identityCenterOf(env.scenario).pageCap;
  const token = (pg: { NextToken?: string }) => (pg.NextToken ? { NextToken: pg.NextToken } : {});
  switch (op) {
    case 'ListUsers': {
      const pg = jsonPage(store.users, input, `${op}|${store.identityStoreId}`, pageCap);
      return {
        Users: pg.items.map((u) => ({
          IdentityStoreId: store.identityStoreId,
          UserId: u.id,
          UserName: u.userName,
          ...(u.displayName ? { DisplayName: u.displayName } : {}),
          ...(u.givenName || u.familyName
            ? {
                Name: {
                  ...(u.givenName ? { GivenName: u.givenName } : {}),
                  ...(u.familyName ? { FamilyName: u.familyName } : {}),
                },
              }
            : {}),
          ...(u.email ? { Emails: [{ Value: u.email, Type: 'work', Primary: true }] } : {}),
          UserStatus: u.status ?? 'ENABLED',
          ...stamp(store),
        })),
        ...token(pg),
      };
    }
    case 'ListGroups': {
      const pg = jsonPage(store.groups, input, `${op}|${store.identityStoreId}`, pageCap);
      return {
        Groups: pg.items.map((g) => ({
          GroupId: g.id,
          DisplayName: g.displayName,
          ...(g.description ? { Description: g.description } : {}),
          IdentityStoreId: store.identityStoreId,
          ...stamp(store),
        })),
        ...token(pg),
      };
    }
    case 'ListGroupMemberships': {
      const groupId = input.GroupId;
      if (typeof groupId !== 'string' || !store.groups.some((g) => g.id === groupId))
        throw new NotFound('GROUP', String(groupId));
      const rows = store.memberships.filter((m) => m.groupId === groupId);
      const pg = jsonPage(rows, input, `${op}|${groupId}`, pageCap);
      return {
        GroupMemberships: pg.items.map((m) => ({
          IdentityStoreId: store.identityStoreId,
          MembershipId: membershipId(m.groupId, m.userId),
          GroupId: m.groupId,
          MemberId: { UserId: m.userId },
          ...stamp(store),
        })),
        ...token(pg),
      };
    }
  }
}

/** A stable UUID-like membership id from the pair. */
function membershipId(groupId: string, userId: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${groupId}|${userId}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const hex = (h.toString(16).padStart(8, '0') + userId.replace(/[^0-9a-f]/g, '').padEnd(24, '0')).slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const identitystore = jsonRpcService({
  id: 'identitystore',
  signingName: 'identitystore',
  targetPrefix: 'AWSIdentityStore',
  operations: Object.fromEntries(
    OPERATIONS.map((op): [string, JsonOperation] => [
      op,
      (input, env, req) => answer(op, input, env, req.signing!.region),
    ]),
  ),
  badPage: (e) => new JsonBadInput(e.kind === 'token' ? 'The NextToken is not valid for this request.' : e.message),
});
