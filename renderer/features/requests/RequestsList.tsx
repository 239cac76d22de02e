import { Alert, Button, Card, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS, type AuditRequest } from '../../../shared/domain/requests';
import { duePerOwner, dueState } from '../../../shared/rules/requests/due';
import { useRoute } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { rowNavigation } from '../../components/row-navigation';
import { DuePerOwnerCard } from './DuePerOwnerCard';
import { DueLabel, RequestStatusBadge, todayLocal } from './labels';
import { useRequests } from './use-requests';

/** Filters kept in the route, so the dashboard's counts open the list already filtered. */
type Filters = { status: string | null; owner: string | null; due: string | null };

const STATUS_FILTERS = [
  { value: 'outstanding', label: 'To answer (open, in progress, returned)' },
  ...REQUEST_STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] })),
  { value: 'withdrawn', label: 'Withdrawn' },
];

const DUE_FILTERS = [
  { value: 'overdue', label: 'Overdue' },
  { value: 'due_soon', label: 'Due soon' },
];

function matchesStatus(r: AuditRequest, status: string | null) {
  if (!status) return !r.withdrawnAt;
  if (status === 'withdrawn') return !!r.withdrawnAt;
  if (r.withdrawnAt) return false;
  if (status === 'outstanding') return r.status === 'open' || r.status === 'in_progress' || r.status === 'returned';
  return r.status === status;
}

export function RequestsList() {
  const { snapshot } = useWorkspace();
  const { route, navigate } = useRoute();
  const { view, error } = useRequests();
  const today = todayLocal();
  const params = route.params ?? {};
  const [filters, setFilters] = useState<Filters>({
    status: params.status ?? null,
    owner: params.owner ?? null,
    due: params.due ?? null,
  });
  const [query, setQuery] = useState('');
  const members = new Map(snapshot.members.map((m) => [m.id, m]));
  const requests = useMemo(() => view?.requests ?? [], [view]);

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return requests
      .filter((r) => matchesStatus(r, filters.status))
      .filter((r) => !filters.owner || (filters.owner === 'none' ? !r.ownerId : r.ownerId === filters.owner))
      .filter((r) => !filters.due || dueState(r, today) === filters.due)
      .filter((r) => !q || `${r.id} ${r.firm.text} ${r.firm.criteria} ${r.response}`.toLowerCase().includes(q));
  }, [requests, filters, query, today]);
  const perOwner = useMemo(() => duePerOwner(requests, snapshot.members, today), [requests, snapshot.members, today]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const open = (id: string) => navigate({ screen: 'requests', params: { id } });
  const startImport = () => navigate({ screen: 'requests', params: { import: '1' } });

  if (error) return <ErrorNotice error={error} />;
  if (!view) return null;
  if (view.requests.length === 0) {
    return (
      <Stack data-testid="requests-screen">
        <Title order={3}>Requests</Title>
        <Card withBorder>
          <Text size="sm">
            Once fieldwork starts, the audit firm sends its request list (the "provided by client" list): numbered
            requests the company answers line by line. Import it from the CSV or Excel file the firm sent; the workbench
            finds the header, proposes which column is which, and keeps the firm's columns as they are.
          </Text>
          <Group mt="sm">
            <Button onClick={startImport} data-testid="requests-import">
              Import the request list…
            </Button>
          </Group>
        </Card>
      </Stack>
    );
  }

  const lastImport = view.imports.at(-1);
  // The id column is the Request column already; the others are shown as the firm wrote them.
  const firmColumns = view.columns.filter((c) => c !== view.mapping?.id);
  return (
    <Stack data-testid="requests-screen">
      <Group justify="space-between">
        <div>
          <Title order={3}>Requests</Title>
          <Text size="sm" c="dimmed">
            {view.firm}
            {lastImport ? ` · last imported ${lastImport.at.slice(0, 10)} from ${lastImport.fileName}` : ''}
          </Text>
        </div>
        <Button variant="default" onClick={startImport} data-testid="requests-import">
          Import an updated list…
        </Button>
      </Group>
      <DuePerOwnerCard rows={perOwner} today={today} onOwner={(owner) => set({ owner })} />
      <Group align="end">
        <Select
          label="Status"
          placeholder="Any (not withdrawn)"
          clearable
          value={filters.status}
          onChange={(status) => set({ status })}
          data={STATUS_FILTERS}
          data-testid="requests-filter-status"
        />
        <Select
          label="Owner"
          placeholder="Anyone"
          clearable
          value={filters.owner}
          onChange={(owner) => set({ owner })}
          data={[
            { value: 'none', label: 'No owner' },
            ...snapshot.members.map((m) => ({ value: m.id, label: m.name })),
          ]}
          data-testid="requests-filter-owner"
        />
        <Select
          label="Due"
          placeholder="Any date"
          clearable
          value={filters.due}
          onChange={(due) => set({ due })}
          data={DUE_FILTERS}
          data-testid="requests-filter-due"
        />
        <TextInput
          label="Search"
          placeholder="Id, text, criteria or response"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          data-testid="requests-search"
        />
      </Group>
      {rows.length === 0 && (
        <Alert color="gray" data-testid="requests-none">
          No request matches these filters.
        </Alert>
      )}
      <Card withBorder p={0} style={{ overflowX: 'auto' }}>
        <Table highlightOnHover fz="sm" data-testid="requests-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Request</Table.Th>
              {firmColumns.map((c) => (
                <Table.Th key={c} miw={c === view.mapping?.text ? 240 : undefined}>
                  {c}
                </Table.Th>
              ))}
              <Table.Th>Status</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Response</Table.Th>
              <Table.Th>Auditor's comment</Table.Th>
              <Table.Th>Links</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr
                key={r.id}
                style={{ cursor: 'pointer' }}
                onClick={() => open(r.id)}
                {...rowNavigation(() => open(r.id))}
                data-testid={`request-row-${r.id}`}
                data-request-id={r.id}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={600} ff="monospace">
                    {r.id}
                  </Text>
                </Table.Td>
                {firmColumns.map((c) => (
                  <Table.Td key={c} style={{ maxWidth: 320 }}>
                    <Text size="sm" lineClamp={3}>
                      {r.cells[c] ?? ''}
                    </Text>
                  </Table.Td>
                ))}
                <Table.Td miw={110}>
                  <RequestStatusBadge request={r} />
                </Table.Td>
                <Table.Td>{r.ownerId ? (members.get(r.ownerId)?.name ?? 'Former team member') : '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DueLabel request={r} today={today} />
                </Table.Td>
                <Table.Td style={{ maxWidth: 260 }}>
                  <Text size="sm" lineClamp={2}>
                    {r.response}
                  </Text>
                </Table.Td>
                <Table.Td style={{ maxWidth: 220 }}>
                  <Text size="sm" lineClamp={2}>
                    {r.auditorComment}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="request-links">
                  {r.controlIds.length} control{r.controlIds.length === 1 ? '' : 's'}, {r.evidenceIds.length} evidence
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Text size="xs" c="dimmed">
        {rows.length} of {view.requests.length} request{view.requests.length === 1 ? '' : 's'} shown
      </Text>
    </Stack>
  );
}
