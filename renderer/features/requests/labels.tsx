import { Badge } from '@mantine/core';
import { REQUEST_STATUS_LABELS, type AuditRequest, type RequestStatus } from '../../../shared/domain/requests';
import { DUE_STATE_LABELS, dueState } from '../../../shared/rules/requests/due';

const STATUS_COLORS: Record<RequestStatus, string> = {
  open: 'gray',
  in_progress: 'blue',
  submitted: 'yellow',
  accepted: 'green',
  returned: 'red',
};

export const RequestStatusBadge = ({ request }: { request: Pick<AuditRequest, 'status' | 'withdrawnAt'> }) =>
  request.withdrawnAt ? (
    <Badge color="gray" variant="outline" data-testid="request-status">
      Withdrawn
    </Badge>
  ) : (
    <Badge color={STATUS_COLORS[request.status]} variant="light" data-testid="request-status">
      {REQUEST_STATUS_LABELS[request.status]}
    </Badge>
  );

/** The due date with a word when it matters today: overdue or due soon. */
export function DueLabel({
  request,
  today,
}: {
  request: Pick<AuditRequest, 'status' | 'dueDate' | 'withdrawnAt'>;
  today: string;
}) {
  const state = dueState(request, today);
  return (
    <>
      {request.dueDate ?? '—'}
      {(state === 'overdue' || state === 'due_soon') && (
        <Badge
          ml={6}
          size="xs"
          color={state === 'overdue' ? 'red' : 'orange'}
          variant="light"
          data-testid="request-due"
        >
          {DUE_STATE_LABELS[state]}
        </Badge>
      )}
    </>
  );
}

/** The local calendar day: due dates are the firm's deadlines on the person's own calendar. */
export const todayLocal = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};
