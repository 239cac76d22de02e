import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { REQUEST_FIELD_LABELS } from '../../../shared/domain/requests';
import type { ImportPlan } from '../../../shared/rules/requests/reimport';

const SHOWN_IDS = 30;

function Ids({ ids, testId }: { ids: string[]; testId: string }) {
  return (
    <Text size="sm" ff="monospace" data-testid={testId}>
      {ids.slice(0, SHOWN_IDS).join(', ')}
      {ids.length > SHOWN_IDS ? ` and ${ids.length - SHOWN_IDS} more` : ''}
    </Text>
  );
}

/** What the import would do to the list, before it does it: new, changed (before and after), withdrawn, back. */
export function ImportPlanView({ plan, requests }: { plan: ImportPlan; requests: number }) {
  return (
    <Card withBorder data-testid="import-plan">
      <Title order={5}>What this import does</Title>
      <Group gap="xs" my="xs">
        <Badge variant="light" color="blue" data-testid="plan-added">
          {plan.added.length} new
        </Badge>
        <Badge variant="light" color="yellow" data-testid="plan-changed">
          {new Set(plan.changes.map((c) => c.id)).size} changed
        </Badge>
        <Badge variant="light" color="gray" data-testid="plan-withdrawn">
          {plan.withdrawn.length} withdrawn
        </Badge>
        <Badge variant="light" color="green" data-testid="plan-reinstated">
          {plan.reinstated.length} back in the list
        </Badge>
        <Text size="sm" c="dimmed">
          {plan.unchanged} unchanged, of {requests} in the file
        </Text>
      </Group>
      <Stack gap="sm">
        {plan.added.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              New requests
            </Text>
            <Ids ids={plan.added} testId="plan-added-ids" />
          </div>
        )}
        {plan.changes.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              Changed by the firm (answers, links and statuses are kept)
            </Text>
            <Table fz="sm" data-testid="plan-changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Request</Table.Th>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.changes.map((c) => (
                  <Table.Tr key={`${c.id}-${c.field}`} data-testid="plan-change">
                    <Table.Td ff="monospace">{c.id}</Table.Td>
                    <Table.Td>{REQUEST_FIELD_LABELS[c.field]}</Table.Td>
                    <Table.Td>
                      <Text size="sm" td="line-through" c="dimmed">
                        {c.before || '(empty)'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{c.after || '(empty)'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {plan.withdrawn.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              No longer in the firm's list: marked withdrawn, kept with their answers
            </Text>
            <Ids ids={plan.withdrawn} testId="plan-withdrawn-ids" />
          </div>
        )}
        {plan.reinstated.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              Back in the list, with the answers they had
            </Text>
            <Ids ids={plan.reinstated} testId="plan-reinstated-ids" />
          </div>
        )}
      </Stack>
    </Card>
  );
}
