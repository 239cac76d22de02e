import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { DECISION_LABELS, type AccessReview } from '../../../shared/domain/access-review';
import type { AppErrorData } from '../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * The loop closes: every remove and change of the signed review, and whether a later
 * collection of the account found it carried out, with the date it was first seen done.
 */
export function FollowUpsCard({
  review,
  busy,
  error,
  onCheck,
}: {
  review: AccessReview;
  busy: string | null;
  error: AppErrorData | null;
  onCheck(): Promise<boolean>;
}) {
  const pending = review.rows.filter((r) => {
    const d = review.decisions[r.id];
    return d && d.decision !== 'keep';
  });
  if (pending.length === 0) return null;
  return (
    <Card withBorder data-testid="access-followups">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>Removes and changes</Title>
          <Text size="xs" c="dimmed">
            Read the account again to see whether each one was carried out.
          </Text>
        </div>
        <Button
          size="xs"
          variant="light"
          loading={busy === 'closeLoop'}
          disabled={busy !== null}
          onClick={() => void onCheck()}
          data-testid="access-close-loop"
        >
          Check the account now
        </Button>
      </Group>
      <ErrorNotice error={error} title="The account could not be compared" />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Identity</Table.Th>
            <Table.Th>Decision</Table.Th>
            <Table.Th>Justification</Table.Th>
            <Table.Th>Carried out?</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pending.map((row) => {
            const d = review.decisions[row.id]!;
            const f = review.followUps[row.id];
            return (
              <Table.Tr
                key={row.id}
                data-testid="access-followup"
                data-row-id={row.id}
                data-status={f?.status ?? 'unchecked'}
              >
                <Table.Td>{row.name}</Table.Td>
                <Table.Td>{DECISION_LABELS[d.decision]}</Table.Td>
                <Table.Td>
                  <Text size="xs">{d.justification}</Text>
                </Table.Td>
                <Table.Td>
                  {!f ? (
                    <Text size="xs" c="dimmed">
                      not checked yet
                    </Text>
                  ) : f.status === 'carried_out' ? (
                    <Badge color="green" variant="light">
                      Done, first seen {f.firstSeenDone?.slice(0, 10)}
                    </Badge>
                  ) : (
                    <Badge color="orange" variant="light">
                      Still open ({f.checkedAt.slice(0, 10)})
                    </Badge>
                  )}
                  {f && (
                    <Text size="xs" c="dimmed">
                      {f.what}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
