import { Anchor, Card, Table, Text, Title } from '@mantine/core';
import type { OwnerDue } from '../../../shared/rules/requests/due';
import { DUE_SOON_DAYS } from '../../../shared/rules/requests/due';

/** What each owner still has to answer, as of today: choosing an owner filters the list to them. */
export function DuePerOwnerCard({
  rows,
  today,
  onOwner,
}: {
  rows: OwnerDue[];
  today: string;
  onOwner: (ownerId: string) => void;
}) {
  return (
    <Card withBorder data-testid="requests-per-owner">
      <Title order={5}>Due and overdue per owner</Title>
      <Text size="xs" c="dimmed" mb="xs">
        As of today, {today} (not the audit's as-of date): overdue means past its due date and not yet submitted; due
        soon means due within {DUE_SOON_DAYS} days.
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing is outstanding: every request is submitted, accepted or withdrawn.
        </Text>
      ) : (
        <Table fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Owner</Table.Th>
              <Table.Th>To answer</Table.Th>
              <Table.Th>Due soon</Table.Th>
              <Table.Th>Overdue</Table.Th>
              <Table.Th>Next due</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.ownerId ?? 'none'} data-testid="owner-due" data-owner={row.name}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => onOwner(row.ownerId ?? 'none')}>
                    {row.name}
                  </Anchor>
                </Table.Td>
                <Table.Td data-testid="owner-outstanding">{row.outstanding}</Table.Td>
                <Table.Td data-testid="owner-due-soon">{row.dueSoon}</Table.Td>
                <Table.Td data-testid="owner-overdue">
                  <Text span size="sm" c={row.overdue ? 'red' : undefined} fw={row.overdue ? 700 : undefined}>
                    {row.overdue}
                  </Text>
                </Table.Td>
                <Table.Td>{row.nextDue ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
