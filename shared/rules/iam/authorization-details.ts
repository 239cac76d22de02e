/**
 * The parts of GetAccountAuthorizationDetails the rules read, in AWS's own field names so the
 * stored raw pages can be re-evaluated as they are. Pages are merged with `mergeAuthorizationPages`.
 */

export interface InlinePolicy {
  PolicyName?: string;
  PolicyDocument?: string;
}

export interface AttachedPolicy {
  PolicyName?: string;
  PolicyArn?: string;
}

export interface UserDetail {
  UserName?: string;
  UserId?: string;
  Arn?: string;
  Path?: string;
  UserPolicyList?: InlinePolicy[];
  GroupList?: string[];
  AttachedManagedPolicies?: AttachedPolicy[];
  PermissionsBoundary?: { PermissionsBoundaryArn?: string };
  CreateDate?: string | Date;
  Tags?: { Key?: string; Value?: string }[];
}

export interface GroupDetail {
  GroupName?: string;
  Arn?: string;
  GroupPolicyList?: InlinePolicy[];
  AttachedManagedPolicies?: AttachedPolicy[];
}

export interface RoleDetail {
  RoleName?: string;
  Arn?: string;
  Path?: string;
  AssumeRolePolicyDocument?: string;
  RolePolicyList?: InlinePolicy[];
  AttachedManagedPolicies?: AttachedPolicy[];
  PermissionsBoundary?: { PermissionsBoundaryArn?: string };
  RoleLastUsed?: { LastUsedDate?: string | Date };
  CreateDate?: string | Date;
  Tags?: { Key?: string; Value?: string }[];
}

export interface ManagedPolicyDetail {
  PolicyName?: string;
  Arn?: string;
  DefaultVersionId?: string;
  AttachmentCount?: number;
  PolicyVersionList?: { Document?: string; VersionId?: string; IsDefaultVersion?: boolean }[];
}

export interface AuthorizationDetails {
  UserDetailList: UserDetail[];
  GroupDetailList: GroupDetail[];
  RoleDetailList: RoleDetail[];
  Policies: ManagedPolicyDetail[];
}

export type AuthorizationPage = Partial<AuthorizationDetails>;

export const mergeAuthorizationPages = (pages: AuthorizationPage[]): AuthorizationDetails => ({
  UserDetailList: pages.flatMap((p) => p.UserDetailList ?? []),
  GroupDetailList: pages.flatMap((p) => p.GroupDetailList ?? []),
  RoleDetailList: pages.flatMap((p) => p.RoleDetailList ?? []),
  Policies: pages.flatMap((p) => p.Policies ?? []),
});

export const isAwsManagedPolicyArn = (arn: string): boolean => /^arn:[^:]+:iam::aws:policy\//.test(arn);

/** AWS-managed policies attached to any user, group or role: the only ones whose documents are needed. */
export function attachedAwsManagedPolicies(d: AuthorizationDetails): string[] {
  const arns = new Set<string>();
  const add = (list: AttachedPolicy[] | undefined) => {
    for (const p of list ?? []) if (p.PolicyArn && isAwsManagedPolicyArn(p.PolicyArn)) arns.add(p.PolicyArn);
  };
  for (const u of d.UserDetailList) add(u.AttachedManagedPolicies);
  for (const g of d.GroupDetailList) add(g.AttachedManagedPolicies);
  for (const r of d.RoleDetailList) add(r.AttachedManagedPolicies);
  return [...arns].sort();
}
