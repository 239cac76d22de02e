import { Alert, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { CONTROL_STATUSES, STATUS_LABELS } from '../../../shared/domain/control-state';
import { CHECK_RESULT_LABELS } from '../../../shared/domain/findings';
import type { PreflightReport } from '../../../shared/ipc/channels/export';
import { standingSummary } from '../../../shared/rules/reviews/review-standing';
import { formatBytes } from '../../../shared/util/format-bytes';

const LIST_LIMIT = 8;

function Section({
  title,
  items,
  testId,
  color,
  empty,
}: {
  title: string;
  items: React.ReactNode[];
  testId: string;
  color?: string;
  empty: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId} data-count={items.length}>
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Badge color={items.length ? (color ?? 'yellow') : 'green'} variant="light">
          {items.length}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="xs" c="dimmed">
          {empty}
        </Text>
      ) : (
        <List size="xs" spacing={2}>
          {items.slice(0, LIST_LIMIT).map((item, i) => (
            <List.Item key={i}>{item}</List.Item>
          ))}
          {items.length > LIST_LIMIT && <List.Item>… and {items.length - LIST_LIMIT} more</List.Item>}
        </List>
      )}
    </Card>
  );
}

/** What the bundle will hold and what deserves attention before it goes to the auditor. */
const PROBLEM_WORDS = { tampered: 'Tampered', damaged: 'Damaged', missing: 'Missing' } as const;

export function PreflightSummary({ report }: { report: PreflightReport }) {
  const kinds = Object.entries(report.evidence.byKind).map(([k, n]) => `${n} ${k.replace('_', ' ')}`);
  // Unsigned does not block the export (the bundle marks it NOT SIGNED); it is listed like the other warnings.
  const review = report.awsReportReview;
  return (
    <Stack gap="sm" data-testid="preflight">
      <Title order={5}>Pre-flight</Title>
      {report.integrityProblems.length > 0 && (
        <Alert
          color="red"
          title="Evidence changed or missing: the export will refuse it"
          data-testid="preflight-integrity"
        >
          <List size="sm">
            {report.integrityProblems.map((p) => (
              <List.Item key={p.id}>
                {p.title} ({p.id}) is{' '}
                {p.problem === 'unreadable'
                  ? `not readable, so not checked: ${p.readError ?? 'unknown error'}`
                  : p.readError
                    ? `${PROBLEM_WORDS[p.problem]}: ${p.readError}`
                    : p.problem === 'missing'
                      ? 'missing from the workspace.'
                      : 'no longer the file that was captured.'}
              </List.Item>
            ))}
          </List>
          <Text size="sm" mt={4}>
            Restore the original files from a backup of the workspace folder, or withdraw the evidence on the Evidence
            screen with a reason; changed evidence is never shipped, and the export stays blocked until it matches again
            or is withdrawn.
          </Text>
        </Alert>
      )}
      {report.activityChainProblem && (
        <Alert color="red" title="The activity log no longer matches its hash chain" data-testid="preflight-chain">
          <Text size="sm">
            {report.activityChainProblem} Restore activity.jsonl and activity.head.json from a backup of the workspace:
            the provenance of every record rests on this log.
          </Text>
        </Alert>
      )}
      {report.withdrawn.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="preflight-withdrawn">
          Withdrawn, left out and listed in the manifest as withdrawn:{' '}
          {report.withdrawn.map((w) => `${w.id} (${w.reason})`).join('; ')}.
        </Text>
      )}
      {report.retired.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="preflight-retired">
          Retired, left out and listed in the manifest as retired:{' '}
          {report.retired.map((w) => `${w.id} "${w.title}" (${w.reason})`).join('; ')}.
        </Text>
      )}
      <Text size="xs" c="dimmed" data-testid="preflight-files-checked" data-fresh={String(report.filesChecked.fresh)}>
        {report.filesChecked.fresh
          ? `All ${report.filesChecked.count} evidence files and every record were re-hashed just now.`
          : `${report.filesChecked.count} evidence files checked; unchanged files keep the hash taken ${report.filesChecked.oldestCheckAt ? `at ${report.filesChecked.oldestCheckAt.replace('T', ' ').slice(0, 19)} UTC` : 'earlier'}. Check again re-hashes every one.`}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        <Card withBorder padding="sm" data-testid="preflight-controls">
          <Text fw={600} size="sm" mb={4}>
            {report.controls.total} controls in scope
          </Text>
          <Group gap={6}>
            {CONTROL_STATUSES.map((s) => (
              <Badge key={s} variant="light" color={s === 'accepted' ? 'green' : s === 'not_started' ? 'gray' : 'blue'}>
                {STATUS_LABELS[s]}: {report.controls.byStatus[s]}
              </Badge>
            ))}
          </Group>
        </Card>
        <Card withBorder padding="sm" data-testid="preflight-evidence">
          <Text fw={600} size="sm" mb={4}>
            {report.evidence.total} evidence files, {formatBytes(report.evidence.bytes)}
          </Text>
          <Text size="xs" c="dimmed">
            {kinds.join(', ') || 'No evidence yet.'}
            {report.evidence.outOfScope > 0 &&
              ` ${report.evidence.outOfScope} item(s) support only controls outside the chosen categories and are left out.`}
            {report.evidence.unreadableRecords > 0 &&
              ` ${report.evidence.unreadableRecords} evidence record file(s) could not be read and are not exported.`}
          </Text>
        </Card>
        <Section
          title="Owned or shared controls without evidence"
          testId="preflight-no-evidence"
          empty="Every owned and shared control has evidence."
          items={report.controlsWithoutEvidence.map((c) => `${c.id}: ${c.title}`)}
        />
        <Section
          title="Screenshot and document requests missing"
          testId="preflight-missing-requests"
          color="orange"
          empty="Every screenshot and document request of the controls in scope is provided or marked not applicable."
          items={report.missingRequests.map(
            (r) =>
              `${r.title} (${r.kind === 'screenshot' ? 'guided screenshot' : 'document'}; ${r.controlIds.join(', ')})`,
          )}
        />
        <Section
          title="Checks failing or needing review"
          testId="preflight-failing"
          color="red"
          empty="No failing checks in the latest runs."
          items={report.failingChecks.map(
            (f) =>
              `${f.checkId} (${f.controlId})${f.accountId ? ` in AWS account ${f.accountId}` : ''}: ${CHECK_RESULT_LABELS[f.result]}, ${f.summary}`,
          )}
        />
        <Section
          title={awsScopeTitle(report.scope)}
          testId="preflight-account-scope"
          empty="No evidence comes from AWS accounts outside the scope."
          items={report.outOfAccountScope.map(
            (e) =>
              `${e.title}${e.checkId ? ` (${e.checkId})` : ''}, AWS account ${e.accountId}, ${e.capturedAt.slice(0, 10)}: outside the scope, left out and never a control's result`,
          )}
        />
        <Section
          title="Exclusions"
          testId="preflight-exclusions"
          empty="No exclusions."
          items={report.exclusions.map(
            (e) =>
              `${e.controlId}: ${e.what}, expires ${e.expiresOn}${e.expired ? ' (EXPIRED on the as-of date)' : ''}`,
          )}
        />
        <Section
          title={`AWS SOC 2 report review: ${standingSummary(review.standing, 'export')}`}
          testId="preflight-aws-review"
          empty="Signed, with nothing open."
          items={[...review.signatureProblems, ...review.blocking, ...review.warnings]}
        />
        <Section
          title={`Access review: ${report.accessReview.standing ? standingSummary(report.accessReview.standing, 'export') : 'none started (the bundle has no Access reviews section)'}`}
          testId="preflight-access-review"
          empty={
            report.accessReview.standing ? 'Signed, with nothing open.' : 'Start one on the Access reviews screen.'
          }
          items={report.accessReview.open}
        />
        <Section
          title="Captured after the as-of date"
          testId="preflight-after"
          empty="All evidence predates the as-of date."
          items={report.capturedAfterAsOf.map((e) => `${e.title} (${e.capturedAt.slice(0, 10)})`)}
        />
        <Section
          title={`Older than ${report.options.freshnessDays} days before the as-of date`}
          testId="preflight-stale"
          empty="All evidence is within the freshness window."
          items={report.olderThanFreshness.map((e) => `${e.title} (${e.capturedAt.slice(0, 10)})`)}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** The AWS accounts and regions the bundle speaks for, as its manifest records them. */
function awsScopeTitle(scope: PreflightReport['scope']): string {
  const accounts =
    scope.accounts.length === 0
      ? "no AWS accounts chosen (the profile's own counts)"
      : `AWS accounts in scope: ${scope.accounts.join(', ')}`;
  const regions = scope.regions ? `regions ${scope.regions.join(', ')}` : 'every enabled region';
  return `Scope: ${accounts}; ${regions}`;
}
