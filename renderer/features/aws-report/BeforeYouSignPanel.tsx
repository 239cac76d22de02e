import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ReviewProblem } from '../../../shared/rules/aws-report-review';
import { focusField } from './review-draft';

function ProblemList({ problems, color, testId }: { problems: ReviewProblem[]; color: string; testId: string }) {
  return (
    <List size="sm" spacing={4} data-testid={testId}>
      {problems.map((p, i) => (
        <List.Item key={`${p.field}-${i}`} data-testid="problem" data-field-ref={p.field}>
          <Anchor
            component="button"
            type="button"
            size="sm"
            c={color}
            ta="left"
            onClick={() => focusField(p.field)}
            title="Go to this field"
            data-testid="problem-link"
          >
            {p.message}
          </Anchor>
        </List.Item>
      ))}
    </List>
  );
}

/** What stands before signing (blocking), and what the auditor will ask about (warnings). */
export function BeforeYouSignPanel({ problems, signed }: { problems: ReviewProblem[]; signed: boolean }) {
  const blocking = problems.filter((p) => p.severity === 'blocking');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <Card withBorder data-testid="before-you-sign">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{signed ? 'Noted at signing' : 'Before you sign'}</Title>
        <Group gap={4}>
          <Badge color={blocking.length ? 'red' : 'green'} variant="light" data-testid="blocking-count">
            {blocking.length} missing
          </Badge>
          <Badge color={warnings.length ? 'yellow' : 'gray'} variant="light" data-testid="warning-count">
            {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </Badge>
        </Group>
      </Group>
      <Stack gap="sm">
        {blocking.length === 0 ? (
          <Text size="sm" c="green" data-testid="blocking-none">
            Nothing is missing.
          </Text>
        ) : (
          <ProblemList problems={blocking} color="red" testId="blocking-list" />
        )}
        {warnings.length > 0 && (
          <div>
            <Text size="xs" fw={600} c="dimmed" mb={4}>
              The auditor will ask about these; you may sign over them knowingly.
            </Text>
            <ProblemList problems={warnings} color="yellow" testId="warning-list" />
          </div>
        )}
      </Stack>
    </Card>
  );
}
