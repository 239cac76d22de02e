import {
  Anchor,
  Badge,
  Card,
  Grid,
  Group,
  Progress,
  RingProgress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { RESPONSIBILITY_LABELS, type Responsibility } from '../../../shared/catalog';
import { controlsInScope } from '../../../shared/rules/coverage';
import { CONTROL_STATUSES, STATUS_LABELS } from '../../../shared/domain/control-state';
import { computeReadiness, type AwsReviewStanding, type CheckOutcome } from '../../../shared/rules/readiness';
import { useRoute } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { StatusBadge } from '../controls/labels';
import { ReviewStatusLine } from '../aws-report/ReviewStatusLine';
import { awsReviewReadiness } from '../../../shared/rules/aws-report-standing';
import { accessReviewReadiness } from '../../../shared/rules/access/access-readiness';
import type { AccessReviewView } from '../../../shared/ipc/channels/access-review';
import { AccessReviewStatusCard } from '../access-reviews/AccessReviewStatusCard';
import { RequestsCountsCard } from './RequestsCountsCard';
import { EvidenceAttentionCard } from '../evidence-requests/EvidenceAttentionCard';

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Readiness at a glance: where things stand, what is mine, what blocks the audit. */
export function Dashboard() {
  const { snapshot, states, version } = useWorkspace();
  const { navigate } = useRoute();
  const [checkResults, setCheckResults] = useState<CheckOutcome[]>([]);
  const [awsReportReview, setAwsReportReview] = useState<AwsReviewStanding>();
  const [accessReview, setAccessReview] = useState<AccessReviewView>();
  useEffect(() => {
    void api()
      .accessReview.get()
      .then((r) => r.ok && setAccessReview(r.value));
  }, [version]);
  useEffect(() => {
    void api()
      .awsReport.get()
      .then(
        (r) =>
          r.ok && setAwsReportReview(awsReviewReadiness(r.value.standing, r.value.review.conclusion.reliance ?? null)),
      );
  }, [version]);
  useEffect(() => {
    void api()
      .checks.latest()
      .then((r) => {
        if (!r.ok) return;
        // A changed findings file is not trusted: it counts as not collected.
        const trusted = r.value.filter((l) => l.integrity === 'ok' && l.finding);
        setCheckResults(
          trusted.map((l) => ({
            checkId: l.checkId,
            ...(l.account ? { accountId: l.account.id } : {}),
            result: l.finding!.result,
            summary: l.finding!.summary,
            collectedAt: l.collectedAt,
          })),
        );
      });
  }, [version]);
  const readiness = useMemo(
    () =>
      computeReadiness({
        controls: controlsInScope(snapshot.meta.categories),
        states,
        members: snapshot.members,
        meId: snapshot.meMemberId,
        today: todayUtc(),
        categories: snapshot.meta.categories,
        checkResults,
        ...(awsReportReview ? { awsReportReview } : {}),
        ...(accessReview ? { accessReview: accessReviewReadiness(accessReview) } : {}),
      }),
    [states, snapshot, checkResults, awsReportReview, accessReview],
  );
  const open = (controlId: string) => navigate({ screen: 'controls', params: { controlId } });

  return (
    <Stack data-testid="dashboard">
      <Title order={3}>Readiness</Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder h="100%">
            <Group>
              <RingProgress
                size={130}
                thickness={14}
                sections={[
                  { value: readiness.percentAccepted, color: 'green' },
                  { value: readiness.percentReady - readiness.percentAccepted, color: 'yellow' },
                ]}
                label={
                  <Text ta="center" fw={700} size="xl" data-testid="percent-ready">
                    {readiness.percentReady}%
                  </Text>
                }
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {readiness.total} controls in scope
                </Text>
                {CONTROL_STATUSES.map((s) => (
                  <Group key={s} gap={6}>
                    <StatusBadge status={s} />
                    <Text size="sm" data-testid={`count-${s}`}>
                      {readiness.byStatus[s]}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Group>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder h="100%">
            <Title order={5} mb="xs">
              By responsibility
            </Title>
            <SimpleGrid cols={3}>
              {(Object.keys(RESPONSIBILITY_LABELS) as Responsibility[]).map((r) => {
                const counts = readiness.byResponsibility[r];
                return (
                  <div key={r} data-testid={`responsibility-${r}`}>
                    <Text size="sm" fw={600}>
                      {RESPONSIBILITY_LABELS[r]}
                    </Text>
                    <Text size="xl" fw={700}>
                      {counts.total}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {counts.accepted} accepted · {counts.ready_for_review} ready · {counts.in_progress} in progress ·{' '}
                      {counts.not_started} not started
                    </Text>
                  </div>
                );
              })}
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="sm">
              Inherited controls are proven by AWS's SOC 2 report: they follow the review of that report (vendor risk
              management), and count beyond in progress only once that review is signed for this audit and relies on the
              report.
            </Text>
            <ReviewStatusLine size="xs" />
          </Card>
        </Grid.Col>
      </Grid>
      {accessReview && <AccessReviewStatusCard view={accessReview} today={todayUtc()} />}
      <RequestsCountsCard />
      <EvidenceAttentionCard />
      <Card withBorder>
        <Title order={5} mb="xs">
          By criteria group
        </Title>
        <Stack gap={8} data-testid="group-chart">
          {readiness.groups.map((g) => (
            <Group key={g.group} wrap="nowrap" gap="sm">
              <Text size="sm" w={220} truncate title={g.label}>
                <b>{g.group}</b> {g.label}
              </Text>
              <Progress.Root size={18} style={{ flex: 1 }}>
                <Progress.Section
                  value={(g.accepted / Math.max(g.total, 1)) * 100}
                  color="green"
                  title={`${g.accepted} accepted`}
                />
                <Progress.Section
                  value={(g.readyForReview / Math.max(g.total, 1)) * 100}
                  color="yellow"
                  title={`${g.readyForReview} ready for review`}
                />
                <Progress.Section
                  value={(g.inProgress / Math.max(g.total, 1)) * 100}
                  color="blue"
                  title={`${g.inProgress} in progress`}
                />
              </Progress.Root>
              <Text size="xs" w={90} ta="right">
                {g.percentReady}% of {g.total}
              </Text>
            </Group>
          ))}
        </Stack>
        <Group gap="md" mt="xs">
          {(['accepted', 'ready_for_review', 'in_progress'] as const).map((s, i) => (
            <Badge key={s} color={['green', 'yellow', 'blue'][i]} variant="dot">
              {STATUS_LABELS[s]}
            </Badge>
          ))}
        </Group>
      </Card>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder h="100%">
            <Title order={5} mb="xs">
              Assigned to me
            </Title>
            {!snapshot.meMemberId && (
              <Text size="sm">Tell the workbench who you are under Team to see your controls.</Text>
            )}
            {snapshot.meMemberId && readiness.assignedToMe.length === 0 && (
              <Text size="sm" c="dimmed">
                Nothing is assigned to you.
              </Text>
            )}
            <Stack gap={6} data-testid="assigned-to-me">
              {readiness.assignedToMe.map((a) => (
                <Group key={a.controlId} justify="space-between" wrap="nowrap">
                  <Anchor component="button" type="button" size="sm" onClick={() => open(a.controlId)}>
                    {a.title}
                  </Anchor>
                  <StatusBadge status={a.status} />
                </Group>
              ))}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder h="100%">
            <Title order={5} mb="xs">
              What blocks readiness ({readiness.blockers.length})
            </Title>
            <Table data-testid="blockers">
              <Table.Tbody>
                {readiness.blockers.slice(0, 12).map((b) => (
                  <Table.Tr key={`${b.kind}-${b.controlId}-${b.exclusionId ?? ''}`}>
                    <Table.Td>
                      <Anchor component="button" type="button" size="sm" onClick={() => open(b.controlId)}>
                        {b.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{b.reason}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {readiness.blockers.length > 12 && (
              <Text size="xs" c="dimmed" mt="xs">
                and {readiness.blockers.length - 12} more
              </Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
