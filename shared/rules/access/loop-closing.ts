import type { AccessReview, FollowUp, PopulationRow } from '../../domain/access-review';

/**
 * The loop closes: a later collection is compared with a signed review's decisions. A
 * "remove" is carried out when the identity is gone (or disabled); a "change" when its access
 * differs from what was reviewed (policies, groups, permission sets, trust). Once seen done,
 * the date it was first seen stays, even if a later collection is compared again. An identity
 * whose source the later collection could not read (its account's role refused, its IAM denied,
 * Identity Center unreachable) is absent for that reason only: it is not judged, and keeps what
 * an earlier comparison found.
 */
export function compareFollowUps(
  review: AccessReview,
  current: readonly PopulationRow[],
  collectedAt: string,
  /** What the later collection read; without it, everything the review holds counts as read. */
  read?: { iamAccountIds: readonly string[]; identityCenter: boolean },
): Record<string, FollowUp> {
  const now = new Map(current.map((r) => [r.id, r]));
  const out: Record<string, FollowUp> = {};
  const wasRead = (row: PopulationRow) =>
    !read ||
    (row.kind === 'sso_user' || row.kind === 'sso_group'
      ? read.identityCenter
      : row.accountIds.every((a) => read.iamAccountIds.includes(a)));
  for (const row of review.rows) {
    const d = review.decisions[row.id];
    if (!d || d.decision === 'keep') continue;
    if (!wasRead(row)) {
      const before = review.followUps[row.id];
      if (before) out[row.id] = before;
      continue;
    }
    const later = now.get(row.id);
    const done =
      d.decision === 'remove' ? !later || later.disabled === true : later === undefined || accessChanged(row, later);
    const what =
      d.decision === 'remove'
        ? done
          ? later
            ? `${row.name} is disabled.`
            : `${row.name} is gone.`
          : `${row.name} still exists.`
        : done
          ? `${row.name}'s access changed.`
          : `${row.name}'s access is as it was reviewed.`;
    const before = review.followUps[row.id];
    out[row.id] = {
      status: done ? 'carried_out' : 'open',
      ...(done ? { firstSeenDone: before?.firstSeenDone ?? collectedAt } : {}),
      checkedAt: collectedAt,
      what,
    };
  }
  return out;
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

function accessChanged(before: PopulationRow, after: PopulationRow): boolean {
  return (
    !same(before.policies, after.policies) ||
    !same(before.groups, after.groups) ||
    !same(before.access, after.access) ||
    (before.trust ?? '') !== (after.trust ?? '')
  );
}
