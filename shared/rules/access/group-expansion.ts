/**
 * Identity Center assignments name a user or a group; an access review decides per person,
 * so each group assignment is expanded to every member, keeping the path it came by.
 */
export interface Assignment {
  accountId: string;
  permissionSetName: string;
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

export interface UserAccess {
  accountId: string;
  permissionSetName: string;
  /** `direct`, or the name of the group it comes through. */
  via: string;
}

export function expandAssignments(
  assignments: readonly Assignment[],
  membersOf: ReadonlyMap<string, readonly string[]>,
  groupName: (groupId: string) => string,
): Map<string, UserAccess[]> {
  const out = new Map<string, UserAccess[]>();
  const seen = new Set<string>();
  const give = (userId: string, access: UserAccess) => {
    const key = `${userId}|${access.accountId}|${access.permissionSetName}|${access.via}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = out.get(userId);
    if (list) list.push(access);
    else out.set(userId, [access]);
  };
  for (const a of assignments) {
    const base = { accountId: a.accountId, permissionSetName: a.permissionSetName };
    if (a.principalType === 'USER') give(a.principalId, { ...base, via: 'direct' });
    else
      for (const userId of membersOf.get(a.principalId) ?? []) give(userId, { ...base, via: groupName(a.principalId) });
  }
  return out;
}

/** `AdministratorAccess @ 111122223333 (via Admins)` */
export const accessLabel = (a: UserAccess) =>
  `${a.permissionSetName} @ ${a.accountId}${a.via === 'direct' ? '' : ` (via ${a.via})`}`;
