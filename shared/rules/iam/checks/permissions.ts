import type { FindingEntity } from '../../../domain/findings';
import { resolveAdminPrincipals } from '../admin-principals';
import { need, type RuleInput, type RuleOutcome } from '../snapshot';

export function adminAccess({ snapshot }: RuleInput): RuleOutcome {
  const details = need(snapshot, 'authorizationDetails');
  const { admins, unreadablePolicies, serviceWildcards } = resolveAdminPrincipals(details, snapshot.awsManagedPolicyDocuments ?? {});
  const notes = [
    ...unreadablePolicies.map((arn) => `The document of ${arn} could not be read, so whether it grants full access is unknown.`),
    ...serviceWildcards.map((w) => `${w.arn} has service-wide wildcards on every resource (${w.actions.join(', ')}): not full admin, but often a path to it.`),
  ];
  const kinds = { user: 'User', group: 'Group', role: 'Role' } as const;
  const entities: FindingEntity[] = admins.map((a) => {
    const conditional = a.paths.every((p) => p.grants.every((g) => g.conditional));
    const via = a.paths.map((p) => p.via).join('; ');
    const members = a.members ? `; members: ${a.members.length > 0 ? a.members.join(', ') : 'none'}` : '';
    const permissionSet = a.type === 'role' ? /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(a.name)?.[1] : undefined;
    const sso = permissionSet ? `; IAM Identity Center permission set ${permissionSet}: who holds it is in its account assignments` : '';
    return {
      arn: a.arn,
      name: a.name,
      result: 'needs_review',
      detail: `${kinds[a.type]} with full access via ${via}${conditional ? ' (only under conditions)' : ''}${a.permissionsBoundary ? `; limited by permissions boundary ${a.permissionsBoundary}` : ''}${members}${sso}.`,
      facts: {
        type: a.type,
        paths: a.paths,
        ...(a.permissionsBoundary ? { permissionsBoundary: a.permissionsBoundary } : {}),
        ...(a.assumableBy ? { assumableBy: a.assumableBy } : {}),
        ...(a.members ? { members: a.members } : {}),
      },
    };
  });
  if (entities.length === 0) {
    return { result: 'pass', summary: 'No IAM user, group or role has full administrative access.', entities, notes };
  }
  const count = (type: 'user' | 'group' | 'role') => {
    const n = admins.filter((a) => a.type === type).length;
    return n ? `${n} ${type}${n === 1 ? '' : 's'}` : '';
  };
  const parts = [count('user'), count('group'), count('role')].filter(Boolean);
  const who = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return {
    result: 'needs_review',
    summary: `${who} ${admins.length === 1 ? 'has' : 'have'} full administrative access. Confirm each one still needs it.`,
    entities,
    notes,
  };
}

export function usersDirectPolicies({ snapshot }: RuleInput): RuleOutcome {
  const users = need(snapshot, 'authorizationDetails').UserDetailList;
  if (users.length === 0) return { result: 'not_applicable', summary: 'The account has no IAM users.', entities: [] };
  const entities: FindingEntity[] = [];
  for (const u of users) {
    const inline = (u.UserPolicyList ?? []).map((p) => p.PolicyName ?? '(unnamed)');
    const attached = (u.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn ?? p.PolicyName ?? '(unnamed)');
    if (inline.length + attached.length === 0) continue;
    const parts = [inline.length > 0 ? `inline: ${inline.join(', ')}` : '', attached.length > 0 ? `attached: ${attached.join(', ')}` : ''].filter(Boolean);
    entities.push({
      arn: u.Arn ?? '',
      name: u.UserName ?? '',
      result: 'fail',
      detail: `Policies on the user itself (${parts.join('; ')}).`,
      facts: { inlinePolicies: inline, attachedPolicies: attached, groups: u.GroupList ?? [] },
    });
  }
  if (entities.length === 0) {
    const none = users.length === 1 ? 'The one IAM user has no policies' : `None of the ${users.length} IAM users has policies`;
    return { result: 'pass', summary: `${none} attached directly; permissions come through groups or roles.`, entities };
  }
  return {
    result: 'fail',
    summary: `${entities.length} of ${users.length} IAM users have policies attached directly instead of through groups or roles.`,
    entities,
  };
}
