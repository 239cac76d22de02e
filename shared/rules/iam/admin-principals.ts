import type { AttachedPolicy, AuthorizationDetails, InlinePolicy } from './authorization-details';
import {
  analyzePolicy,
  decodePolicyDocument,
  noGrants,
  statementsOf,
  type AdminGrant,
  type PolicyAnalysis,
} from './policy-document';

/** One way a principal gets its access: a policy and the statements in it that grant it. */
export interface AdminPath {
  /** `inline policy X`, `managed policy arn:...`, `group G: managed policy arn:...` */
  via: string;
  /** Empty when the policy's document could not be read. */
  grants: AdminGrant[];
}

export interface AdminPrincipal {
  arn: string;
  name: string;
  /** Groups are listed too: whoever is added to one gets its access. */
  type: 'user' | 'group' | 'role';
  paths: AdminPath[];
  /** For groups: the users in it. */
  members?: string[];
  permissionsBoundary?: string;
  /** For roles: who may assume it (AWS accounts or principals, services, identity providers). */
  assumableBy?: string[];
}

/** An attached managed policy whose document was not available, and the users, groups and roles holding it. */
export interface UnreadablePolicy {
  arn: string;
  heldBy: string[];
}

export interface AdminResolution {
  /** Full administrative power: AdministratorAccess or an Allow of `*` on `*`. */
  admins: AdminPrincipal[];
  /** Not admins, but with a broad grant (NotAction on every resource...), for the owner to review. */
  broad: AdminPrincipal[];
  /** Neither, but holding a policy that could not be read: whether they are admins is unknown. */
  unknown: AdminPrincipal[];
  unreadablePolicies: UnreadablePolicy[];
  /** Principals with service-wide wildcards on every resource, e.g. `iam:*`, and no full access. */
  serviceWildcards: { arn: string; actions: string[] }[];
}

const ADMINISTRATOR_ACCESS = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;

/** A policy a principal holds: what it grants, or the ARN of a managed policy that could not be read. */
type Source = { via: string; analysis: PolicyAnalysis; unreadable?: string };

/**
 * Who holds full administrative power (and who nearly does, or might), directly or through
 * groups, from inline, customer-managed and AWS-managed policies. `awsManagedDocuments` maps
 * attached AWS-managed policy ARNs to their default version document (URL-encoded, as
 * GetPolicyVersion returns it).
 */
export function resolveAdminPrincipals(
  details: AuthorizationDetails,
  awsManagedDocuments: Record<string, string>,
): AdminResolution {
  const managed = new Map<string, PolicyAnalysis>();
  for (const p of details.Policies) {
    const doc = p.PolicyVersionList?.find((v) => v.IsDefaultVersion)?.Document;
    if (p.Arn && doc !== undefined) managed.set(p.Arn, analyzePolicy(decodePolicyDocument(doc)));
  }
  for (const [arn, doc] of Object.entries(awsManagedDocuments))
    managed.set(arn, analyzePolicy(decodePolicyDocument(doc)));

  const fromManaged = (via: string, p: AttachedPolicy): Source => {
    const arn = p.PolicyArn ?? '';
    const known = managed.get(arn);
    if (known) return { via, analysis: known };
    // Known by name even when its document could not be read.
    if (ADMINISTRATOR_ACCESS.test(arn))
      return {
        via,
        analysis: { ...noGrants(), adminGrants: [{ grant: 'Allow * on * (AdministratorAccess)', conditional: false }] },
      };
    return { via, analysis: noGrants(), unreadable: arn };
  };

  const fromPolicies = (
    prefix: string,
    inline: InlinePolicy[] | undefined,
    attached: AttachedPolicy[] | undefined,
  ): Source[] => [
    ...(inline ?? []).map((p) => ({
      via: `${prefix}inline policy ${p.PolicyName ?? '(unnamed)'}`,
      analysis: p.PolicyDocument === undefined ? noGrants() : analyzePolicy(decodePolicyDocument(p.PolicyDocument)),
    })),
    ...(attached ?? []).map((p) => fromManaged(`${prefix}managed policy ${p.PolicyArn ?? p.PolicyName}`, p)),
  ];

  const groups = new Map(
    details.GroupDetailList.map((g) => [
      g.GroupName ?? '',
      fromPolicies(`group ${g.GroupName}: `, g.GroupPolicyList, g.AttachedManagedPolicies),
    ]),
  );

  const resolution: AdminResolution = {
    admins: [],
    broad: [],
    unknown: [],
    unreadablePolicies: [],
    serviceWildcards: [],
  };
  const heldBy = new Map<string, Set<string>>();
  const consider = (principal: Omit<AdminPrincipal, 'paths'>, sources: Source[]) => {
    const full = sources
      .filter((s) => s.analysis.adminGrants.length > 0)
      .map((s) => ({ via: s.via, grants: s.analysis.adminGrants }));
    const broad = sources
      .filter((s) => s.analysis.broadGrants.length > 0)
      .map((s) => ({ via: s.via, grants: s.analysis.broadGrants }));
    const unreadable = sources.filter((s) => s.unreadable !== undefined);
    for (const s of unreadable) heldBy.set(s.unreadable!, (heldBy.get(s.unreadable!) ?? new Set()).add(principal.arn));
    if (full.length > 0) resolution.admins.push({ ...principal, paths: full });
    else if (broad.length > 0) resolution.broad.push({ ...principal, paths: broad });
    else if (unreadable.length > 0)
      resolution.unknown.push({ ...principal, paths: unreadable.map((s) => ({ via: s.via, grants: [] })) });
    const wild = [...new Set(sources.flatMap((s) => s.analysis.serviceWildcards))].sort();
    if (full.length === 0 && wild.length > 0 && principal.type !== 'group')
      resolution.serviceWildcards.push({ arn: principal.arn, actions: wild });
  };

  for (const g of details.GroupDetailList) {
    const members = details.UserDetailList.filter((u) => u.GroupList?.includes(g.GroupName ?? '')).map(
      (u) => u.UserName ?? '',
    );
    consider(
      { arn: g.Arn ?? '', name: g.GroupName ?? '', type: 'group', members },
      fromPolicies('', g.GroupPolicyList, g.AttachedManagedPolicies),
    );
  }
  for (const u of details.UserDetailList) {
    const sources = [
      ...fromPolicies('', u.UserPolicyList, u.AttachedManagedPolicies),
      ...(u.GroupList ?? []).flatMap((g) => groups.get(g) ?? []),
    ];
    const boundary = u.PermissionsBoundary?.PermissionsBoundaryArn;
    consider(
      {
        arn: u.Arn ?? '',
        name: u.UserName ?? '',
        type: 'user',
        ...(boundary ? { permissionsBoundary: boundary } : {}),
      },
      sources,
    );
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
  for (const list of [resolution.admins, resolution.broad, resolution.unknown])
    list.sort((a, b) => order[a.type] - order[b.type] || a.arn.localeCompare(b.arn));
  resolution.unreadablePolicies = [...heldBy]
    .map(([arn, by]) => ({ arn, heldBy: [...by].sort() }))
    .sort((a, b) => a.arn.localeCompare(b.arn));
  return resolution;
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
