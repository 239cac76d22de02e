import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { GROUP_LABELS } from '../../../shared/catalog';
import { criteriaCoverage, type CoverageStatus } from '../../../shared/rules/coverage';
import { useWorkspace } from '../../app/workspace-context';
import { ScreenLink } from '../../components/ScreenLink';

const STATUS: Record<CoverageStatus, { label: string; color: string }> = {
  covered: { label: 'Covered', color: 'green' },
  not_applicable: { label: 'Not applicable', color: 'gray' },
  uncovered: { label: 'Not covered', color: 'red' },
};

/** Every criterion in scope, and what covers it: nothing is silently dropped. */
export function CriteriaScreen() {
  const { snapshot } = useWorkspace();
  const coverage = criteriaCoverage(snapshot.meta.categories);
  const counts = coverage.reduce<Record<CoverageStatus, number>>(
    (acc, c) => ({ ...acc, [c.status]: acc[c.status] + 1 }),
    { covered: 0, not_applicable: 0, uncovered: 0 },
  );

  return (
    <Stack>
      <Title order={3}>Criteria coverage</Title>
      <Group>
        <Text size="sm">{coverage.length} criteria in scope:</Text>
        {(Object.keys(STATUS) as CoverageStatus[]).map((s) => (
          <Badge key={s} color={STATUS[s].color} variant="light" data-testid={`coverage-count-${s}`}>
            {counts[s]} {STATUS[s].label.toLowerCase()}
          </Badge>
        ))}
      </Group>
      <Table striped data-testid="criteria-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={80}>Criterion</Table.Th>
            <Table.Th>What it asks</Table.Th>
            <Table.Th w={130}>Coverage</Table.Th>
            <Table.Th>Controls / reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {coverage.map((c) => (
            <Table.Tr key={c.criterion.id} data-testid={`criterion-${c.criterion.id}`}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {c.criterion.id}
                </Text>
                <Text size="xs" c="dimmed">
                  {GROUP_LABELS[c.criterion.group]}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.criterion.summary}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS[c.status].color} variant="light">
                  {STATUS[c.status].label}
                </Badge>
              </Table.Td>
              <Table.Td>
                {c.status === 'covered' ? (
                  <Group gap={6}>
                    {c.controls.map((id) => (
                      <ScreenLink to={{ screen: 'controls', params: { controlId: id } }} key={id} size="xs">
                        {id}
                      </ScreenLink>
                    ))}
                  </Group>
                ) : (
                  <Text size="xs">{c.reason ?? 'No control covers this criterion yet.'}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
