import { Button, Card, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { EXCEPTION_IMPACT_LABELS, type ReportException } from '../../../shared/domain/aws-report-review';
import { newRowId } from './review-draft';
import { labelled, type SectionProps } from './section-props';
import { NumberedRowHeader } from './NumberedRowHeader';

/** Deviations AWS's auditor found (section IV), AWS's response, and what each means for the company. */
export function ExceptionsSection({ draft, setDraft, disabled }: SectionProps) {
  const setRow = (id: string, patch: Partial<ReportException>) =>
    setDraft((d) => ({ ...d, exceptions: d.exceptions.map((x) => (x.id === id ? { ...x, ...patch } : x)) }));
  const add = () =>
    setDraft((d) => ({
      ...d,
      exceptions: [...d.exceptions, { id: newRowId('exception'), description: '', awsResponse: '', assessment: '' }],
    }));
  return (
    <Card withBorder data-field="exceptions" data-testid="review-exceptions">
      <Title order={5}>3. Exceptions found by AWS's auditor</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Section IV of the report lists each control test with its result. Record every deviation it notes, AWS
        management's response, and whether it affects your system.
      </Text>
      <Stack gap="sm">
        {draft.exceptions.length === 0 && (
          <Text size="sm" data-testid="exceptions-none">
            No exceptions recorded. If the report notes none, leave this empty.
          </Text>
        )}
        {draft.exceptions.map((x, i) => (
          <Paper key={x.id} withBorder p="sm" data-field={`exceptions.${i}`} data-testid="exception-row">
            <NumberedRowHeader
              label={`Exception ${i + 1}`}
              disabled={disabled}
              onRemove={() => setDraft((d) => ({ ...d, exceptions: d.exceptions.filter((e) => e.id !== x.id) }))}
              removeTestId="exception-remove"
            />
            <SimpleGrid cols={2}>
              <Textarea
                size="xs"
                autosize
                minRows={2}
                label="What the auditor found"
                aria-label={`Exception ${i + 1}: what the auditor found`}
                value={x.description}
                onChange={(e) => setRow(x.id, { description: e.currentTarget.value })}
                disabled={disabled}
                data-testid="exception-description"
              />
              <Textarea
                size="xs"
                autosize
                minRows={2}
                label="AWS's response"
                aria-label={`Exception ${i + 1}: AWS's response`}
                value={x.awsResponse}
                onChange={(e) => setRow(x.id, { awsResponse: e.currentTarget.value })}
                disabled={disabled}
                data-testid="exception-response"
              />
            </SimpleGrid>
            <SimpleGrid cols={2} mt="xs">
              <Select
                size="xs"
                label="Impact on your system"
                aria-label={`Exception ${i + 1}: impact on your system`}
                placeholder="Choose"
                data={labelled(EXCEPTION_IMPACT_LABELS)}
                value={x.impact ?? null}
                onChange={(v) => setRow(x.id, { impact: (v ?? undefined) as ReportException['impact'] })}
                disabled={disabled}
                data-testid="exception-impact"
              />
              <Textarea
                size="xs"
                autosize
                minRows={1}
                label="Your assessment"
                aria-label={`Exception ${i + 1}: your assessment`}
                placeholder="Which of your controls cover it, or what you will do"
                value={x.assessment}
                onChange={(e) => setRow(x.id, { assessment: e.currentTarget.value })}
                disabled={disabled}
                data-testid="exception-assessment"
              />
            </SimpleGrid>
          </Paper>
        ))}
        <Group>
          <Button size="xs" variant="light" onClick={add} disabled={disabled} data-testid="exception-add">
            Add an exception
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
