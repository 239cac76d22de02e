import { Anchor, Card, Group, Progress, Text, Title } from '@mantine/core';
import type { AccessReviewView } from '../../../shared/ipc/channels/access-review';
import { standingSummary } from '../../../shared/rules/reviews/review-standing';
import { useRoute } from '../../app/route';

/** The dashboard's line on access reviews: the one in progress, the last sign-off and when the next is due. */
export function AccessReviewStatusCard({ view, today }: { view: AccessReviewView; today: string }) {
  const { navigate } = useRoute();
  const { standing, progress } = view;
  const overdue = !!view.nextDue && view.nextDue < today && standing?.state === 'signed';
  return (
    <Card withBorder data-testid="dashboard-access-review">
      <Group justify="space-between" mb={4}>
        <Title order={5}>Access reviews</Title>
        <Anchor component="button" type="button" size="sm" onClick={() => navigate({ screen: 'access-reviews' })}>
          Open access reviews
        </Anchor>
      </Group>
      <Text size="sm" data-testid="dashboard-access-review-standing">
        {standing ? standingSummary(standing) : 'No access review yet.'}
        {progress && standing?.state !== 'signed'
          ? ` · ${progress.decided} of ${progress.rows} identities decided, ${progress.flaggedLeft} flagged left`
          : ''}
      </Text>
      {progress && standing?.state !== 'signed' && (
        <Progress mt={6} value={progress.rows ? (progress.decided / progress.rows) * 100 : 0} aria-label="Decided" />
      )}
      <Text size="xs" c={overdue ? 'red' : 'dimmed'} mt={6} data-testid="dashboard-access-review-due">
        {view.lastSigned
          ? `Last signed ${view.lastSigned.slice(0, 10)}; next due by ${view.nextDue}${overdue ? ' (overdue)' : ''}.`
          : `None signed yet; reviews are due every ${view.cadenceDays} days.`}
      </Text>
    </Card>
  );
}
