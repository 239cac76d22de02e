import type { AccessFlag, PopulationRow } from '../../domain/access-review';
import { resolveAdminPrincipals } from '../iam/admin-principals';
import type { AuthorizationDetails } from '../iam/authorization-details';
import type { CredentialReportRow, ReportDate } from '../iam/credential-report';
import { analyzePolicy, decodePolicyDocument, noGrants, type PolicyAnalysis } from '../iam/policy-document';
import { roleExplanation, userExplanation } from './explained-by';
import { accessLabel, expandAssignments, type Assignment, type UserAccess } from './group-expansion';
import { assumableFromOutside, describeTrust, readTrustPolicy } from './trust-policy';

/**
 * The population of an access review, built from the raw API answers (pure): IAM users, groups
 * and roles of each account (GetAccountAuthorizationDetails, the credential report) and, when
 * reachable, IAM Identity Center's users and groups with their permission sets per account,
 * group assignments expanded to each user. Every row carries its flags and why.
 */

export interface IamAccountData {
  accountId: string;
  authorizationDetails: AuthorizationDetails;
  credentialReport?: CredentialReportRow[];
  /** Default-version documents of attached AWS-managed policies, by ARN (URL-encoded). */
  awsManagedPolicyDocuments: Record<string, string>;
}

export interface IdentityCenterData {
  identityStoreId: string;
  users: {
    UserId: string;
    UserName?: string;
    DisplayName?: string;
    Emails?: { Value?: string }[];
    UserStatus?: string;
  }[];
  groups: { GroupId: string; DisplayName?: string }[];
  memberships: { groupId: string; userId: string }[];
  permissionSets: {
    arn: string;
    name: string;
    managedPolicyArns: string[];
    inlinePolicy?: string;
    customerManaged: { Name: string; Path?: string }[];
  }[];
  /** With the permission set's name resolved. */
  assignments: Assignment[];
}

export interface PopulationInput {
  iam: IamAccountData[];
  identityCenter?: IdentityCenterData;
  /** Teammates: an identity whose email or user name is theirs, or whose Owner tag names them, is explained. */
  team: readonly { name: string; email: string }[];
  unusedDays: number;
  now: Date;
}

const ADMIN_POLICY = /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/;
const DAY = 86_400_000;
/** A time as ISO text; report markers (N/A, no_information) and absent values are null. */
function iso(d: ReportDate | string | Date | undefined): string | null {
  if (d instanceof Date) return d.toISOString();
  if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(d)) return new Date(d).toISOString();
  return null;
}
const latest = (...dates: (string | null)[]) =>
  dates
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1) ?? null;

class Flags {
  readonly flags: AccessFlag[] = [];
  readonly reasons: string[] = [];
  add(flag: AccessFlag, reason: string) {
    if (this.flags.includes(flag)) return;
    this.flags.push(flag);
    this.reasons.push(reason);
  }
}

/** Unused: no use within the limit, or never used and older than it (so a new identity is not flagged). */
function unusedReason(lastUsed: string | null, createdAt: string | null, days: number, now: Date): string | null {
  const cutoff = now.getTime() - days * DAY;
  if (lastUsed)
    return Date.parse(lastUsed) < cutoff ? `Last used ${lastUsed.slice(0, 10)}, more than ${days} days ago.` : null;
  if (createdAt && Date.parse(createdAt) >= cutoff) return null;
  return `Never used${createdAt ? ` since it was created on ${createdAt.slice(0, 10)}` : ''} (limit ${days} days).`;
}

function iamRows(a: IamAccountData, input: PopulationInput): PopulationRow[] {
  const d = a.authorizationDetails;
  const admin = resolveAdminPrincipals(d, a.awsManagedPolicyDocuments);
  const adminArns = new Set(admin.admins.map((p) => p.arn));
  const broadArns = new Set([...admin.broad.map((p) => p.arn), ...admin.serviceWildcards.map((p) => p.arn)]);
  const report = new Map((a.credentialReport ?? []).map((r) => [r.arn, r]));
  const policiesOf = (attached?: { PolicyArn?: string }[], inline?: { PolicyName?: string }[]) => [
    ...(attached ?? []).map((p) => p.PolicyArn ?? ''),
    ...(inline ?? []).map((p) => `inline ${p.PolicyName ?? ''}`),
  ];
  const accessFlags = (f: Flags, arn: string, what: string) => {
    if (adminArns.has(arn)) f.add('full_admin', `${what} full administrative access (the rule of iam.admin-access).`);
    else if (broadArns.has(arn))
      f.add('broad_access', `${what} broad access (every action but a few, or a service-wide wildcard).`);
  };
  const rows: PopulationRow[] = [];
  for (const u of d.UserDetailList) {
    const arn = u.Arn ?? '';
    const r = report.get(arn);
    const f = new Flags();
    accessFlags(f, arn, 'Has');
    const password = r ? r.passwordEnabled === true : undefined;
    const activeKeys = r?.accessKeys.filter((k) => k.active) ?? [];
    const keyUse = activeKeys.map((k) => iso(k.lastUsed));
    // The oldest active key (created, or last rotated, first): its age and last use go on the row.
    const oldest = activeKeys
      .map((k) => ({ created: iso(k.lastRotated), lastUsed: iso(k.lastUsed) }))
      .sort((x, y) => (x.created ?? '').localeCompare(y.created ?? ''))[0];
    const lastUsed = r ? latest(iso(r.passwordLastUsed), ...keyUse) : null;
    if (password && r && !r.mfaActive)
      f.add('console_without_mfa', 'Signs in to the console with a password and no MFA.');
    const unused = r ? unusedReason(lastUsed, iso(r.createdAt), input.unusedDays, input.now) : null;
    if (unused) f.add('unused', unused);
    const explained = userExplanation(input.team, [u.UserName], u.Tags);
    if (!explained)
      f.add('unexplained', 'No teammate has this user name or email, and no Owner tag names one: say whose it is.');
    rows.push({
      id: `iam:${a.accountId}:user/${u.UserName}`,
      kind: 'iam_user',
      name: u.UserName ?? '',
      arn,
      accountIds: [a.accountId],
      access: [],
      groups: u.GroupList ?? [],
      policies: policiesOf(u.AttachedManagedPolicies, u.UserPolicyList),
      serviceLinked: false,
      lastUsed,
      ...(password !== undefined ? { consolePassword: password, mfa: r!.mfaActive } : {}),
      ...(r
        ? {
            accessKeys: {
              active: activeKeys.length,
              oldestCreated: oldest?.created ?? null,
              oldestLastUsed: oldest?.lastUsed ?? null,
            },
          }
        : {}),
      ...(explained ? { explainedBy: explained } : {}),
      flags: f.flags,
      reasons: f.reasons,
    });
  }
  for (const g of d.GroupDetailList) {
    const f = new Flags();
    accessFlags(f, g.Arn ?? '', 'Gives its members');
    rows.push({
      id: `iam:${a.accountId}:group/${g.GroupName}`,
      kind: 'iam_group',
      name: g.GroupName ?? '',
      arn: g.Arn ?? '',
      accountIds: [a.accountId],
      access: [],
      groups: [],
      policies: policiesOf(g.AttachedManagedPolicies, g.GroupPolicyList),
      serviceLinked: false,
      lastUsed: null,
      flags: f.flags,
      reasons: f.reasons,
    });
  }
  for (const role of d.RoleDetailList) {
    const arn = role.Arn ?? '';
    const serviceLinked = (role.Path ?? '').startsWith('/aws-service-role/');
    const f = new Flags();
    const trust = role.AssumeRolePolicyDocument
      ? readTrustPolicy(role.AssumeRolePolicyDocument, a.accountId)
      : undefined;
    const lastUsed = iso(role.RoleLastUsed?.LastUsedDate);
    const explained = roleExplanation(
      input.team,
      { name: role.RoleName ?? '', path: role.Path, serviceLinked, tags: role.Tags },
      trust,
    );
    // AWS creates and manages service-linked roles: they are listed apart, not judged.
    if (!serviceLinked) {
      accessFlags(f, arn, 'Has');
      if (trust?.anyone) f.add('assumable_by_anyone', 'Its trust policy lets anyone (*) assume it.');
      if (trust && assumableFromOutside(trust))
        f.add('assumable_from_outside', `Can be assumed from outside the account: ${describeTrust(trust)}.`);
      // Never used and created before the limit is unused too (a new role is not).
      const unused = unusedReason(lastUsed, iso(role.CreateDate), input.unusedDays, input.now);
      if (unused && (lastUsed || role.CreateDate !== undefined)) f.add('unused', unused);
      if (!explained)
        f.add(
          'unexplained',
          'No Owner tag names who it is for, and its trust is not AWS services or Identity Center: say whose it is.',
        );
    }
    rows.push({
      id: `iam:${a.accountId}:role/${role.RoleName}`,
      kind: 'iam_role',
      name: role.RoleName ?? '',
      arn,
      accountIds: [a.accountId],
      access: [],
      groups: [],
      policies: policiesOf(role.AttachedManagedPolicies, role.RolePolicyList),
      ...(trust ? { trust: describeTrust(trust) } : {}),
      serviceLinked,
      lastUsed,
      ...(explained ? { explainedBy: explained } : {}),
      flags: f.flags,
      reasons: f.reasons,
    });
  }
  return rows;
}

/** What a permission set grants, from its managed (AWS or the account's), inline and customer-managed policies. */
function permissionSetAnalysis(
  ps: IdentityCenterData['permissionSets'][number],
  iam: IamAccountData[],
): PolicyAnalysis[] {
  const out: PolicyAnalysis[] = [];
  for (const arn of ps.managedPolicyArns) {
    const doc = iam.map((a) => a.awsManagedPolicyDocuments[arn]).find((x) => x !== undefined);
    if (doc) out.push(analyzePolicy(decodePolicyDocument(doc)));
    else if (ADMIN_POLICY.test(arn))
      out.push({ ...noGrants(), adminGrants: [{ grant: 'AdministratorAccess', conditional: false }] });
    else if (/PowerUserAccess$/.test(arn))
      out.push({ ...noGrants(), broadGrants: [{ grant: 'PowerUserAccess', conditional: false }] });
  }
  if (ps.inlinePolicy) out.push(analyzePolicy(decodePolicyDocument(ps.inlinePolicy)));
  // A customer-managed reference names a policy in each account; read it where the account's IAM was collected.
  for (const ref of ps.customerManaged) {
    for (const a of iam) {
      const p = a.authorizationDetails.Policies.find((x) => x.PolicyName === ref.Name);
      const doc = p?.PolicyVersionList?.find((v) => v.IsDefaultVersion)?.Document;
      if (doc) out.push(analyzePolicy(decodePolicyDocument(doc)));
    }
  }
  return out;
}

function identityCenterRows(idc: IdentityCenterData, input: PopulationInput): PopulationRow[] {
  const groupName = new Map(idc.groups.map((g) => [g.GroupId, g.DisplayName ?? g.GroupId]));
  const membersOf = new Map<string, string[]>();
  const groupsOf = new Map<string, string[]>();
  for (const m of idc.memberships) {
    membersOf.set(m.groupId, [...(membersOf.get(m.groupId) ?? []), m.userId]);
    groupsOf.set(m.userId, [...(groupsOf.get(m.userId) ?? []), groupName.get(m.groupId) ?? m.groupId]);
  }
  const grants = new Map(
    idc.permissionSets.map((ps) => {
      const a = permissionSetAnalysis(ps, input.iam);
      return [
        ps.name,
        {
          admin: a.some((x) => x.adminGrants.length > 0),
          broad: a.some((x) => x.broadGrants.length > 0 || x.serviceWildcards.length > 0),
        },
      ];
    }),
  );
  const byUser = expandAssignments(idc.assignments, membersOf, (id) => groupName.get(id) ?? id);
  const judge = (f: Flags, access: UserAccess[]) => {
    const admin = access.filter((x) => grants.get(x.permissionSetName)?.admin);
    const broad = access.filter((x) => grants.get(x.permissionSetName)?.broad);
    if (admin.length) f.add('full_admin', `Full administrative access through ${admin.map(accessLabel).join(', ')}.`);
    else if (broad.length) f.add('broad_access', `Broad access through ${broad.map(accessLabel).join(', ')}.`);
  };
  const rows: PopulationRow[] = [];
  for (const u of idc.users) {
    const access = byUser.get(u.UserId) ?? [];
    const email = u.Emails?.[0]?.Value;
    const f = new Flags();
    judge(f, access);
    const explained = userExplanation(input.team, [email, u.UserName]);
    if (!explained) f.add('unexplained', 'No teammate has this user name or email: say whose it is.');
    rows.push({
      id: `sso:${idc.identityStoreId}:user/${u.UserId}`,
      kind: 'sso_user',
      name: u.DisplayName ? `${u.DisplayName} (${u.UserName})` : (u.UserName ?? u.UserId),
      ...(email ? { email } : {}),
      accountIds: [...new Set(access.map((x) => x.accountId))].sort(),
      access: access.map(accessLabel),
      groups: groupsOf.get(u.UserId) ?? [],
      policies: [],
      serviceLinked: false,
      lastUsed: null,
      ...(u.UserStatus === 'DISABLED' ? { disabled: true } : {}),
      ...(explained ? { explainedBy: explained } : {}),
      flags: f.flags,
      reasons: f.reasons,
    });
  }
  for (const g of idc.groups) {
    const access = idc.assignments
      .filter((a) => a.principalType === 'GROUP' && a.principalId === g.GroupId)
      .map((a) => ({ accountId: a.accountId, permissionSetName: a.permissionSetName, via: 'direct' }));
    const f = new Flags();
    judge(f, access);
    rows.push({
      id: `sso:${idc.identityStoreId}:group/${g.GroupId}`,
      kind: 'sso_group',
      name: g.DisplayName ?? g.GroupId,
      accountIds: [...new Set(access.map((x) => x.accountId))].sort(),
      access: access.map(accessLabel),
      groups: [],
      policies: [],
      serviceLinked: false,
      lastUsed: null,
      flags: f.flags,
      reasons: f.reasons,
    });
  }
  return rows;
}

const KIND_ORDER = { sso_user: 0, iam_user: 1, sso_group: 2, iam_group: 3, iam_role: 4 };

export function buildPopulation(input: PopulationInput): PopulationRow[] {
  const rows = [
    ...(input.identityCenter ? identityCenterRows(input.identityCenter, input) : []),
    ...input.iam.flatMap((a) => iamRows(a, input)),
  ];
  // People first, then groups, then roles; service-linked roles last; flagged rows first within each.
  return rows.sort(
    (a, b) =>
      Number(a.serviceLinked) - Number(b.serviceLinked) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      Number(b.flags.length > 0) - Number(a.flags.length > 0) ||
      a.id.localeCompare(b.id),
  );
}
