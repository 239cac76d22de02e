import { rowNavigation } from '../../components/row-navigation';
import { Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { RESPONSIBILITY_LABELS, type Responsibility } from '../../../shared/catalog/types';
import { CONTROL_STATUSES, defaultControlState, STATUS_LABELS } from '../../../shared/domain/control-state';
import { controlsInScope } from '../../../shared/rules/coverage';
import { useRoute } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { ResponsibilityBadge, StatusBadge } from './labels';

export function ControlsList() {
  const { snapshot, states } = useWorkspace();
  const { navigate } = useRoute();
  const [responsibility, setResponsibility] = useState<'all' | Responsibility>('all');
  const [status, setStatus] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const members = new Map(snapshot.members.map((m) => [m.id, m]));

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return controlsInScope(snapshot.meta.categories)
      .map((control) => ({ control, state: states[control.id] ?? defaultControlState() }))
      .filter(({ control }) => responsibility === 'all' || control.responsibility === responsibility)
      .filter(({ state }) => !status || state.status === status)
      .filter(({ state }) => !owner || (owner === 'none' ? !state.ownerId : state.ownerId === owner))
      .filter(
        ({ control }) => !q || `${control.id} ${control.title} ${control.criteria.join(' ')}`.toLowerCase().includes(q),
      );
  }, [snapshot.meta.categories, states, responsibility, status, owner, query]);

  return (
    <Stack>
      <Title order={3}>Controls</Title>
      <Text c="dimmed" size="sm">
        Inherited controls are proven by AWS's own SOC 2 report; owned controls are yours to prove; shared controls need
        both.
      </Text>
      <Group>
        <SegmentedControl
          value={responsibility}
          onChange={(v) => setResponsibility(v as typeof responsibility)}
          data={[
            { value: 'all', label: 'All' },
            ...(Object.keys(RESPONSIBILITY_LABELS) as Responsibility[]).map((r) => ({
              value: r,
              label: RESPONSIBILITY_LABELS[r],
            })),
          ]}
          data-testid="filter-responsibility"
        />
        <Select
          placeholder="Any status"
          clearable
          value={status}
          onChange={setStatus}
          data={CONTROL_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          data-testid="filter-status"
        />
        <Select
          placeholder="Any owner"
          clearable
          value={owner}
          onChange={setOwner}
          data={[
            { value: 'none', label: 'No owner' },
            ...snapshot.members.map((m) => ({ value: m.id, label: m.name })),
          ]}
          data-testid="filter-owner"
        />
        <TextInput
          placeholder="Search id, title or criterion"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="filter-search"
        />
      </Group>
      <Table highlightOnHover striped data-testid="controls-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Control</Table.Th>
            <Table.Th>Responsibility</Table.Th>
            <Table.Th>Criteria</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ control, state }) => (
            <Table.Tr
              key={control.id}
              style={{ cursor: 'pointer' }}
              onClick={() => navigate({ screen: 'controls', params: { controlId: control.id } })}
              {...rowNavigation(() => navigate({ screen: 'controls', params: { controlId: control.id } }))}
              data-testid={`control-row-${control.id}`}
            >
              <Table.Td>
                <Text fw={500} size="sm">
                  {control.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {control.id}
                </Text>
              </Table.Td>
              <Table.Td>
                <ResponsibilityBadge responsibility={control.responsibility} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">{control.criteria.join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{state.ownerId ? (members.get(state.ownerId)?.name ?? 'Former member') : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={state.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {rows.length} control(s) shown
      </Text>
    </Stack>
  );
}
