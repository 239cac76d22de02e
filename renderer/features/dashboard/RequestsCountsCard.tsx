import { Anchor, Card, Group, SimpleGrid, Text, Title, UnstyledButton } from '@mantine/core';
import { useMemo } from 'react';
import { DUE_SOON_DAYS, requestCounts } from '../../../shared/rules/requests/due';
import { useRoute } from '../../app/route';
import { todayLocal } from '../requests/labels';
import { useRequests } from '../requests/use-requests';

/** The auditor's request list at a glance; each count opens the Requests screen filtered to it. */
export function RequestsCountsCard() {
  const { navigate } = useRoute();
  const { view } = useRequests();
  const today = todayLocal();
  const counts = useMemo(() => requestCounts(view?.requests ?? [], today), [view, today]);
  if (!view) return null;
  const open = (params: Record<string, string> = {}) => navigate({ screen: 'requests', params });
  if (view.requests.length === 0) {
    return (
      <Card withBorder data-testid="dashboard-requests">
        <Group justify="space-between">
          <Title order={5}>Auditor's requests</Title>
          <Anchor component="button" type="button" size="sm" onClick={() => open({ import: '1' })}>
            Import the request list
          </Anchor>
        </Group>
        <Text size="sm" c="dimmed">
          No request list imported yet.
        </Text>
      </Card>
    );
  }
  const tiles: { key: string; label: string; hint: string; value: number; params: Record<string, string> }[] = [
    { key: 'open', label: 'Open', hint: 'to answer', value: counts.open, params: { status: 'outstanding' } },
    {
      key: 'due-soon',
      label: 'Due soon',
      hint: `within ${DUE_SOON_DAYS} days`,
      value: counts.dueSoon,
      params: { due: 'due_soon' },
    },
    { key: 'overdue', label: 'Overdue', hint: 'past due', value: counts.overdue, params: { due: 'overdue' } },
    {
      key: 'returned',
      label: 'Returned',
      hint: 'by the auditor',
      value: counts.returned,
      params: { status: 'returned' },
    },
  ];
  return (
    <Card withBorder data-testid="dashboard-requests">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Auditor's requests</Title>
        <Anchor component="button" type="button" size="sm" onClick={() => open()}>
          All {counts.total} requests
        </Anchor>
      </Group>
      <SimpleGrid cols={4}>
        {tiles.map((t) => (
          <UnstyledButton
            key={t.key}
            onClick={() => open(t.params)}
            aria-label={`${t.value} ${t.label.toLowerCase()} (${t.hint}): show them`}
            data-testid={`requests-count-${t.key}`}
          >
            <Text size="xl" fw={700} c={t.key === 'overdue' && t.value > 0 ? 'red' : undefined}>
              {t.value}
            </Text>
            <Text size="sm" fw={600}>
              {t.label}
            </Text>
            <Text size="xs" c="dimmed">
              {t.hint}
            </Text>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs">
        As of today, {today}.
      </Text>
    </Card>
  );
}
