import {
  identityCenterOf,
  instanceArn,
  permissionSetArn,
  type IdcInstanceModel,
  type IdcPermissionSetModel,
} from '../scenarios/identity-center';
import { jsonRpcService, ServiceError, type JsonOperation } from '../json-rpc';
import { pageOf } from '../paging';
import type { HandlerEnv } from '../types';

/**
 * IAM Identity Center's admin API (sso-admin 2020-07-20, awsJson1_1, target prefix
 * `SWBExternalService`, signed as `sso`): the read operations an access review needs, from
 * `Scenario.identityCenter`. An instance answers only in its own region and to its owner
 * account: ListInstances elsewhere is an empty list, as AWS answers it.
 */

const OPERATIONS = [
  'ListInstances',
  'ListPermissionSets',
  'DescribePermissionSet',
  'ListManagedPoliciesInPermissionSet',
  'GetInlinePolicyForPermissionSet',
  'ListCustomerManagedPolicyReferencesInPermissionSet',
  'ListAccountAssignments',
  'ListAccountsForProvisionedPermissionSet',
] as const;
type Operation = (typeof OPERATIONS)[number];

class NotFound extends ServiceError {
  constructor(message: string) {
    super('ResourceNotFoundException', message);
  }
}
class JsonBadInput extends ServiceError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

/** NextToken pagination, MaxResults 1..100 (the model's bounds), the scenario's pageCap. */
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
const seconds = (iso: string) => Date.parse(iso) / 1000;

function visibleInstances(env: HandlerEnv, region: string): IdcInstanceModel[] {
  return identityCenterOf(env.scenario).instances.filter(
    (i) => i.region === region && i.ownerAccountId === env.caller?.accountId,
  );
}

function instanceOf(env: HandlerEnv, region: string, input: Input): IdcInstanceModel {
  const arn = input.InstanceArn;
  if (typeof arn !== 'string' || !/^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/.test(arn))
    throw new JsonBadInput(
      `1 validation error detected: Value '${String(arn)}' at 'instanceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[a-z]{1,5}){0,3}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}`,
    );
  const found = visibleInstances(env, region).find((i) => instanceArn(i) === arn);
  if (!found) throw new NotFound(`Instance ${arn} doesn't exist.`);
  return found;
}

function permissionSetOf(instance: IdcInstanceModel, input: Input): IdcPermissionSetModel {
  const arn = input.PermissionSetArn;
  if (typeof arn !== 'string')
    throw new JsonBadInput(
      "1 validation error detected: Value null at 'permissionSetArn' failed to satisfy constraint: Member must not be null",
    );
  const found = instance.permissionSets.find((ps) => permissionSetArn(instance, ps) === arn);
  if (!found) throw new NotFound(`PermissionSet ${arn} doesn't exist.`);
  return found;
}

function answer(op: Operation, input: Input, env: HandlerEnv, region: string): unknown {
  const pageCap = identityCenterOf(env.scenario).pageCap;
  if (op === 'ListInstances') {
    const pg = jsonPage(visibleInstances(env, region), input, op, pageCap);
    return {
      Instances: pg.items.map((i) => ({
        InstanceArn: instanceArn(i),
        IdentityStoreId: i.identityStoreId,
        OwnerAccountId: i.ownerAccountId,
        ...(i.name ? { Name: i.name } : {}),
        CreatedDate: seconds(i.createdAt),
        Status: 'ACTIVE',
      })),
      ...(pg.NextToken ? { NextToken: pg.NextToken } : {}),
    };
  }
  const instance = instanceOf(env, region, input);
  const token = (pg: { NextToken?: string }) => (pg.NextToken ? { NextToken: pg.NextToken } : {});
  if (op === 'ListPermissionSets') {
    const pg = jsonPage(instance.permissionSets, input, `${op}|${instance.id}`, pageCap);
    return { PermissionSets: pg.items.map((ps) => permissionSetArn(instance, ps)), ...token(pg) };
  }
  const ps = permissionSetOf(instance, input);
  const scope = `${op}|${ps.id}`;
  switch (op) {
    case 'DescribePermissionSet':
      return {
        PermissionSet: {
          Name: ps.name,
          PermissionSetArn: permissionSetArn(instance, ps),
          ...(ps.description ? { Description: ps.description } : {}),
          CreatedDate: seconds(ps.createdAt),
          SessionDuration: ps.sessionDuration ?? 'PT1H',
        },
      };
    case 'ListManagedPoliciesInPermissionSet': {
      const pg = jsonPage(ps.managedPolicyArns ?? [], input, scope, pageCap);
      return {
        AttachedManagedPolicies: pg.items.map((arn) => ({ Name: arn.slice(arn.lastIndexOf('/') + 1), Arn: arn })),
        ...token(pg),
      };
    }
    case 'GetInlinePolicyForPermissionSet':
      // No inline policy: AWS answers without the member.
      return ps.inlinePolicy ? { InlinePolicy: JSON.stringify(ps.inlinePolicy) } : {};
    case 'ListCustomerManagedPolicyReferencesInPermissionSet': {
      const pg = jsonPage(ps.customerManagedPolicies ?? [], input, scope, pageCap);
      return {
        CustomerManagedPolicyReferences: pg.items.map((p) => ({ Name: p.name, Path: p.path ?? '/' })),
        ...token(pg),
      };
    }
    case 'ListAccountsForProvisionedPermissionSet': {
      const pg = jsonPage(ps.provisionedTo, input, scope, pageCap);
      return { AccountIds: pg.items, ...token(pg) };
    }
    case 'ListAccountAssignments': {
      const accountId = input.AccountId;
      if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))
        throw new JsonBadInput(
          `1 validation error detected: Value '${String(accountId)}' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d{12}`,
        );
      const rows = instance.assignments.filter((a) => a.accountId === accountId && a.permissionSetId === ps.id);
      const pg = jsonPage(rows, input, `${scope}|${accountId}`, pageCap);
      return {
        AccountAssignments: pg.items.map((a) => ({
          AccountId: a.accountId,
          PermissionSetArn: permissionSetArn(instance, ps),
          PrincipalType: a.principalType,
          PrincipalId: a.principalId,
        })),
        ...token(pg),
      };
    }
  }
}

export const ssoAdmin = jsonRpcService({
  id: 'sso',
  // Signed as `sso`, like the portal's unsigned calls' service; the target tells them apart.
  signingName: 'sso',
  targetPrefix: 'SWBExternalService',
  operations: Object.fromEntries(
    OPERATIONS.map((op): [string, JsonOperation] => [
      op,
      (input, env, req) => answer(op, input, env, req.signing!.region),
    ]),
  ),
  badPage: (e) => new JsonBadInput(e.kind === 'token' ? 'The NextToken is not valid for this request.' : e.message),
});
