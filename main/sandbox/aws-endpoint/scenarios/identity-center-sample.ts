import type { Scenario } from '../scenario';
import { awsManagedArn } from './iam-account';
import type { IdcInstanceModel } from './identity-center';

/**
 * Identity Center directories for scenarios: a small company's (people, groups, permission
 * sets with managed, inline and customer-managed policies, assignments to users and to
 * groups) and a large one for the benchmark. Ids follow AWS's formats; accounts are AWS's
 * example ids.
 */

const uuid = (prefix: string, n: number) =>
  `${prefix}-${n.toString(16).padStart(4, '0')}-4${n.toString(16).padStart(3, '0').slice(-3)}-8000-${n.toString(16).padStart(12, '0')}`;
export const idcUserId = (n: number) => `906722b2be-${uuid('a1b2c3d4', n)}`;
export const idcGroupId = (n: number) => `906722b2be-${uuid('b1b2c3d4', n)}`;

/** A company of four people: an admin group, a developer group, one user assigned directly. */
export function sampleIdentityCenter(
  ownerAccountId: string,
  region: string,
  otherAccountId = '444455556666',
): IdcInstanceModel {
  const [dana, sam, lee, kim] = [1, 2, 3, 4].map(idcUserId) as [string, string, string, string];
  const [admins, developers] = [1, 2].map(idcGroupId) as [string, string];
  return {
    id: 'ssoins-1111111111111111',
    identityStoreId: 'd-9067e0a1b2',
    ownerAccountId,
    region,
    name: 'Acme',
    createdAt: '2025-03-01T09:00:00Z',
    users: [
      { id: dana, userName: 'dana@acme.example', displayName: 'Dana Founder', email: 'dana@acme.example' },
      { id: sam, userName: 'sam@acme.example', displayName: 'Sam Engineer', email: 'sam@acme.example' },
      { id: lee, userName: 'lee@acme.example', displayName: 'Lee Contractor', email: 'lee@acme.example' },
      {
        id: kim,
        userName: 'kim@acme.example',
        displayName: 'Kim Former',
        email: 'kim@acme.example',
        status: 'DISABLED',
      },
    ],
    groups: [
      { id: admins, displayName: 'Admins', description: 'Full access to every account' },
      { id: developers, displayName: 'Developers' },
    ],
    memberships: [
      { groupId: admins, userId: dana },
      { groupId: developers, userId: sam },
      { groupId: developers, userId: lee },
    ],
    permissionSets: [
      {
        id: 'ps-aaaaaaaaaaaaaaaa',
        name: 'AdministratorAccess',
        createdAt: '2025-03-01T09:00:00Z',
        managedPolicyArns: [awsManagedArn('AdministratorAccess')],
        provisionedTo: [ownerAccountId, otherAccountId],
      },
      {
        id: 'ps-bbbbbbbbbbbbbbbb',
        name: 'DeveloperAccess',
        description: 'Deploy and read logs',
        sessionDuration: 'PT8H',
        createdAt: '2025-03-01T09:00:00Z',
        managedPolicyArns: [awsManagedArn('ReadOnlyAccess')],
        inlinePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }] },
        customerManagedPolicies: [{ name: 'DeployAccess', path: '/' }],
        provisionedTo: [otherAccountId],
      },
    ],
    assignments: [
      {
        accountId: ownerAccountId,
        permissionSetId: 'ps-aaaaaaaaaaaaaaaa',
        principalType: 'GROUP',
        principalId: admins,
      },
      {
        accountId: otherAccountId,
        permissionSetId: 'ps-aaaaaaaaaaaaaaaa',
        principalType: 'GROUP',
        principalId: admins,
      },
      {
        accountId: otherAccountId,
        permissionSetId: 'ps-bbbbbbbbbbbbbbbb',
        principalType: 'GROUP',
        principalId: developers,
      },
      { accountId: ownerAccountId, permissionSetId: 'ps-aaaaaaaaaaaaaaaa', principalType: 'USER', principalId: lee },
    ],
  };
}

/**
 * A large directory: `users` people in `groups` groups (every user in a few, user 0 in up to
 * `maxGroupsForOne`), one permission set per ten groups, each assigned to its groups.
 */
export function largeIdentityCenter(
  ownerAccountId: string,
  region: string,
  size: { users: number; groups: number; maxGroupsForOne?: number },
): IdcInstanceModel {
  const users = Array.from({ length: size.users }, (_, i) => ({
    id: idcUserId(i),
    userName: `user-${i}@acme.example`,
    displayName: `User ${i}`,
  }));
  const groups = Array.from({ length: size.groups }, (_, i) => ({ id: idcGroupId(i), displayName: `group-${i}` }));
  const memberships: IdcInstanceModel['memberships'] = [];
  for (let u = 0; u < size.users; u++)
    for (const g of [u % size.groups, (u * 7 + 3) % size.groups])
      memberships.push({ groupId: idcGroupId(g), userId: idcUserId(u) });
  for (let g = 1; g < Math.min(size.groups, size.maxGroupsForOne ?? 0); g++)
    if (g !== 3) memberships.push({ groupId: idcGroupId(g), userId: idcUserId(0) });
  const sets = Math.max(1, Math.ceil(size.groups / 10));
  const psId = (i: number) => `ps-${i.toString(16).padStart(16, '0')}`;
  return {
    id: 'ssoins-2222222222222222',
    identityStoreId: 'd-9067e0a1b3',
    ownerAccountId,
    region,
    createdAt: '2024-01-01T00:00:00Z',
    users,
    groups,
    memberships,
    permissionSets: Array.from({ length: sets }, (_, i) => ({
      id: psId(i),
      name: `Team${i}`,
      createdAt: '2024-01-01T00:00:00Z',
      managedPolicyArns: [awsManagedArn(i === 0 ? 'AdministratorAccess' : 'ReadOnlyAccess')],
      provisionedTo: [ownerAccountId],
    })),
    assignments: groups.map((g, i) => ({
      accountId: ownerAccountId,
      permissionSetId: psId(Math.floor(i / 10)),
      principalType: 'GROUP' as const,
      principalId: g.id,
    })),
  };
}

/** A scenario with an Identity Center directory added. */
export const withIdentityCenter = (base: Scenario, ...instances: IdcInstanceModel[]): Scenario => ({
  ...base,
  name: `${base.name}+identity-center`,
  description: `${base.description}; IAM Identity Center with ${instances.map((i) => `${i.users.length} users`).join(', ')}`,
  identityCenter: { instances },
});
