import type { AuditRequest } from '../../domain/requests';
import type { TeamMember } from '../../domain/team';

/** A request due within this many days (today included) is "due soon". */
export const DUE_SOON_DAYS = 7;

/**
 * Where a request stands against its due date on `today` (YYYY-MM-DD). Only what the company
 * still has to do can be late: open, in progress, or returned by the auditor. Submitted and
 * accepted requests wait on the auditor; withdrawn ones are no longer asked for.
 */
export type DueState = 'overdue' | 'due_soon' | 'later' | 'no_date' | 'with_auditor' | 'withdrawn';

export const DUE_STATE_LABELS: Record<DueState, string> = {
  overdue: 'Overdue',
  due_soon: 'Due soon',
  later: 'Due later',
  no_date: 'No due date',
  with_auditor: 'With the auditor',
  withdrawn: 'Withdrawn',
};

type Dated = Pick<AuditRequest, 'status' | 'dueDate' | 'withdrawnAt'>;

const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Still the company's to answer (open, in progress, returned), and not withdrawn. */
export const isOutstanding = (r: Dated) =>
  !r.withdrawnAt && (r.status === 'open' || r.status === 'in_progress' || r.status === 'returned');

export function dueState(r: Dated, today: string): DueState {
  if (r.withdrawnAt) return 'withdrawn';
  if (!isOutstanding(r)) return 'with_auditor';
  if (!r.dueDate) return 'no_date';
  if (r.dueDate < today) return 'overdue';
  // Due today counts as due soon, not overdue: the day is not over.
  if (r.dueDate <= plusDays(today, DUE_SOON_DAYS - 1)) return 'due_soon';
  return 'later';
}

export interface RequestCounts {
  /** Not withdrawn. */
  total: number;
  /** Still the company's to answer: open, in progress or returned. */
  open: number;
  dueSoon: number;
  overdue: number;
  returned: number;
  withdrawn: number;
}

export function requestCounts(requests: readonly Dated[], today: string): RequestCounts {
  const counts: RequestCounts = { total: 0, open: 0, dueSoon: 0, overdue: 0, returned: 0, withdrawn: 0 };
  for (const r of requests) {
    if (r.withdrawnAt) {
      counts.withdrawn++;
      continue;
    }
    counts.total++;
    if (isOutstanding(r)) counts.open++;
    if (r.status === 'returned') counts.returned++;
    const state = dueState(r, today);
    if (state === 'overdue') counts.overdue++;
    if (state === 'due_soon') counts.dueSoon++;
  }
  return counts;
}

export interface OwnerDue {
  /** Null for requests nobody owns yet. */
  ownerId: string | null;
  name: string;
  outstanding: number;
  dueSoon: number;
  overdue: number;
  /** The earliest due date among the owner's outstanding requests. */
  nextDue: string | null;
}

/**
 * What each owner still has to answer, most overdue first; requests without an owner are one row
 * of their own (named so), since they are the ones nobody will answer.
 */
export function duePerOwner(
  requests: readonly (Dated & Pick<AuditRequest, 'ownerId'>)[],
  members: readonly Pick<TeamMember, 'id' | 'name'>[],
  today: string,
): OwnerDue[] {
  const names = new Map(members.map((m) => [m.id, m.name]));
  const rows = new Map<string | null, OwnerDue>();
  for (const r of requests) {
    if (!isOutstanding(r)) continue;
    const key = r.ownerId;
    const row = rows.get(key) ?? {
      ownerId: key,
      name: key === null ? 'No owner' : (names.get(key) ?? 'Former team member'),
      outstanding: 0,
      dueSoon: 0,
      overdue: 0,
      nextDue: null,
    };
    row.outstanding++;
    const state = dueState(r, today);
    if (state === 'overdue') row.overdue++;
    if (state === 'due_soon') row.dueSoon++;
    if (r.dueDate && (row.nextDue === null || r.dueDate < row.nextDue)) row.nextDue = r.dueDate;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.overdue - a.overdue || b.dueSoon - a.dueSoon || b.outstanding - a.outstanding || a.name.localeCompare(b.name),
  );
}
