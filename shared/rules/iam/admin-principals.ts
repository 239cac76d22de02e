import type { AttachedPolicy, AuthorizationDetails, InlinePolicy } from './authorization-details';
import { analyzePolicy, decodePolicyDocument, statementsOf, type AdminGrant, type PolicyAnalysis } from './policy-document';

/** One way a principal gets full administrative power. */
export interface AdminPath {
  /** `inline policy X`, `managed policy arn:...`, `group G: managed policy arn:...` */
  via: string;
  grants: AdminGrant[];
}

export interface AdminPrincipal {
  arn: string;
  name: string;
  /** Groups are listed too: whoever is added to one becomes an admin. */
  type: 'user' | 'group' | 'role';
  paths: AdminPath[];
  /** For groups: the users in it. */
  members?: string[];
  permissionsBoundary?: string;
  /** For roles: who may assume it (AWS accounts or principals, services, identity providers). */
  assumableBy?: string[];
}

export interface AdminResolution {
  admins: AdminPrincipal[];
  /** Attached managed policies whose document was not available: their effect is unknown. */
  unreadablePolicies: string[];
  /** Principals with service-wide wildcards on every resource, e.g. `iam:*`. */
  serviceWildcards: { arn: string; actions: string[] }[];
}

const ADMINISTRATOR_ACCESS = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

/**
 * Who holds full administrative power, directly or through groups, from inline, customer-managed
 * and AWS-managed policies. `awsManagedDocuments` maps attached AWS-managed policy ARNs to their
 * default version document (URL-encoded, as GetPolicyVersion returns it).
 */
export function resolveAdminPrincipals(details: AuthorizationDetails, awsManagedDocuments: Record<string, string>): AdminResolution {
  const managed = new Map<string, PolicyAnalysis>();
  const unreadable = new Set<string>();
  for (const p of details.Policies) {
    const doc = p.PolicyVersionList?.find((v) => v.IsDefaultVersion)?.Document;
    if (p.Arn && doc !== undefined) managed.set(p.Arn, analyzePolicy(decodePolicyDocument(doc)));
  }
  for (const [arn, doc] of Object.entries(awsManagedDocuments)) managed.set(arn, analyzePolicy(decodePolicyDocument(doc)));

  const analyzeManaged = (p: AttachedPolicy): PolicyAnalysis => {
    const arn = p.PolicyArn ?? '';
    const known = managed.get(arn);
    if (known) return known;
    // Known by name even when its document could not be read.
    if (ADMINISTRATOR_ACCESS.test(arn)) return { adminGrants: [{ grant: 'Allow * on * (AdministratorAccess)', conditional: false }], serviceWildcards: [] };
    unreadable.add(arn);
    return { adminGrants: [], serviceWildcards: [] };
  };

  type Source = { via: string; analysis: PolicyAnalysis };
  const fromPolicies = (prefix: string, inline: InlinePolicy[] | undefined, attached: AttachedPolicy[] | undefined): Source[] => [
    ...(inline ?? []).map((p) => ({
      via: `${prefix}inline policy ${p.PolicyName ?? '(unnamed)'}`,
      analysis: p.PolicyDocument === undefined ? { adminGrants: [], serviceWildcards: [] } : analyzePolicy(decodePolicyDocument(p.PolicyDocument)),
    })),
    ...(attached ?? []).map((p) => ({ via: `${prefix}managed policy ${p.PolicyArn ?? p.PolicyName}`, analysis: analyzeManaged(p) })),
  ];

  const groups = new Map(details.GroupDetailList.map((g) => [g.GroupName ?? '', fromPolicies(`group ${g.GroupName}: `, g.GroupPolicyList, g.AttachedManagedPolicies)]));

  const admins: AdminPrincipal[] = [];
  const serviceWildcards: AdminResolution['serviceWildcards'] = [];
  const consider = (principal: Omit<AdminPrincipal, 'paths'>, sources: Source[]) => {
    const paths = sources.filter((s) => s.analysis.adminGrants.length > 0).map((s) => ({ via: s.via, grants: s.analysis.adminGrants }));
    if (paths.length > 0) admins.push({ ...principal, paths });
    const wild = [...new Set(sources.flatMap((s) => s.analysis.serviceWildcards))].sort();
    if (paths.length === 0 && wild.length > 0 && principal.type !== 'group') serviceWildcards.push({ arn: principal.arn, actions: wild });
  };

  for (const g of details.GroupDetailList) {
    const members = details.UserDetailList.filter((u) => u.GroupList?.includes(g.GroupName ?? '')).map((u) => u.UserName ?? '');
    consider({ arn: g.Arn ?? '', name: g.GroupName ?? '', type: 'group', members }, fromPolicies('', g.GroupPolicyList, g.AttachedManagedPolicies));
  }
  for (const u of details.UserDetailList) {
    const sources = [
      ...fromPolicies('', u.UserPolicyList, u.AttachedManagedPolicies),
      ...(u.GroupList ?? []).flatMap((g) => groups.get(g) ?? []),
    ];
    const boundary = u.PermissionsBoundary?.PermissionsBoundaryArn;
    consider({ arn: u.Arn ?? '', name: u.UserName ?? '', type: 'user', ...(boundary ? { permissionsBoundary: boundary } : {}) }, sources);
  }
  for (const r of details.RoleDetailList) {
    const boundary = r.PermissionsBoundary?.PermissionsBoundaryArn;
    consider(
      {
        arn: r.Arn ?? '',
        name: r.RoleName ?? '',
        type: 'role',
        ...(boundary ? { permissionsBoundary: boundary } : {}),
        assumableBy: r.AssumeRolePolicyDocument ? trustedPrincipals(r.AssumeRolePolicyDocument) : [],
      },
      fromPolicies('', r.RolePolicyList, r.AttachedManagedPolicies),
    );
  }
  // Users, then groups, then roles, each by ARN: the order people review them in.
  const order = { user: 0, group: 1, role: 2 };
  admins.sort((a, b) => order[a.type] - order[b.type] || a.arn.localeCompare(b.arn));
  return { admins, unreadablePolicies: [...unreadable].sort(), serviceWildcards };
}

/** The principals a role's trust policy allows, as `AWS arn:...`, `Service ec2.amazonaws.com`... */
export function trustedPrincipals(trustPolicy: string): string[] {
  const out = new Set<string>();
  for (const s of statementsOf(decodePolicyDocument(trustPolicy))) {
    if ((s.Effect ?? '').toLowerCase() !== 'allow') continue;
    const p = s.Principal;
    if (p === '*') out.add('anyone (*)');
    else if (p && typeof p === 'object') {
      for (const [kind, v] of Object.entries(p as Record<string, unknown>)) {
        for (const id of Array.isArray(v) ? v : [v]) out.add(`${kind} ${String(id)}`);
      }
    }
  }
  return [...out];
}
