import { Badge, Group, List, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ExpectedEvidence } from '../../../shared/catalog/types';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RequestStanding } from '../evidence-requests/RequestStanding';
import { useEvidenceRequests } from '../evidence-requests/use-evidence-requests';

const KIND_LABELS: Record<ExpectedEvidence['type'], string> = {
  check: 'Automated check',
  screenshot: 'Guided screenshot',
  document: 'Document',
  aws_report: "AWS's SOC 2 report",
};

/** What proves the control; each guided screenshot and document request with where it stands. */
export function ExpectedEvidenceList({ controlId, evidence }: { controlId: string; evidence: ExpectedEvidence[] }) {
  const { version } = useWorkspace();
  const { view, error } = useEvidenceRequests(controlId);
  const [items, setItems] = useState<EvidenceItem[]>([]);
  useEffect(() => {
    void api()
      .evidence.list({ controlId })
      .then((r) => r.ok && setItems(r.value));
  }, [controlId, version]);
  const standing = new Map((view?.requests ?? []).map((r) => [r.id, r]));
  return (
    <>
      {view && view.counts.total > 0 && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="catalog-request-counts">
          {view.counts.provided} provided · {view.counts.notApplicable} not applicable · {view.counts.missing} missing,
          of {view.counts.total} screenshot and document requests
        </Text>
      )}
      <ErrorNotice error={error} />
      <List spacing="xs" listStyleType="none" data-testid="expected-evidence">
        {evidence.map((e, i) => {
          const request = e.type === 'screenshot' || e.type === 'document' ? standing.get(e.id) : undefined;
          return (
            <List.Item key={i}>
              <Group gap="xs" wrap="nowrap" align="start">
                <Badge variant="dot" size="sm" style={{ flexShrink: 0 }}>
                  {KIND_LABELS[e.type]}
                </Badge>
                <div style={{ flex: 1 }}>
                  <Text size="sm" fw={500}>
                    {e.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.type === 'check' ? e.checkId : e.type === 'screenshot' ? `${e.what} — ${e.why}` : e.description}
                  </Text>
                  {request && <RequestStanding view={request} evidence={items} />}
                </div>
              </Group>
            </List.Item>
          );
        })}
      </List>
    </>
  );
}
