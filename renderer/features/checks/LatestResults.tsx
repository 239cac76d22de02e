import { Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CHECKS, controlsForCheck } from '../../../shared/catalog';
import type { LatestFinding } from '../../../shared/domain/findings';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useWorkspace } from '../../app/workspace-context';
import { ResultBadge, utc } from './labels';
import { ScreenLink } from '../../components/ScreenLink';

/** Each check's latest stored result per account in scope, when and by whom, and the controls it proves. */
export function LatestResults() {
  const [latest, setLatest] = useState<Record<string, LatestFinding[]>>({});
  const [error, setError] = useState<AppErrorData | null>(null);
  // Reloaded on every change main reports: a run started elsewhere (the sample company's first) ends later.
  const { version } = useWorkspace();
  useEffect(() => {
    // Reads overlap while a run reports changes; only the newest may fill the table.
    let newest = true;
    void api()
      .checks.latest()
      .then((r) => {
        if (!newest) return;
        // A failed read must not look like checks that never ran.
        if (!r.ok) return setError(r.error);
        const byCheck: Record<string, LatestFinding[]> = {};
        for (const l of r.value) (byCheck[l.checkId] ??= []).push(l);
        setLatest(byCheck);
        setError(null);
      });
    return () => {
      newest = false;
    };
  }, [version]);

  if (error) return <ErrorNotice error={error} title="The latest results could not be read" />;
  return (
    <Table fz="sm" data-testid="latest-results">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Check</Table.Th>
          <Table.Th w={140}>Latest result</Table.Th>
          <Table.Th>Collected</Table.Th>
          <Table.Th>Proves</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {CHECKS.map((c) => {
          const perAccount = latest[c.id] ?? [];
          return (
            <Table.Tr key={c.id} data-testid="latest-row" data-check-id={c.id}>
              <Table.Td>
                <Text size="sm">{c.title}</Text>
                <Text size="xs" c="dimmed">
                  {c.id}
                </Text>
              </Table.Td>
              <Table.Td>
                {perAccount.length === 0 && (
                  <Text size="xs" c="dimmed">
                    Not run yet
                  </Text>
                )}
                {perAccount.map((l) =>
                  l.finding ? (
                    <ResultBadge key={l.account?.id ?? ''} result={l.finding.result} />
                  ) : (
                    <Text key={l.account?.id ?? ''} size="xs" c="dimmed">
                      Evidence {l.integrity}
                    </Text>
                  ),
                )}
              </Table.Td>
              <Table.Td>
                {perAccount.map((l) => (
                  <Text key={l.account?.id ?? ''} size="xs" c="dimmed" data-account-id={l.account?.id}>
                    {perAccount.length > 1 && l.account ? `${l.account.id}: ` : ''}
                    {utc(l.collectedAt)} by {l.collectedBy.name}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                {controlsForCheck(c.id).map((control) => (
                  <ScreenLink
                    to={{ screen: 'controls', params: { controlId: control.id } }}
                    key={control.id}
                    size="xs"
                    display="block"
                  >
                    {control.title}
                  </ScreenLink>
                ))}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
