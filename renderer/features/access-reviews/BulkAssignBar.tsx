import { Button, Card, Checkbox, Group } from '@mantine/core';
import { useState } from 'react';
import type { TeamMember } from '../../../shared/domain/team';
import type { AppErrorData } from '../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Reviewers for many identities at once: the rows ticked in the table (one by one, or every row
 * the filter finds), one or more teammates, one save. Main refuses, whole, an assignment that
 * leaves anyone the only reviewer of their own access, and says which rows; nothing changes then.
 */
export function BulkAssignBar({
  count,
  members,
  busy,
  error,
  onAssign,
  onClear,
}: {
  count: number;
  members: readonly TeamMember[];
  busy: boolean;
  error: AppErrorData | null;
  onAssign(memberIds: string[]): Promise<boolean>;
  onClear(): void;
}) {
  const [reviewers, setReviewers] = useState<string[]>([]);
  const rows = `${count} ${count === 1 ? 'identity' : 'identities'}`;
  return (
    <Card
      withBorder
      data-testid="access-bulk"
      data-count={count}
      aria-label="Assign reviewers to the selected identities"
    >
      <Group justify="space-between" align="end" wrap="wrap">
        <Checkbox.Group
          label={`Reviewers for the ${rows} selected`}
          description="Nobody may be the only reviewer of their own access: add a second reviewer for those rows."
          value={reviewers}
          onChange={setReviewers}
          data-testid="access-bulk-reviewers"
        >
          <Group mt={4}>
            {members.map((m) => (
              <Checkbox key={m.id} value={m.id} label={m.name} size="xs" />
            ))}
          </Group>
        </Checkbox.Group>
        <Group gap="xs">
          <Button size="xs" variant="subtle" onClick={onClear} data-testid="access-bulk-clear">
            Clear the selection
          </Button>
          <Button
            size="xs"
            disabled={reviewers.length === 0 || busy}
            loading={busy}
            onClick={() =>
              // In the team's order, however they were ticked.
              void onAssign(members.filter((m) => reviewers.includes(m.id)).map((m) => m.id)).then((ok) => {
                if (ok) setReviewers([]);
              })
            }
            data-testid="access-bulk-assign"
          >
            Assign to {rows}
          </Button>
        </Group>
      </Group>
      <ErrorNotice error={error} title="Reviewers not assigned" />
    </Card>
  );
}
