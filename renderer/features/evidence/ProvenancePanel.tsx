import { Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { EvidenceItem, EvidenceProvenance } from '../../../shared/ipc/channels/evidence';
import { RECORD_STATUS_LABELS } from '../../../shared/domain/record-status';
import { EvidenceStandingBadges, formatBytes, KIND_LABELS, utc } from './labels';
import { ScreenLink } from '../../components/ScreenLink';

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <Table.Tr>
    <Table.Th w={130} fz="xs" c="dimmed" style={{ verticalAlign: 'top' }}>
      {label}
    </Table.Th>
    <Table.Td fz="sm" style={{ wordBreak: 'break-all' }}>
      {children}
    </Table.Td>
  </Table.Tr>
);

function where(p: EvidenceProvenance['item']) {
  const s = p.source;
  if (s.type === 'console_capture' || s.type === 'web_capture') return s.url;
  if (s.type === 'import')
    return `Imported file "${s.originalName}"${p.meta?.importedVia ? ` (${String(p.meta.importedVia)})` : ''}`;
  if (s.type === 'aws_api')
    return s.calls.map((c) => `${c.service}:${c.operation}${c.requestId ? ` (${c.requestId})` : ''}`).join(', ');
  return `Derived from ${s.from.join(', ')} by ${s.rule}`;
}

const FILE_CHECK: Record<EvidenceItem['integrity'], string> = {
  ok: 'The file matches this hash',
  tampered: 'The file was changed: it does NOT match this hash',
  missing: 'The file is missing',
  unreadable: 'The file could not be read, so it was not checked',
  damaged: 'The record could not be read; the file was checked against the sealed record',
};

/** Who, when, where, the hash, and whether the file on disk still matches it. */
export function ProvenancePanel({ provenance }: { provenance: EvidenceProvenance }) {
  const e = provenance.item;
  const windowSize = 'windowSize' in e.source ? e.source.windowSize : undefined;
  return (
    <Card withBorder data-testid="provenance">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Provenance</Title>
        <Group gap={4}>
          <EvidenceStandingBadges item={e} />
        </Group>
      </Group>
      <Table>
        <Table.Tbody>
          <Row label="Kind">
            {KIND_LABELS[e.kind]} · {e.mediaType} · {formatBytes(e.size)}
          </Row>
          <Row label="Who">
            {e.capturedBy.name} &lt;{e.capturedBy.email}&gt;
          </Row>
          <Row label="When">
            {utc(e.capturedAt)} (effective {e.effectiveDate})
          </Row>
          <Row label="Where">
            <span data-testid="provenance-where">{where(e)}</span>
          </Row>
          {e.aws && (
            <Row label="AWS">
              {e.aws.accountId}
              {e.aws.accountAlias ? ` (${e.aws.accountAlias})` : ''} · {e.aws.region}
              <br />
              {e.aws.principalArn}
            </Row>
          )}
          {windowSize && (
            <Row label="Window">
              {windowSize.width} × {windowSize.height}
            </Row>
          )}
          <Row label="Controls">
            <Group gap="xs">
              {e.controlIds.map((id) => (
                <ScreenLink to={{ screen: 'controls', params: { controlId: id } }} key={id}>
                  {id}
                </ScreenLink>
              ))}
            </Group>
          </Row>
          <Row label="SHA-256">
            <Code data-testid="provenance-sha">{e.sha256}</Code>
          </Row>
          <Row label="File check">
            {FILE_CHECK[e.recordProblem?.fileIntegrity ?? e.integrity]}
            {e.readError ? ` (${e.readError})` : ''} (checked {utc(provenance.checkedAt)})
          </Row>
          {e.recordProblem?.field && (
            <Row label="Changed field">
              <Code data-testid="provenance-record-field">{e.recordProblem.field}</Code>
            </Row>
          )}
          <Row label="Record check">
            <span data-testid="provenance-record">
              {e.recordProblem
                ? `${e.recordProblem.state === 'tampered' ? 'Tampered' : e.recordProblem.state === 'damaged' ? 'Damaged' : 'Missing'}: ${e.recordProblem.message}`
                : 'The record matches its seal in the activity log'}
            </span>
            {e.recordStatus && (
              <Text size="sm" data-testid={`provenance-${e.recordStatus.status}`}>
                {RECORD_STATUS_LABELS[e.recordStatus.status]} by {e.recordStatus.by.name} on {utc(e.recordStatus.at)}:{' '}
                {e.recordStatus.reason}. It stays here and is left out of every bundle.
              </Text>
            )}
          </Row>
          <Row label="Bundle name">{e.fileName}</Row>
          <Row label="App version">{e.appVersion}</Row>
        </Table.Tbody>
      </Table>
      {provenance.activity.length > 0 && (
        <Stack gap={4} mt="sm">
          <Text size="xs" fw={600}>
            History
          </Text>
          {provenance.activity.map((a, i) => (
            <Text size="xs" key={i}>
              {utc(a.at)} · {a.actor.name}: {a.summary}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}
