import {
  IdentitystoreClient,
  ListGroupMembershipsCommand,
  ListUsersCommand,
  paginateListGroupMemberships,
  paginateListGroups,
  paginateListUsers,
} from '@aws-sdk/client-identitystore';
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListInstancesCommand,
  SSOAdminClient,
  paginateListAccountAssignments,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { basicScenario } from '../../../main/sandbox/aws-endpoint/scenarios';
import {
  idcGroupId,
  largeIdentityCenter,
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';

// Static keys of account 123456789012 in the basic scenario.
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const ACCOUNT = '123456789012';

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

let endpoint: AwsEndpoint;
const clients: { destroy(): void }[] = [];
const admin = (region = 'us-east-1') => {
  const c = new SSOAdminClient({ region, endpoint: endpoint.url, credentials, maxAttempts: 1 });
  clients.push(c);
  return c;
};
const store = (region = 'us-east-1') => {
  const c = new IdentitystoreClient({ region, endpoint: endpoint.url, credentials, maxAttempts: 1 });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  const big = largeIdentityCenter(ACCOUNT, 'eu-west-1', { users: 250, groups: 320, maxGroupsForOne: 300 });
  endpoint = await startAwsEndpoint({
    scenario: { ...withIdentityCenter(basicScenario, sampleIdentityCenter(ACCOUNT, 'us-east-1'), big) },
  });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await endpoint.close();
});

describe('IAM Identity Center on the local AWS endpoint (read by the real SDK clients)', () => {
  it('lists the instance only in its own region, with its identity store', async () => {
    const here = await admin().send(new ListInstancesCommand({}));
    expect(here.Instances).toEqual([
      expect.objectContaining({
        InstanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111',
        IdentityStoreId: 'd-9067e0a1b2',
        OwnerAccountId: ACCOUNT,
        Status: 'ACTIVE',
        CreatedDate: new Date('2025-03-01T09:00:00Z'),
      }),
    ]);
    const elsewhere = await admin('ap-southeast-2').send(new ListInstancesCommand({}));
    expect(elsewhere.Instances).toEqual([]);
    expect(endpoint.calls.get('sso:ListInstances')).toBe(2);
  });

  it('describes permission sets with their managed, inline and customer-managed policies and accounts', async () => {
    const InstanceArn = 'arn:aws:sso:::instance/ssoins-1111111111111111';
    const sets = (await all(paginateListPermissionSets({ client: admin(), pageSize: 1 }, { InstanceArn }))).flatMap(
      (p) => p.PermissionSets ?? [],
    );
    expect(sets).toEqual([
      'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa',
      'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-bbbbbbbbbbbbbbbb',
    ]);
    const PermissionSetArn = sets[1]!;
    const described = await admin().send(new DescribePermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(described.PermissionSet).toMatchObject({ Name: 'DeveloperAccess', SessionDuration: 'PT8H' });
    const inline = await admin().send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn }));
    expect(JSON.parse(inline.InlinePolicy!)).toMatchObject({ Statement: [{ Action: 'lambda:*' }] });
    const none = await admin().send(
      new GetInlinePolicyForPermissionSetCommand({ InstanceArn, PermissionSetArn: sets[0]! }),
    );
    expect(none.InlinePolicy).toBeUndefined();
    const managed = await all(
      paginateListManagedPoliciesInPermissionSet({ client: admin() }, { InstanceArn, PermissionSetArn }),
    );
    expect(managed.flatMap((p) => p.AttachedManagedPolicies ?? [])).toEqual([
      { Name: 'ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
    const customer = await all(
      paginateListCustomerManagedPolicyReferencesInPermissionSet(
        { client: admin() },
        { InstanceArn, PermissionSetArn },
      ),
    );
    expect(customer.flatMap((p) => p.CustomerManagedPolicyReferences ?? [])).toEqual([
      { Name: 'DeployAccess', Path: '/' },
    ]);
    const accounts = await all(
      paginateListAccountsForProvisionedPermissionSet({ client: admin() }, { InstanceArn, PermissionSetArn: sets[0]! }),
    );
    expect(accounts.flatMap((p) => p.AccountIds ?? [])).toEqual([ACCOUNT, '444455556666']);
    const assignments = await all(
      paginateListAccountAssignments(
        { client: admin() },
        { InstanceArn, PermissionSetArn: sets[0]!, AccountId: ACCOUNT },
      ),
    );
    expect(assignments.flatMap((p) => p.AccountAssignments ?? []).map((a) => a.PrincipalType)).toEqual([
      'GROUP',
      'USER',
    ]);
  });

  it('answers a wrong instance or a bad page size as AWS does, with its error names', async () => {
    await expect(
      admin().send(
        new DescribePermissionSetCommand({
          InstanceArn: 'arn:aws:sso:::instance/ssoins-9999999999999999',
          PermissionSetArn: 'arn:aws:sso:::permissionSet/ssoins-9999999999999999/ps-aaaaaaaaaaaaaaaa',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(
      store().send(new ListUsersCommand({ IdentityStoreId: 'd-9067e0a1b2', MaxResults: 500 })),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('maxResults') });
    // The directory lives in us-east-1: asked in another region, the store is not found.
    await expect(
      store('eu-central-1').send(new ListUsersCommand({ IdentityStoreId: 'd-9067e0a1b2' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'IDENTITY_STORE' });
  });

  it('pages users, groups and memberships with NextToken, including a user in 300 groups', async () => {
    const users = (
      await all(paginateListUsers({ client: store('eu-west-1'), pageSize: 100 }, { IdentityStoreId: 'd-9067e0a1b3' }))
    ).flatMap((p) => p.Users);
    expect(users).toHaveLength(250);
    expect(new Set(users.map((u) => u!.UserId)).size).toBe(250);
    const groups = (
      await all(paginateListGroups({ client: store('eu-west-1') }, { IdentityStoreId: 'd-9067e0a1b3' }))
    ).flatMap((p) => p.Groups);
    expect(groups).toHaveLength(320);
    expect(endpoint.calls.get('identitystore:ListGroups')).toBe(4);
    let groupsOfUser0 = 0;
    for (const g of groups) {
      const pages = await all(
        paginateListGroupMemberships(
          { client: store('eu-west-1') },
          { IdentityStoreId: 'd-9067e0a1b3', GroupId: g!.GroupId },
        ),
      );
      if (pages.flatMap((p) => p.GroupMemberships).some((m) => m!.MemberId?.UserId === users[0]!.UserId))
        groupsOfUser0++;
    }
    expect(groupsOfUser0).toBe(300);
    // A token the service never gave is refused, not silently restarted.
    await expect(
      store('eu-west-1').send(
        new ListGroupMembershipsCommand({
          IdentityStoreId: 'd-9067e0a1b3',
          GroupId: idcGroupId(1),
          NextToken: 'bm90LWEtdG9rZW4',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('denies sso-admin calls when the fault plan says AccessDenied, under the IAM action name', async () => {
    endpoint.setFaults({ denyActions: ['sso:ListInstances'] });
    await expect(admin().send(new ListInstancesCommand({}))).rejects.toMatchObject({ name: 'AccessDeniedException' });
    endpoint.setFaults({});
  });
});
