import { Badge, Group, List, Text } from '@mantine/core';
import type { ExpectedEvidence } from '../../../shared/catalog/types';

const KIND_LABELS: Record<ExpectedEvidence['type'], string> = {
  check: 'Automated check',
  screenshot: 'Guided screenshot',
  document: 'Document',
  aws_report: "AWS's SOC 2 report",
};

export function ExpectedEvidenceList({ evidence }: { evidence: ExpectedEvidence[] }) {
  return (
    <List spacing="xs" listStyleType="none" data-testid="expected-evidence">
      {evidence.map((e, i) => (
        <List.Item key={i}>
          <Group gap="xs" wrap="nowrap" align="start">
            <Badge variant="dot" size="sm" style={{ flexShrink: 0 }}>
              {KIND_LABELS[e.type]}
            </Badge>
            <div>
              <Text size="sm" fw={500}>
                {e.title}
              </Text>
              <Text size="xs" c="dimmed">
                {e.type === 'check' ? e.checkId : e.type === 'screenshot' ? `${e.what} — ${e.why}` : e.description}
              </Text>
            </div>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
