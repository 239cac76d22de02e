import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import { FRESHNESS_FLAGS, FRESHNESS_LABELS } from '../../../shared/rules/freshness';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useEvidenceRequests } from './use-evidence-requests';
import { ScreenLink } from '../../components/ScreenLink';

const SHOWN = 5;

/**
 * On the dashboard: the catalog's screenshot and document requests still missing (by control),
 * and the evidence dated outside the audit's window, each a link to where it is fixed.
 */
export function EvidenceAttentionCard() {
  const { version } = useWorkspace();
  const { view, error } = useEvidenceRequests();
  const [flagged, setFlagged] = useState<EvidenceItem[]>([]);
  useEffect(() => {
    void api()
      .evidence.list(undefined)
      .then((r) => r.ok && setFlagged(r.value.filter((i) => !i.recordStatus && i.dateFlags?.length)));
  }, [version]);
  if (!view) return <ErrorNotice error={error} />;
  return (
    <Card withBorder data-testid="evidence-attention">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap={6}>
          <Title order={5}>Evidence requests</Title>
          <Text size="sm" data-testid="catalog-requests-missing">
            <b>{view.counts.missing}</b> of {view.counts.total} screenshot and document requests missing ·{' '}
            {view.counts.provided} provided · {view.counts.notApplicable} not applicable
          </Text>
          {view.missingByControl.slice(0, SHOWN).map((c) => (
            <Group key={c.controlId} justify="space-between" wrap="nowrap">
              <ScreenLink to={{ screen: 'controls', params: { controlId: c.controlId } }}>{c.title}</ScreenLink>
              <Text size="xs" c="dimmed">
                {c.missing} missing
              </Text>
            </Group>
          ))}
          {view.missingByControl.length > SHOWN && (
            <Text size="xs" c="dimmed">
              and {view.missingByControl.length - SHOWN} more controls
            </Text>
          )}
        </Stack>
        <Stack gap={6}>
          <Title order={5}>Dated outside the audit&apos;s window</Title>
          <Text size="sm" data-testid="evidence-dated">
            {FRESHNESS_FLAGS.map(
              (f) => `${flagged.filter((i) => i.dateFlags!.includes(f)).length} ${FRESHNESS_LABELS[f].toLowerCase()}`,
            ).join(' · ')}
          </Text>
          {flagged.slice(0, SHOWN).map((i) => (
            <Group key={i.id} justify="space-between" wrap="nowrap">
              <ScreenLink to={{ screen: 'evidence', params: { id: i.id } }}>{i.title}</ScreenLink>
              <Text size="xs" c="dimmed">
                {i.dateFlags!.map((f) => FRESHNESS_LABELS[f]).join(', ')}
              </Text>
            </Group>
          ))}
        </Stack>
      </SimpleGrid>
    </Card>
  );
}
