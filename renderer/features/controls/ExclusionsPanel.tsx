import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { Exclusion } from '../../../shared/domain/control-state';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';

const empty = { what: '', reason: '', approvedBy: '', expiresOn: '' };

/** Documented, approved, expiring exceptions to a control. */
export function ExclusionsPanel({
  controlId,
  exclusions,
  today,
}: {
  controlId: string;
  exclusions: Exclusion[];
  today: string;
}) {
  const [form, setForm] = useState(empty);
  const add = useAction(api().controls.addExclusion);
  const remove = useAction(api().controls.removeExclusion);
  const set = (k: keyof typeof empty) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [k]: e.currentTarget.value });

  const submit = async () => {
    if (await add.run({ controlId, ...form })) setForm(empty);
  };

  return (
    <Card withBorder>
      <Title order={5} mb="xs">
        Exclusions
      </Title>
      {exclusions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No exclusions.
        </Text>
      ) : (
        <Table data-testid="exclusions-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>Approved by</Table.Th>
              <Table.Th>Until</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {exclusions.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{x.what}</Table.Td>
                <Table.Td>{x.reason}</Table.Td>
                <Table.Td>{x.approvedBy}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={x.expiresOn < today ? 'red' : undefined}>
                    {x.expiresOn}
                    {x.expiresOn < today ? ' (expired)' : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void remove.run({ controlId, exclusionId: x.id })}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Stack gap="xs" mt="sm">
        <Group grow>
          <TextInput
            size="xs"
            label="What is excluded"
            value={form.what}
            onChange={set('what')}
            data-testid="exclusion-what"
          />
          <TextInput
            size="xs"
            label="Approved by"
            value={form.approvedBy}
            onChange={set('approvedBy')}
            data-testid="exclusion-approver"
          />
          <TextInput
            size="xs"
            label="Expires on"
            type="date"
            value={form.expiresOn}
            onChange={set('expiresOn')}
            data-testid="exclusion-expires"
          />
        </Group>
        <TextInput
          size="xs"
          label="Reason"
          value={form.reason}
          onChange={set('reason')}
          data-testid="exclusion-reason"
        />
        <ErrorNotice error={add.error ?? remove.error} title="The exclusion was not saved" />
        <Group justify="flex-end">
          <Button size="xs" loading={add.busy} onClick={() => void submit()} data-testid="exclusion-add">
            Add exclusion
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
