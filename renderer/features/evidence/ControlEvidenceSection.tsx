import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ImportPanel } from './ImportPanel';
import { EvidenceStandingBadges, KIND_LABELS, utc } from './labels';
import { ScreenLink } from '../../components/ScreenLink';

/** Evidence linked to one control: captures, imports and API evidence, newest first. */
export function ControlEvidenceSection({ controlId }: { controlId: string }) {
  const { version } = useWorkspace();
  const [items, setItems] = useState<EvidenceItem[]>([]);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    void api()
      .evidence.list({ controlId })
      .then((r) => (r.ok ? (setItems(r.value), setError(null)) : setError(r.error)));
  }, [controlId, version]);

  return (
    <Card withBorder data-testid="control-evidence">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Evidence ({items.length})</Title>
        {!importing && (
          <Button size="xs" variant="light" onClick={() => setImporting(true)} data-testid="add-evidence">
            Add evidence files
          </Button>
        )}
      </Group>
      {importing && <ImportPanel controlId={controlId} onDone={() => setImporting(false)} />}
      <ErrorNotice error={error} />
      {items.length === 0 && !importing && (
        <Text size="sm" c="dimmed">
          Nothing yet: capture a guided screenshot above, or add files made elsewhere.
        </Text>
      )}
      {items.length > 0 && (
        <Table verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id} data-testid="control-evidence-row" data-evidence-id={e.id}>
                <Table.Td>
                  <Stack gap={0}>
                    <ScreenLink to={{ screen: 'evidence', params: { id: e.id } }}>{e.title}</ScreenLink>
                    <Text size="xs" c="dimmed">
                      {utc(e.capturedAt)} · {e.capturedBy.name}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Badge variant="outline" size="sm">
                    {e.source.type === 'import' ? 'Imported' : KIND_LABELS[e.kind]}
                  </Badge>
                </Table.Td>
                <Table.Td w={170}>
                  <EvidenceStandingBadges item={e} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
