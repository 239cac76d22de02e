import { Card, List, Table, Text, Title } from '@mantine/core';
import { PROFILE_KIND_LABELS, type ProfileList } from '../../../shared/domain/aws';
import { sessionLabel } from './session-label';

export function ProfilesTable({
  list,
  selected,
  onSelect,
}: {
  list: ProfileList;
  selected?: string;
  onSelect(name: string): void;
}) {
  const fileProblems = list.files.flatMap((f) => f.problems.map((p) => ({ ...p, path: f.path })));
  return (
    <Card withBorder>
      <Title order={5}>Profiles</Title>
      <Text size="xs" c="dimmed" mb="xs">
        From {list.files.map((f) => `${f.path}${f.exists ? '' : ' (not found)'}`).join(' and ')}
      </Text>
      {list.profiles.length === 0 ? (
        <Text size="sm" data-testid="aws-no-profiles">
          No AWS profiles yet. Run <code>aws configure sso</code> in a terminal to add your IAM Identity Center profile,
          then come back.
        </Text>
      ) : (
        <Table highlightOnHover data-testid="aws-profiles">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Profile</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Account</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.profiles.map((p) => {
              const s = sessionLabel(p);
              return (
                <Table.Tr
                  key={p.name}
                  onClick={() => onSelect(p.name)}
                  style={{ cursor: 'pointer' }}
                  bg={p.name === selected ? 'var(--mantine-color-blue-light)' : undefined}
                  data-testid={`aws-profile-${p.name}`}
                >
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {p.name}
                    </Text>
                    {p.problems.map((x, i) => (
                      <Text key={i} size="xs" c={x.severity === 'error' ? 'red' : 'orange'}>
                        {x.line ? `${x.file} line ${x.line}: ` : ''}
                        {x.message}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{PROFILE_KIND_LABELS[p.kind]}</Table.Td>
                  <Table.Td>{p.accountId ?? '—'}</Table.Td>
                  <Table.Td>{p.roleName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={s.color === 'gray' ? 'dimmed' : s.color} data-testid="aws-session">
                      {s.text}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {fileProblems.length > 0 && (
        <List size="xs" mt="sm" c="red" data-testid="aws-file-problems">
          {fileProblems.map((p, i) => (
            <List.Item key={i}>
              {p.path}
              {p.line ? ` line ${p.line}` : ''}: {p.message}
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
