import type { FindingEntity } from '../../../domain/findings';
import { resolveAdminPrincipals, type AdminPrincipal } from '../admin-principals';
import { need } from '../snapshot';
import type { RuleInput, RuleOutcome } from '../../../checks/types';

const KINDS = { user: 'User', group: 'Group', role: 'Role' } as const;
type Access = 'full' | 'broad' | 'unknown';

function entityOf(a: AdminPrincipal, access: Access): FindingEntity {
  const conditional = access !== 'unknown' && a.paths.every((p) => p.grants.every((g) => g.conditional));
  const via = a.paths
    .map((p) => (access === 'broad' ? `${p.via} (${p.grants.map((g) => g.grant).join('; ')})` : p.via))
    .join('; ');
  const how = {
    full: 'with full access via',
    broad: 'with broad access (not full admin) via',
    unknown: 'whose access is unknown, as these could not be read:',
  }[access];
  const members = a.members ? `; members: ${a.members.length > 0 ? a.members.join(', ') : 'none'}` : '';
  const permissionSet = a.type === 'role' ? /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(a.name)?.[1] : undefined;
  const sso = permissionSet
    ? `; IAM Identity Center permission set ${permissionSet}: who holds it is in its account assignments`
    : '';
  return {
    arn: a.arn,
    name: a.name,
    result: 'needs_review',
    detail: `${KINDS[a.type]} ${how} ${via}${conditional ? ' (only under conditions)' : ''}${a.permissionsBoundary ? `; limited by permissions boundary ${a.permissionsBoundary}` : ''}${members}${sso}.`,
    facts: {
      type: a.type,
      access,
      paths: a.paths,
      ...(a.permissionsBoundary ? { permissionsBoundary: a.permissionsBoundary } : {}),
      ...(a.assumableBy ? { assumableBy: a.assumableBy } : {}),
      ...(a.members ? { members: a.members } : {}),
    },
  };
}

/** `2 users, 1 group and 1 role` */
function countOf(principals: AdminPrincipal[]): string {
  const count = (type: AdminPrincipal['type']) => {
    const n = principals.filter((a) => a.type === type).length;
    return n ? `${n} ${type}${n === 1 ? '' : 's'}` : '';
  };
  const parts = [count('user'), count('group'), count('role')].filter(Boolean);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0]!;
}

const NOTE_HOLDERS = 5;

/**
 * Full admins, broad grants and principals whose access is unknown are each listed for review:
 * pass only when all three lists are empty, since a policy that could not be read is not "none".
 */
export function adminAccess({ snapshot }: RuleInput): RuleOutcome {
  const details = need(snapshot, 'authorizationDetails');
  const { admins, broad, unknown, unreadablePolicies, serviceWildcards } = resolveAdminPrincipals(
    details,
    snapshot.awsManagedPolicyDocuments ?? {},
  );
  const notes = [
    ...unreadablePolicies.map(({ arn, heldBy }) => {
      const shown = heldBy.slice(0, NOTE_HOLDERS).join(', ');
      const more = heldBy.length > NOTE_HOLDERS ? ` and ${heldBy.length - NOTE_HOLDERS} more` : '';
      return `The document of ${arn} could not be read, so whether it grants full access is unknown; held by ${shown}${more}.`;
    }),
    ...serviceWildcards.map(
      (w) =>
        `${w.arn} has service-wide wildcards on every resource (${w.actions.join(', ')}): not full admin, but often a path to it.`,
    ),
  ];
  const entities = [
    ...admins.map((a) => entityOf(a, 'full')),
    ...broad.map((a) => entityOf(a, 'broad')),
    ...unknown.map((a) => entityOf(a, 'unknown')),
  ];
  if (entities.length === 0) {
    return { result: 'pass', summary: 'No IAM user, group or role has full administrative access.', entities, notes };
  }
  const verb = (list: AdminPrincipal[], one: string, many: string) => (list.length === 1 ? one : many);
  const parts = [
    admins.length > 0 ? `${countOf(admins)} ${verb(admins, 'has', 'have')} full administrative access` : '',
    broad.length > 0
      ? `${countOf(broad)} ${verb(broad, 'has', 'have')} broad access (nearly every action or resource, not full admin)`
      : '',
    unknown.length > 0
      ? `${countOf(unknown)} ${verb(unknown, 'holds', 'hold')} policies that could not be read, so whether they have full access is unknown`
      : '',
  ].filter(Boolean);
  const asks = [
    admins.length + broad.length > 0 ? 'Confirm each one still needs it.' : '',
    unknown.length > 0
      ? 'Find out what the unread policies grant (iam:GetPolicy and iam:GetPolicyVersion read them) and run the check again.'
      : '',
  ].filter(Boolean);
  return { result: 'needs_review', summary: `${parts.join('; ')}. ${asks.join(' ')}`, entities, notes };
}

export function usersDirectPolicies({ snapshot }: RuleInput): RuleOutcome {
  const users = need(snapshot, 'authorizationDetails').UserDetailList;
  if (users.length === 0) return { result: 'not_applicable', summary: 'The account has no IAM users.', entities: [] };
  const entities: FindingEntity[] = [];
  for (const u of users) {
    const inline = (u.UserPolicyList ?? []).map((p) => p.PolicyName ?? '(unnamed)');
    const attached = (u.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn ?? p.PolicyName ?? '(unnamed)');
    if (inline.length + attached.length === 0) continue;
    const parts = [
      inline.length > 0 ? `inline: ${inline.join(', ')}` : '',
      attached.length > 0 ? `attached: ${attached.join(', ')}` : '',
    ].filter(Boolean);
    entities.push({
      arn: u.Arn ?? '',
      name: u.UserName ?? '',
      result: 'fail',
      detail: `Policies on the user itself (${parts.join('; ')}).`,
      facts: { inlinePolicies: inline, attachedPolicies: attached, groups: u.GroupList ?? [] },
    });
  }
  if (entities.length === 0) {
    const none =
      users.length === 1 ? 'The one IAM user has no policies' : `None of the ${users.length} IAM users has policies`;
    return {
      result: 'pass',
      summary: `${none} attached directly; permissions come through groups or roles.`,
      entities,
    };
  }
  return {
    result: 'fail',
    summary: `${entities.length} of ${users.length} IAM users have policies attached directly instead of through groups or roles.`,
    entities,
  };
}
