import { Accordion, Alert, Group, Stack, Text } from '@mantine/core';
import { checkById } from '../../../shared/catalog';
import type { CheckRun } from '../../../shared/domain/findings';
import { FindingBody } from './FindingView';
import { ResultBadge, utc } from './labels';

/** The result panel after a run: where it ran, who ran it, and every check's finding. */
export function RunResults({ run }: { run: CheckRun }) {
  const account = run.account.alias ? `${run.account.id} (${run.account.alias})` : run.account.id;
  const aliases = new Map(run.accounts.map((a) => [a.id, a.alias]));
  const accountLabel = (id: string) => (aliases.get(id) ? `${id} (${aliases.get(id)})` : id);
  return (
    <Stack gap="sm" data-testid="run-results" data-status={run.status}>
      {run.stopped && (
        <Alert color="red" title="The run stopped early" data-testid="run-stopped" data-error-code={run.stopped.code}>
          <Text size="sm">{run.stopped.message}</Text>
          {run.stopped.hint && (
            <Text size="sm" c="dimmed" mt={4}>
              {run.stopped.hint}
            </Text>
          )}
          <Text size="sm" mt={4}>
            The checks that finished before it stopped are kept as evidence.
          </Text>
        </Alert>
      )}
      {run.status === 'cancelled' && (
        <Alert color="gray" title="Cancelled">
          The checks that finished before you cancelled are kept as evidence.
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        AWS account {account} · {run.principalArn} · {run.region} · {utc(run.finishedAt)} · by {run.collectedBy.name}
      </Text>
      <Accordion multiple variant="separated">
        {run.checks.map((c) => (
          <Accordion.Item
            key={`${c.accountId}/${c.checkId}`}
            value={`${c.accountId}/${c.checkId}`}
            data-testid="run-check"
            data-check-id={c.checkId}
            data-account-id={c.accountId}
          >
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {checkById(c.checkId)?.title ?? c.checkId}
                  </Text>
                  <Text size="xs" c="dimmed" data-testid="run-check-account">
                    AWS account {accountLabel(c.accountId)}
                  </Text>
                </Stack>
                <ResultBadge result={c.result} />
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <FindingBody summary={c.summary} entities={c.entities} notes={c.notes} error={c.error} />
              <Text size="xs" c="dimmed" mt={6}>
                {c.evidence.length > 0
                  ? `${c.evidence.length} evidence files stored`
                  : 'No evidence stored for this check'}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
