import { Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';

export function TeamScreen() {
  const { snapshot } = useWorkspace();
  const [me, setMe] = useState({ name: snapshot.me?.name ?? '', email: snapshot.me?.email ?? '' });
  const [member, setMember] = useState({ name: '', email: '', role: '' });
  const saveMe = useAction(api().identity.set);
  const add = useAction(api().team.add);
  const remove = useAction(api().team.remove);

  const addMember = async () => {
    if (await add.run(member)) setMember({ name: '', email: '', role: '' });
  };

  return (
    <Stack>
      <Title order={3}>Team</Title>
      <Card withBorder>
        <Title order={5}>Who are you?</Title>
        <Text size="sm" c="dimmed" mb="xs">
          Every change you make is attributed to you in the activity log. This is remembered on this computer only.
        </Text>
        <Group align="end">
          <TextInput
            label="Your name"
            value={me.name}
            onChange={(e) => setMe({ ...me, name: e.currentTarget.value })}
            data-testid="me-name"
          />
          <TextInput
            label="Your email"
            value={me.email}
            onChange={(e) => setMe({ ...me, email: e.currentTarget.value })}
            data-testid="me-email"
          />
          <Button loading={saveMe.busy} onClick={() => void saveMe.run(me)} data-testid="me-save">
            Save
          </Button>
        </Group>
        <ErrorNotice error={saveMe.error} title="Not saved" />
      </Card>
      <Card withBorder>
        <Title order={5} mb="xs">
          Teammates
        </Title>
        <Table data-testid="team-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {snapshot.members.map((m) => (
              <Table.Tr key={m.id} data-testid="team-member">
                <Table.Td>
                  {m.name}
                  {m.id === snapshot.meMemberId ? ' (you)' : ''}
                </Table.Td>
                <Table.Td>{m.email}</Table.Td>
                <Table.Td>{m.role}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" color="red" onClick={() => void remove.run({ id: m.id })}>
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <ErrorNotice error={remove.error} title="Not removed" />
        <Group align="end" mt="sm">
          <TextInput
            label="Name"
            value={member.name}
            onChange={(e) => setMember({ ...member, name: e.currentTarget.value })}
            data-testid="member-name"
          />
          <TextInput
            label="Email"
            value={member.email}
            onChange={(e) => setMember({ ...member, email: e.currentTarget.value })}
            data-testid="member-email"
          />
          <TextInput
            label="Role"
            placeholder="e.g. Infrastructure"
            value={member.role}
            onChange={(e) => setMember({ ...member, role: e.currentTarget.value })}
            data-testid="member-role"
          />
          <Button loading={add.busy} onClick={() => void addMember()} data-testid="member-add">
            Add teammate
          </Button>
        </Group>
        <ErrorNotice error={add.error} title="Not added" />
      </Card>
    </Stack>
  );
}
