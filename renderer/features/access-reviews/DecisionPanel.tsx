import { accessKeyWords } from '../../../shared/rules/access/access-keys';
import { Button, Card, Group, List, MultiSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  DECISIONS,
  DECISION_LABELS,
  IDENTITY_KIND_LABELS,
  type AccessReview,
  type Decision,
} from '../../../shared/domain/access-review';
import type { TeamMember } from '../../../shared/domain/team';
import type { RowProblem } from '../../../shared/rules/access/review-rules';
import { needsJustification, reviewersOf } from '../../../shared/rules/access/review-rules';
import type { AppErrorData } from '../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * One identity: everything the population says about it, why it is flagged, who reviews it,
 * and the decision (keep, remove or change) with its justification, which is required for a
 * flagged row and for every remove or change.
 */
export function DecisionPanel({
  review,
  rowId,
  members,
  problems,
  canAct,
  busy,
  decideError,
  assignError,
  onDecide,
  onAssign,
}: {
  review: AccessReview;
  rowId: string;
  members: readonly TeamMember[];
  problems: readonly RowProblem[];
  /** False once signed, or before the app knows who you are. */
  canAct: boolean;
  busy: string | null;
  decideError: AppErrorData | null;
  assignError: AppErrorData | null;
  onDecide(decision: Decision, justification: string): Promise<boolean>;
  onAssign(memberIds: string[]): Promise<boolean>;
}) {
  const row = review.rows.find((r) => r.id === rowId);
  const saved = review.decisions[rowId];
  const [decision, setDecision] = useState<Decision | null>(saved?.decision ?? null);
  const [justification, setJustification] = useState(saved?.justification ?? '');
  const [reviewers, setReviewers] = useState<string[]>(reviewersOf(review, rowId));
  // Another row, or the saved decision changed underneath: show what is saved.
  useEffect(() => {
    setDecision(saved?.decision ?? null);
    setJustification(saved?.justification ?? '');
  }, [rowId, saved?.decision, saved?.justification, saved?.at]);
  const savedReviewers = reviewersOf(review, rowId).join(',');
  useEffect(() => setReviewers(savedReviewers ? savedReviewers.split(',') : []), [rowId, savedReviewers]);
  if (!row) return null;

  const needs = needsJustification(row, decision ?? undefined);
  const missing = needs && !justification.trim();
  const unchanged = saved && saved.decision === decision && saved.justification === justification.trim();
  const rowProblems = problems.filter((p) => p.rowId === rowId);
  const memberOptions = members.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` }));
  const gone = reviewers.filter((id) => !members.some((m) => m.id === id));

  return (
    <Card withBorder data-testid="access-decision" data-row-id={row.id}>
      <Stack gap="xs">
        <div>
          <Title order={5}>{row.name}</Title>
          <Text size="xs" c="dimmed">
            {IDENTITY_KIND_LABELS[row.kind]}
            {row.serviceLinked ? ' (service-linked)' : ''}
            {row.disabled ? ' · disabled' : ''}
          </Text>
          {row.arn && (
            <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {row.arn}
            </Text>
          )}
        </div>
        {row.reasons.length > 0 && (
          <div data-testid="access-reasons">
            <Text size="sm" fw={600} c="orange">
              Why it is flagged
            </Text>
            <List size="sm" spacing={2}>
              {row.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </div>
        )}
        <Facts
          items={[
            ['Accounts', row.accountIds.join(', ')],
            ['Access', row.access.join('; ')],
            ['Groups', row.groups.join(', ')],
            ['Policies', row.policies.join('; ')],
            ['Who may assume it', row.trust ?? ''],
            ['Explained by', row.explainedBy ?? ''],
            ['Access keys', accessKeyWords(row.accessKeys, new Date())],
            ['Last used', row.lastUsed ? row.lastUsed.slice(0, 10) : 'never or not known'],
            ['Console password', row.consolePassword === undefined ? '' : row.consolePassword ? 'yes' : 'no'],
            ['MFA', row.mfa === undefined ? '' : row.mfa ? 'yes' : 'no'],
          ]}
        />
        <MultiSelect
          size="xs"
          label="Reviewers"
          description="Nobody may be the only reviewer of their own access."
          data={memberOptions}
          value={reviewers.filter((id) => !gone.includes(id))}
          onChange={setReviewers}
          disabled={!canAct}
          data-testid="access-reviewers"
        />
        {gone.length > 0 && (
          <Text size="xs" c="orange">
            A reviewer of this row is no longer on the team: choose a current teammate.
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            size="xs"
            variant="light"
            disabled={!canAct || reviewers.length === 0 || reviewers.join(',') === savedReviewers || busy !== null}
            loading={busy === 'assign'}
            onClick={() => void onAssign(reviewers.filter((id) => !gone.includes(id)))}
            data-testid="access-assign"
          >
            Save reviewers
          </Button>
        </Group>
        <ErrorNotice error={assignError} title="Reviewers not saved" />
        <Radio.Group
          label="Decision"
          value={decision ?? ''}
          onChange={(v) => setDecision(v as Decision)}
          data-testid="access-decision-choice"
        >
          <Group mt={4}>
            {DECISIONS.map((d) => (
              <Radio
                key={d}
                value={d}
                label={DECISION_LABELS[d]}
                disabled={!canAct}
                data-testid={`access-decide-${d}`}
              />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label="Justification"
          description={
            needs
              ? row.flags.length > 0
                ? 'Required: this identity is flagged. Say why it is kept, or what is removed or changed.'
                : 'Required for a remove or change: say what is removed or changed, and why.'
              : 'Optional for an unflagged identity you keep.'
          }
          autosize
          minRows={2}
          maxLength={2000}
          value={justification}
          onChange={(e) => setJustification(e.currentTarget.value)}
          disabled={!canAct}
          error={missing && decision ? 'A justification is required for this decision.' : undefined}
          data-testid="access-justification"
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed" data-testid="access-decided-by">
            {saved ? `Decided by ${saved.by.name} on ${saved.at.slice(0, 10)}` : 'Not decided yet'}
          </Text>
          <Button
            size="xs"
            disabled={!canAct || !decision || missing || !!unchanged || busy !== null}
            loading={busy === 'decide'}
            onClick={() => decision && void onDecide(decision, justification)}
            data-testid="access-save-decision"
          >
            Save decision
          </Button>
        </Group>
        <ErrorNotice error={decideError} title="Decision not saved" />
        {rowProblems.length > 0 && (
          <List size="xs" c="orange" data-testid="access-row-problems">
            {rowProblems.map((p) => (
              <List.Item key={p.message}>{p.message}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Card>
  );
}

function Facts({ items }: { items: [string, string][] }) {
  return (
    <Stack gap={2}>
      {items
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <Text key={k} size="xs">
            <Text span fw={600} size="xs">
              {k}:
            </Text>{' '}
            {v}
          </Text>
        ))}
    </Stack>
  );
}
