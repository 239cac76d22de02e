import { rowNavigation } from '../../components/row-navigation';
import { Card, Grid, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CONTROLS } from '../../../shared/catalog';
import { EVIDENCE_KINDS, type EvidenceKind, type ListedIntegrity } from '../../../shared/domain/evidence';
import type { EvidenceItem, EvidenceProvenance } from '../../../shared/ipc/channels/evidence';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useRoute } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { OpenCaptureWindows } from '../capture/CaptureWindows';
import { EvidenceViewer } from './EvidenceViewer';
import { EvidenceStandingBadges, KIND_LABELS, utc } from './labels';
import { ProvenancePanel } from './ProvenancePanel';
import { canRetire, canWithdraw, SetRecordStatus } from './SetRecordStatus';

function EvidenceDetail({ id }: { id: string }) {
  const { version } = useWorkspace();
  const [provenance, setProvenance] = useState<EvidenceProvenance | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    void api()
      .evidence.provenance({ id })
      .then((r) => (r.ok ? (setProvenance(r.value), setError(null)) : setError(r.error)));
  }, [id, version]);
  if (error) return <ErrorNotice error={error} />;
  if (!provenance) return null;
  return (
    <Stack data-testid="evidence-detail">
      <Title order={4}>{provenance.item.title}</Title>
      {canWithdraw(provenance.item) && <SetRecordStatus item={provenance.item} status="withdrawn" />}
      <EvidenceViewer key={`${id}-${provenance.item.integrity}`} id={id} />
      <ProvenancePanel provenance={provenance} />
      {canRetire(provenance.item) && <SetRecordStatus item={provenance.item} status="retired" />}
    </Stack>
  );
}

/** The evidence library: every file in the workspace with its integrity, a viewer and its provenance. */
export function EvidenceScreen() {
  const { version } = useWorkspace();
  const { route, navigate } = useRoute();
  const selected = route.params?.id ?? null;
  const [controlId, setControlId] = useState<string | null>(route.params?.controlId ?? null);
  const [kind, setKind] = useState<EvidenceKind | null>(null);
  const [integrity, setIntegrity] = useState<ListedIntegrity | null>(null);
  const [items, setItems] = useState<EvidenceItem[]>([]);
  const [search, setSearch] = useState('');
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    void api()
      .evidence.list({
        ...(controlId ? { controlId } : {}),
        ...(kind ? { kind } : {}),
        ...(integrity ? { integrity } : {}),
      })
      .then((r) => (r.ok ? (setItems(r.value), setError(null)) : setError(r.error)));
  }, [controlId, kind, integrity, version]);

  const problems = items.filter((i) => i.integrity !== 'ok').length;
  const words = search.trim().toLowerCase();
  const shown = words
    ? items.filter((i) =>
        `${i.title} ${i.fileName} ${i.source.type === 'import' ? i.source.originalName : ''}`
          .toLowerCase()
          .includes(words),
      )
    : items;
  return (
    <Grid data-testid="evidence-screen">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack>
          <Group justify="space-between">
            <Title order={3}>Evidence</Title>
            {problems > 0 && (
              <Text c="red" size="sm" data-testid="evidence-problems">
                {problems} file(s) changed or missing
              </Text>
            )}
          </Group>
          <Group grow>
            <Select
              label="Control"
              placeholder="All controls"
              clearable
              searchable
              value={controlId}
              onChange={setControlId}
              data={CONTROLS.map((c) => ({ value: c.id, label: c.title }))}
              data-testid="evidence-filter-control"
            />
            <Select
              label="Kind"
              placeholder="All kinds"
              clearable
              value={kind}
              onChange={(v) => setKind(v as EvidenceKind | null)}
              data={EVIDENCE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              data-testid="evidence-filter-kind"
            />
            <Select
              label="File check"
              placeholder="Any"
              clearable
              value={integrity}
              onChange={(v) => setIntegrity(v as ListedIntegrity | null)}
              data={[
                { value: 'ok', label: 'Matches' },
                { value: 'tampered', label: 'Tampered' },
                { value: 'missing', label: 'Missing' },
                { value: 'unreadable', label: 'Not checked' },
                { value: 'damaged', label: 'Damaged' },
              ]}
              data-testid="evidence-filter-integrity"
            />
          </Group>
          <TextInput
            placeholder="Search titles and file names"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            data-testid="evidence-search"
          />
          <OpenCaptureWindows />
          <ErrorNotice error={error} />
          <Card withBorder p={0}>
            {shown.length === 0 && (
              <Text size="sm" c="dimmed" p="md">
                No evidence matches.
              </Text>
            )}
            <Table highlightOnHover fz="sm">
              <Table.Tbody>
                {shown.map((e) => (
                  <Table.Tr
                    key={e.id}
                    onClick={() => navigate({ screen: 'evidence', params: { id: e.id } })}
                    {...rowNavigation(() => navigate({ screen: 'evidence', params: { id: e.id } }))}
                    style={{ cursor: 'pointer' }}
                    bg={e.id === selected ? 'var(--mantine-primary-color-light)' : undefined}
                    data-testid="evidence-row"
                    data-evidence-id={e.id}
                  >
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {e.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {KIND_LABELS[e.kind]} · {utc(e.capturedAt)} · {e.capturedBy.name} · {e.controlIds.join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td w={170}>
                      <EvidenceStandingBadges item={e} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        {selected ? (
          <EvidenceDetail id={selected} />
        ) : (
          <Text c="dimmed" mt="xl">
            Choose evidence on the left to see it and where it came from.
          </Text>
        )}
      </Grid.Col>
    </Grid>
  );
}
