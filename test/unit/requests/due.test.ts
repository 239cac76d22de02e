import { describe, expect, it } from 'vitest';
import { duePerOwner, dueState, requestCounts } from '../../../shared/rules/requests/due';
import type { AuditRequest } from '../../../shared/domain/requests';

const TODAY = '2027-01-10';
type R = Pick<AuditRequest, 'status' | 'dueDate' | 'withdrawnAt' | 'ownerId'>;
const r = (
  status: R['status'],
  dueDate: string | null,
  ownerId: string | null = null,
  withdrawnAt: string | null = null,
): R => ({
  status,
  dueDate,
  ownerId,
  withdrawnAt,
});

describe('requests due and overdue', () => {
  it('is overdue after its due day, due soon from today for 7 days, and never late once with the auditor', () => {
    expect(dueState(r('open', '2027-01-09'), TODAY)).toBe('overdue');
    expect(dueState(r('in_progress', '2027-01-10'), TODAY)).toBe('due_soon');
    expect(dueState(r('returned', '2027-01-16'), TODAY)).toBe('due_soon');
    expect(dueState(r('open', '2027-01-17'), TODAY)).toBe('later');
    expect(dueState(r('open', null), TODAY)).toBe('no_date');
    expect(dueState(r('submitted', '2027-01-01'), TODAY)).toBe('with_auditor');
    expect(dueState(r('accepted', '2027-01-01'), TODAY)).toBe('with_auditor');
    expect(dueState(r('open', '2027-01-01', null, '2027-01-05T00:00:00.000Z'), TODAY)).toBe('withdrawn');
  });

  it('counts open, due soon, overdue and returned, leaving withdrawn requests out', () => {
    const counts = requestCounts(
      [
        r('open', '2027-01-01'),
        r('returned', '2027-01-05'),
        r('returned', '2027-01-12'),
        r('in_progress', null),
        r('submitted', '2027-01-01'),
        r('accepted', null),
        r('open', '2027-01-01', null, '2027-01-05T00:00:00.000Z'),
      ],
      TODAY,
    );
    expect(counts).toEqual({ total: 6, open: 4, dueSoon: 1, overdue: 2, returned: 2, withdrawn: 1 });
  });

  it('lists per owner what is outstanding, most overdue first, with the requests nobody owns as their own row', () => {
    const members = [
      { id: 'm_dana', name: 'Dana Founder' },
      { id: 'm_sam', name: 'Sam Ops' },
    ];
    const rows = duePerOwner(
      [
        r('open', '2027-01-20', 'm_dana'),
        r('open', '2027-01-12', 'm_dana'),
        r('submitted', '2027-01-01', 'm_dana'),
        r('open', '2027-01-02', 'm_sam'),
        r('returned', '2027-01-03', 'm_sam'),
        r('open', null, null),
        r('open', '2027-01-01', 'm_gone'),
      ],
      members,
      TODAY,
    );
    expect(rows).toEqual([
      { ownerId: 'm_sam', name: 'Sam Ops', outstanding: 2, dueSoon: 0, overdue: 2, nextDue: '2027-01-02' },
      { ownerId: 'm_gone', name: 'Former team member', outstanding: 1, dueSoon: 0, overdue: 1, nextDue: '2027-01-01' },
      { ownerId: 'm_dana', name: 'Dana Founder', outstanding: 2, dueSoon: 1, overdue: 0, nextDue: '2027-01-12' },
      { ownerId: null, name: 'No owner', outstanding: 1, dueSoon: 0, overdue: 0, nextDue: null },
    ]);
  });
});
