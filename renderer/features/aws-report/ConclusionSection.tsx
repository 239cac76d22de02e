import { Alert, Card, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { GAP_COVERAGE_LABELS, RELIANCE_LABELS, type ReviewConclusion } from '../../../shared/domain/aws-report-review';
import { reportGapDays } from '../../../shared/rules/aws-report-review';
import { labelled, type SectionProps } from './section-props';

function GapLine({ periodEnd, asOfDate }: { periodEnd: string | undefined; asOfDate: string }) {
  if (!periodEnd)
    return (
      <Text size="sm" c="dimmed">
        Enter the report's period end to see the gap to your "as of" date ({asOfDate}).
      </Text>
    );
  const gap = reportGapDays(periodEnd, asOfDate);
  if (gap <= 0) {
    return (
      <Text size="sm" data-testid="review-gap" data-gap-days={gap}>
        The report covers your "as of" date ({asOfDate}): no gap.
      </Text>
    );
  }
  return (
    <Alert color="yellow" p="xs" data-testid="review-gap" data-gap-days={gap}>
      <Text size="sm">
        The report ends on {periodEnd},{' '}
        <b>
          {gap} day{gap === 1 ? '' : 's'}
        </b>{' '}
        before your "as of" date ({asOfDate}). Say what covers that gap: AWS's bridge letter (from AWS Artifact) or the
        next report.
      </Text>
    </Alert>
  );
}

/** The gap to the workspace's "as of" date, how it is covered, the conclusion on reliance, and follow-ups. */
export function ConclusionSection({ draft, setDraft, disabled, asOfDate }: SectionProps & { asOfDate: string }) {
  const c = draft.conclusion;
  const set = (patch: Partial<ReviewConclusion>) =>
    setDraft((d) => ({ ...d, conclusion: { ...d.conclusion, ...patch } }));
  return (
    <Card withBorder data-testid="review-conclusion">
      <Title order={5} mb="xs">
        5. Conclusion
      </Title>
      <Stack gap="sm">
        <GapLine periodEnd={draft.report.periodEnd} asOfDate={asOfDate} />
        <SimpleGrid cols={2}>
          <Select
            label="The gap is covered by"
            placeholder="Choose"
            data={labelled(GAP_COVERAGE_LABELS)}
            value={c.gapCoverage ?? null}
            onChange={(v) => set({ gapCoverage: (v ?? undefined) as ReviewConclusion['gapCoverage'] })}
            clearable
            disabled={disabled}
            data-field="conclusion.gapCoverage"
            data-testid="conclusion-gap-coverage"
          />
          <Textarea
            label="About the gap"
            placeholder="e.g. bridge letter dated …, covering to …"
            autosize
            minRows={1}
            value={c.gapNote}
            onChange={(e) => set({ gapNote: e.currentTarget.value })}
            disabled={disabled}
            data-testid="conclusion-gap-note"
          />
        </SimpleGrid>
        <Select
          label="Reliance"
          placeholder="Choose"
          data={labelled(RELIANCE_LABELS)}
          value={c.reliance ?? null}
          onChange={(v) => set({ reliance: (v ?? undefined) as ReviewConclusion['reliance'] })}
          disabled={disabled}
          data-field="conclusion.reliance"
          data-testid="conclusion-reliance"
          w={360}
        />
        <Textarea
          label="Follow-ups"
          placeholder="What you will do, who, by when"
          autosize
          minRows={2}
          value={c.followUps}
          onChange={(e) => set({ followUps: e.currentTarget.value })}
          disabled={disabled}
          data-field="conclusion.followUps"
          data-testid="conclusion-follow-ups"
        />
      </Stack>
    </Card>
  );
}
