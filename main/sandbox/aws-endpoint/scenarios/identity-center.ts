/**
 * IAM Identity Center contents of a scenario (`Scenario.identityCenter`), answered by
 * `services/sso-admin.ts` and `services/identitystore.ts`. Ids follow AWS's formats
 * (`ssoins-…`, `ps-…`, `d-…`, UUID-like user and group ids); accounts are AWS's example ids.
 */

export interface IdcUserModel {
  /** UUID-like, as the identity store makes them (`9067…-…`). */
  id: string;
  userName: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  status?: 'ENABLED' | 'DISABLED';
}

export interface IdcGroupModel {
  id: string;
  displayName: string;
  description?: string;
}

export interface IdcPermissionSetModel {
  /** The `ps-…` part of its ARN (16 characters after `ps-`). */
  id: string;
  name: string;
  description?: string;
  /** ISO 8601 duration, AWS's default PT1H. */
  sessionDuration?: string;
  createdAt: string;
  managedPolicyArns?: string[];
  inlinePolicy?: { Version?: string; Statement: unknown };
  customerManagedPolicies?: { name: string; path?: string }[];
  /** Accounts it is provisioned to. */
  provisionedTo: string[];
}

export interface IdcAssignmentModel {
  accountId: string;
  permissionSetId: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

export interface IdcInstanceModel {
  /** The `ssoins-…` part of its ARN (16 characters after `ssoins-`). */
  id: string;
  identityStoreId: string;
  ownerAccountId: string;
  /** The region the instance lives in: sso-admin and identitystore answer for it only there. */
  region: string;
  name?: string;
  createdAt: string;
  users: IdcUserModel[];
  groups: IdcGroupModel[];
  memberships: { groupId: string; userId: string }[];
  permissionSets: IdcPermissionSetModel[];
  assignments: IdcAssignmentModel[];
}

export interface IdentityCenterScenario {
  instances: IdcInstanceModel[];
  /** Most items one page holds whatever MaxResults asks, so clients must follow NextToken. */
  pageCap?: number;
}

export const instanceArn = (i: Pick<IdcInstanceModel, 'id'>) => `arn:aws:sso:::instance/${i.id}`;
export const permissionSetArn = (i: Pick<IdcInstanceModel, 'id'>, ps: Pick<IdcPermissionSetModel, 'id'>) =>
  `arn:aws:sso:::permissionSet/${i.id}/${ps.id}`;

/** The scenario's Identity Center, checked for the shape the two services read. */
export function identityCenterOf(scenario: { name: string; identityCenter?: unknown }): IdentityCenterScenario {
  const idc = scenario.identityCenter;
  if (idc === undefined) return { instances: [] };
  if (typeof idc !== 'object' || idc === null || !Array.isArray((idc as IdentityCenterScenario).instances))
    throw new Error(`Scenario ${scenario.name}: "identityCenter" must be { instances: IdcInstanceModel[] }`);
  return idc as IdentityCenterScenario;
}
