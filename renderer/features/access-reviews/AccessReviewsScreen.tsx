import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  Loader,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { standingBadge, type ReviewState } from '../../../shared/rules/reviews/review-standing';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AccessSignPanel } from './AccessSignPanel';
import { BulkAssignBar } from './BulkAssignBar';
import { DecisionPanel } from './DecisionPanel';
import { FollowUpsCard } from './FollowUpsCard';
import { PopulationTable } from './PopulationTable';
import { useAccessReview } from './use-access-review';

/** The badge's colour from the review kernel's standing: green only for a sign-off that stands. */
const STATE_COLOURS: Record<ReviewState, string> = {
  draft: 'gray',
  ready_to_sign: 'gray',
  signed: 'green',
  signature_stale: 'orange',
  signature_forged: 'red',
};

/**
 * Access reviews (CC6.2, CC6.3): the population of IAM and IAM Identity Center identities
 * read from the account, a decision by a named reviewer for each, sign-off, and later the
 * check that every remove and change was carried out.
 */
export function AccessReviewsScreen() {
  const { snapshot } = useWorkspace();
  const r = useAccessReview();
  const [selected, setSelected] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const check = (rowIds: string[], on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      for (const id of rowIds)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  const { view } = r;
  // Ticks belong to one review: a new review starts with none.
  const reviewId = view?.review?.id;
  useEffect(() => setChecked(new Set()), [reviewId]);

  if (!view)
    return (
      <Stack>
        <Title order={3}>Access reviews</Title>
        {r.loadError ? <ErrorNotice error={r.loadError} title="The access reviews could not be loaded" /> : <Loader />}
      </Stack>
    );
  const review = view.review;
  // A sign-off is recorded (standing or not): the review is read-only until reopened.
  const locked = !!review?.signed;
  // The kernel's answer: only a sign-off that stands (not forged, not outdated) counts as signed.
  const stands = view.standing?.state === 'signed';
  const canStart = !review || locked;
  const profile = snapshot.meta.aws.profile;
  const progress = view.progress;
  const canAct = !!review && !locked && !!snapshot.me;
  // Accounts in scope whose role was refused or whose IAM could not be read (the notes say why).
  const notRead = (review?.accounts ?? []).filter((a) => !a.read).map((a) => a.id);

  return (
    <Stack data-testid="access-reviews-screen" data-review-state={view.standing?.state ?? 'none'}>
      <Group justify="space-between" align="start">
        <div>
          <Title order={3}>Access reviews</Title>
          <Text size="sm" c="dimmed" maw={760}>
            Every identity that can reach your AWS accounts, read from the account itself: IAM users, groups and roles,
            and IAM Identity Center users and groups with their permission sets. A named reviewer decides for each one
            whether it stays, goes or changes; the signed review, the population and the decisions are evidence for
            CC6.2 and CC6.3.
          </Text>
        </div>
        {view.standing && (
          <Badge
            size="lg"
            variant="light"
            color={STATE_COLOURS[view.standing.state]}
            data-testid="access-review-state"
            data-state={view.standing.state}
          >
            {standingBadge(view.standing)}
          </Badge>
        )}
      </Group>
      <Card withBorder data-testid="access-review-schedule">
        <Group justify="space-between">
          <Text size="sm" data-testid="access-review-due">
            {view.lastSigned
              ? `Last signed on ${view.lastSigned.slice(0, 10)}; the next review is due by ${view.nextDue} (every ${view.cadenceDays} days, set in Settings).`
              : `No access review has been signed yet. Reviews are due every ${view.cadenceDays} days (set in Settings).`}
          </Text>
          {canStart && (
            <Button
              onClick={() => void r.start()}
              loading={r.busy === 'start'}
              disabled={!profile || !snapshot.me || r.busy !== null}
              data-testid="access-review-start"
            >
              {review ? 'Start the next review' : 'Start a review'}
            </Button>
          )}
        </Group>
        {canStart && (
          <Text size="xs" c={profile && snapshot.me ? 'dimmed' : 'red'} mt={4} data-testid="access-review-start-hint">
            {!profile
              ? 'Choose the AWS profile for this workspace on the AWS screen first: the population is read through it.'
              : !snapshot.me
                ? 'Say who you are under Team first: the review records who started it.'
                : `The population is read from the account with profile "${profile}" and stored as evidence.`}
          </Text>
        )}
        {r.busy === 'start' && (
          <Text size="xs" mt={4} data-testid="access-review-collecting">
            Reading the population from AWS… a large directory takes a few seconds.
          </Text>
        )}
        <ErrorNotice error={r.errorOf('start')} title="The review was not started" />
      </Card>
      {review && (
        <>
          {review.notes.length > 0 && (
            <Alert color="blue" title="What the population includes" data-testid="access-review-notes">
              <List size="sm">
                {review.notes.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {!locked && view.goneReviewers.length > 0 && (
            <Alert color="orange" title="A reviewer has left the team" data-testid="access-review-gone-reviewers">
              <Stack gap={6}>
                {view.goneReviewers.map((g) => {
                  const names = g.onlyReviewerRowIds.map((id) => review.rows.find((x) => x.id === id)?.name ?? id);
                  return (
                    <div key={g.id} data-testid="access-review-gone-reviewer">
                      <Text size="sm">
                        {g.message}.{' '}
                        {names.length > 0
                          ? `${names.length} row${names.length === 1 ? ' has' : 's have'} no other reviewer: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}. The review cannot be signed until they are reassigned.`
                          : 'Each of their rows has another reviewer.'}
                      </Text>
                      {g.onlyReviewerRowIds.length > 0 && canAct && (
                        <Button size="xs" variant="light" mt={4} onClick={() => check(g.onlyReviewerRowIds, true)}>
                          Select these rows to reassign them
                        </Button>
                      )}
                    </div>
                  );
                })}
              </Stack>
            </Alert>
          )}
          {progress && (
            <Card withBorder data-testid="access-review-progress">
              <Group justify="space-between" mb={6}>
                <Text size="sm" fw={500}>
                  Review of {review.collectedAt.slice(0, 10)} · accounts {review.accountIds.join(', ')}
                  {notRead.length > 0 && (
                    <Text span size="sm" c="orange" data-testid="access-review-not-read">
                      {' '}
                      · not read: {notRead.join(', ')} (see above)
                    </Text>
                  )}
                </Text>
                <Text size="sm" data-testid="access-review-progress-text">
                  {progress.decided} of {progress.rows} decided · {progress.flaggedLeft} of {progress.flagged} flagged
                  left
                </Text>
              </Group>
              <Progress value={progress.rows ? (progress.decided / progress.rows) * 100 : 0} aria-label="Decided" />
            </Card>
          )}
          <Grid>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="xs">
                {canAct && checked.size > 0 && (
                  <BulkAssignBar
                    count={checked.size}
                    members={snapshot.members}
                    busy={r.busy === 'assignMany'}
                    error={r.errorOf('assignMany')}
                    onAssign={async (ids) => {
                      const ok = await r.assignMany([...checked], ids);
                      if (ok) setChecked(new Set());
                      return ok;
                    }}
                    onClear={() => setChecked(new Set())}
                  />
                )}
                <PopulationTable
                  review={review}
                  members={snapshot.members}
                  selected={selected}
                  onSelect={setSelected}
                  {...(canAct ? { checked, onCheck: check } : {})}
                />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack>
                <AccessSignPanel
                  view={view}
                  me={snapshot.me}
                  busy={r.busy}
                  signError={r.errorOf('sign')}
                  reopenError={r.errorOf('reopen')}
                  onSign={(key) => void r.sign(key)}
                  onReopen={r.reopen}
                  onShowRow={setSelected}
                />
                {selected ? (
                  <DecisionPanel
                    review={review}
                    rowId={selected}
                    members={snapshot.members}
                    problems={view.problems}
                    canAct={canAct}
                    busy={r.busy}
                    decideError={r.errorOf('decide')}
                    assignError={r.errorOf('assign')}
                    onDecide={(d, j) => r.decide(selected, d, j)}
                    onAssign={(ids) => r.assign([selected], ids)}
                  />
                ) : (
                  <Text size="sm" c="dimmed">
                    Choose an identity in the table (click it, or move with the arrow keys and press Enter) to see its
                    access and record the decision.
                  </Text>
                )}
              </Stack>
            </Grid.Col>
          </Grid>
          {stands && (
            <FollowUpsCard review={review} busy={r.busy} error={r.errorOf('closeLoop')} onCheck={r.closeLoop} />
          )}
        </>
      )}
      {view.history.length > 1 && (
        <Card withBorder data-testid="access-review-history">
          <Title order={5} mb="xs">
            Earlier reviews
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Started</Table.Th>
                <Table.Th>Identities</Table.Th>
                <Table.Th>Signed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.history
                .slice(0, -1)
                .reverse()
                .map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{h.startedAt.slice(0, 10)}</Table.Td>
                    <Table.Td>{h.rows}</Table.Td>
                    <Table.Td>{h.signOff}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
