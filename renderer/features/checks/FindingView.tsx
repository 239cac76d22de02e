import { Alert, Anchor, Code, List, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { arnAccount, spansAccounts } from '../../../shared/domain/arn-account';
import type { FindingEntity, FindingError } from '../../../shared/domain/findings';
import { ResultBadge } from './labels';

const SHOWN = 10;

/**
 * The entities behind a finding: ARN, region (for regional checks), account (when they span
 * accounts), result and why; the first few then "show all".
 */
export function EntitiesTable({ entities }: { entities: FindingEntity[] }) {
  const [all, setAll] = useState(false);
  if (entities.length === 0) return null;
  const shown = all ? entities : entities.slice(0, SHOWN);
  const regional = entities.some((e) => e.region);
  const accounts = spansAccounts(entities.map((e) => e.arn));
  return (
    <>
      <Table fz="xs" withTableBorder data-testid="finding-entities">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Entity</Table.Th>
            {regional && <Table.Th w={120}>Region</Table.Th>}
            {accounts && <Table.Th w={120}>Account</Table.Th>}
            <Table.Th w={150}>Result</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((e, i) => (
            <Table.Tr key={`${i} ${e.arn}`} data-testid="finding-entity">
              <Table.Td style={{ wordBreak: 'break-all' }}>
                <Text size="xs" fw={600}>
                  {e.name}
                </Text>
                <Code fz={10}>{e.arn}</Code>
              </Table.Td>
              {regional && <Table.Td data-testid="entity-region">{e.region ?? 'global'}</Table.Td>}
              {accounts && <Table.Td data-testid="entity-account">{arnAccount(e.arn) ?? '—'}</Table.Td>}
              <Table.Td>
                <ResultBadge result={e.result} testId="entity-result" />
              </Table.Td>
              <Table.Td>{e.detail}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {entities.length > SHOWN && (
        <Anchor component="button" type="button" size="xs" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${entities.length}`}
        </Anchor>
      )}
    </>
  );
}

/** Why a check could not be evaluated, with the permission to add when AWS denied one. */
export function FindingErrorNotice({ error }: { error: FindingError }) {
  return (
    <Alert
      color="orange"
      title={error.missingAction ? `Missing permission: ${error.missingAction}` : 'Could not run this check'}
      data-testid="finding-error"
      data-error-code={error.code}
    >
      <Text size="sm">{error.message}</Text>
      {error.hint && (
        <Text size="sm" c="dimmed" mt={4}>
          {error.hint}
        </Text>
      )}
    </Alert>
  );
}

export function FindingBody({
  summary,
  entities,
  notes,
  error,
}: {
  summary: string;
  entities: FindingEntity[];
  notes: string[];
  error: FindingError | null;
}) {
  return (
    <Stack gap={6}>
      <Text size="sm" data-testid="finding-summary">
        {summary}
      </Text>
      {error ? <FindingErrorNotice error={error} /> : <EntitiesTable entities={entities} />}
      {notes.length > 0 && (
        <List size="xs" c="dimmed">
          {notes.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
