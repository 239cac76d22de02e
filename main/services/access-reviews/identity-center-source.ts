import {
  ListGroupMembershipsCommand,
  ListGroupsCommand,
  ListUsersCommand,
  type IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { ApiCall } from '../../../shared/domain/evidence';
import type { IdentityCenterData } from '../../../shared/rules/access/population';
import type { Assignment } from '../../../shared/rules/access/group-expansion';
import { CallRecorder, type RawPage } from '../collectors/call-recorder';

/**
 * IAM Identity Center's directory and permission sets, read for an access review: the
 * instance (in the profile's region, or the Identity Center region when it lives elsewhere),
 * its users, groups and memberships, its permission sets with their policies and accounts,
 * and each account's assignments. Every answer is kept as a raw page with its request id.
 */
export interface IdentityCenterRead {
  data: IdentityCenterData;
  instanceArn: string;
  region: string;
  pages: RawPage[];
  calls: ApiCall[];
}

/** A NextToken the service gave twice would loop forever: the read stops instead. */
const MAX_PAGES = 10_000;

type Paged = { NextToken?: string; $metadata?: { requestId?: string } };

async function follow<T extends Paged>(
  what: string,
  fetch: (token: string | undefined) => Promise<{ output: T; page: RawPage }>,
  pages: RawPage[],
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const r = await fetch(token);
    pages.push(r.page);
    out.push(r.output);
    token = r.output.NextToken;
    if (!token) return out;
    if (seen.has(token)) throw new Error(`${what} answered a page token it had already given`);
    seen.add(token);
  }
  throw new Error(`${what} answered more than ${MAX_PAGES} pages`);
}

export async function findInstance(
  admin: SSOAdminClient,
  recorder: CallRecorder,
  signal: AbortSignal,
  pages: RawPage[],
) {
  const answers = await follow(
    'sso-admin ListInstances',
    (NextToken) =>
      recorder.call(
        'ListInstances',
        () => admin.send(new ListInstancesCommand({ ...(NextToken ? { NextToken } : {}) }), { abortSignal: signal }),
        NextToken ? { NextToken } : undefined,
      ),
    pages,
  );
  return answers.flatMap((a) => a.Instances ?? []).find((i) => i.Status === undefined || i.Status === 'ACTIVE');
}

export async function readIdentityCenter(o: {
  admin: SSOAdminClient;
  store: IdentitystoreClient;
  region: string;
  instance: { InstanceArn?: string; IdentityStoreId?: string };
  recorder: { admin: CallRecorder; store: CallRecorder };
  signal: AbortSignal;
  pages: RawPage[];
  /** The accounts in the review's scope: assignments elsewhere are not listed (all when undefined). */
  accountIds?: readonly string[];
}): Promise<Omit<IdentityCenterRead, 'calls'>> {
  const { admin, store, signal, pages, recorder } = o;
  const InstanceArn = o.instance.InstanceArn!;
  const IdentityStoreId = o.instance.IdentityStoreId!;
  const page = <T extends Paged>(
    rec: CallRecorder,
    op: string,
    input: Record<string, unknown>,
    send: (input: Record<string, unknown>) => Promise<T>,
  ) =>
    follow(
      `${op}`,
      (NextToken) => {
        const full = { ...input, ...(NextToken ? { NextToken } : {}) };
        return rec.call(op, () => send(full), full);
      },
      pages,
    );
  const opts = { abortSignal: signal };
  // Every call already waits for a slot of the recorders' limit; wrapping a whole list in it
  // as well would let the lists hold every slot while their calls wait for one.
  const run = <T>(task: () => Promise<T>) => task();

  const [users, groups, setArns] = await Promise.all([
    page(recorder.store, 'ListUsers', { IdentityStoreId }, (i) => store.send(new ListUsersCommand(i as never), opts)),
    page(recorder.store, 'ListGroups', { IdentityStoreId }, (i) => store.send(new ListGroupsCommand(i as never), opts)),
    page(recorder.admin, 'ListPermissionSets', { InstanceArn }, (i) =>
      admin.send(new ListPermissionSetsCommand(i as never), opts),
    ),
  ]);
  const groupList = groups.flatMap((g) => g.Groups ?? []);
  const memberships = (
    await Promise.all(
      groupList.map((g) =>
        run(() =>
          page(recorder.store, 'ListGroupMemberships', { IdentityStoreId, GroupId: g.GroupId }, (i) =>
            store.send(new ListGroupMembershipsCommand(i as never), opts),
          ),
        ),
      ),
    )
  ).flatMap((answers, gi) =>
    answers.flatMap((a) =>
      (a.GroupMemberships ?? []).flatMap((m) =>
        m.MemberId && 'UserId' in m.MemberId && m.MemberId.UserId
          ? [{ groupId: groupList[gi]!.GroupId!, userId: m.MemberId.UserId }]
          : [],
      ),
    ),
  );

  const arns = setArns.flatMap((p) => p.PermissionSets ?? []);
  const permissionSets = await Promise.all(
    arns.map(async (PermissionSetArn) => {
      const input = { InstanceArn, PermissionSetArn };
      const one = <T>(op: string, send: () => Promise<T & { $metadata?: { requestId?: string } }>) =>
        run(() => recorder.admin.call(op, send, input)).then((r) => {
          pages.push(r.page);
          return r.output;
        });
      const [described, inline, managed, customer, accounts] = await Promise.all([
        one('DescribePermissionSet', () => admin.send(new DescribePermissionSetCommand(input), opts)),
        one('GetInlinePolicyForPermissionSet', () =>
          admin.send(new GetInlinePolicyForPermissionSetCommand(input), opts),
        ),
        run(() =>
          page(recorder.admin, 'ListManagedPoliciesInPermissionSet', input, (i) =>
            admin.send(new ListManagedPoliciesInPermissionSetCommand(i as typeof input), opts),
          ),
        ),
        run(() =>
          page(recorder.admin, 'ListCustomerManagedPolicyReferencesInPermissionSet', input, (i) =>
            admin.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(i as typeof input), opts),
          ),
        ),
        run(() =>
          page(recorder.admin, 'ListAccountsForProvisionedPermissionSet', input, (i) =>
            admin.send(new ListAccountsForProvisionedPermissionSetCommand(i as typeof input), opts),
          ),
        ),
      ]);
      return {
        arn: PermissionSetArn,
        name: described.PermissionSet?.Name ?? PermissionSetArn,
        managedPolicyArns: managed.flatMap((m) => (m.AttachedManagedPolicies ?? []).map((p) => p.Arn ?? '')),
        ...(inline.InlinePolicy ? { inlinePolicy: inline.InlinePolicy } : {}),
        customerManaged: customer.flatMap((c) =>
          (c.CustomerManagedPolicyReferences ?? []).map((r) => ({
            Name: r.Name ?? '',
            ...(r.Path ? { Path: r.Path } : {}),
          })),
        ),
        accounts: accounts.flatMap((a) => a.AccountIds ?? []),
      };
    }),
  );

  const inScope = (accountId: string) => !o.accountIds || o.accountIds.includes(accountId);
  const assignments: Assignment[] = (
    await Promise.all(
      permissionSets.flatMap((ps) =>
        ps.accounts.filter(inScope).map((AccountId) =>
          run(() =>
            page(recorder.admin, 'ListAccountAssignments', { InstanceArn, PermissionSetArn: ps.arn, AccountId }, (i) =>
              admin.send(new ListAccountAssignmentsCommand(i as never), opts),
            ),
          ).then((answers) =>
            answers.flatMap((a) =>
              (a.AccountAssignments ?? []).map((x) => ({
                accountId: x.AccountId ?? AccountId,
                permissionSetName: ps.name,
                principalType: x.PrincipalType === 'GROUP' ? ('GROUP' as const) : ('USER' as const),
                principalId: x.PrincipalId ?? '',
              })),
            ),
          ),
        ),
      ),
    )
  ).flat();

  return {
    instanceArn: InstanceArn,
    region: o.region,
    pages,
    data: {
      identityStoreId: IdentityStoreId,
      users: users
        .flatMap((u) => u.Users ?? [])
        .map((u) => ({
          UserId: u.UserId ?? '',
          ...(u.UserName ? { UserName: u.UserName } : {}),
          ...(u.DisplayName ? { DisplayName: u.DisplayName } : {}),
          ...(u.Emails ? { Emails: u.Emails.map((e) => ({ ...(e.Value ? { Value: e.Value } : {}) })) } : {}),
          ...(u.UserStatus ? { UserStatus: u.UserStatus } : {}),
        })),
      groups: groupList.map((g) => ({
        GroupId: g.GroupId ?? '',
        ...(g.DisplayName ? { DisplayName: g.DisplayName } : {}),
      })),
      memberships,
      permissionSets: permissionSets.map(({ accounts: _a, ...ps }) => ps),
      assignments,
    },
  };
}
