import { Alert, Button, Card, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Person } from '../../../shared/domain/common';
import type { AccessReviewView } from '../../../shared/ipc/channels/access-review';
import type { AppErrorData } from '../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';

/** How many open things are listed; the rest are counted. */
const LISTED = 8;

/**
 * Sign-off once every row is decided (through the review kernel's one standing), or, once
 * signed, who signed and when, and reopening with a reason.
 */
export function AccessSignPanel({
  view,
  me,
  busy,
  signError,
  reopenError,
  onSign,
  onReopen,
  onShowRow,
}: {
  view: AccessReviewView;
  me: Person | null;
  busy: string | null;
  signError: AppErrorData | null;
  reopenError: AppErrorData | null;
  onSign(): void;
  onReopen(reason: string): Promise<boolean>;
  onShowRow(rowId: string): void;
}) {
  const standing = view.standing!;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  if (standing.signed) {
    const stale = standing.state === 'signature_stale';
    return (
      <Alert
        color={stale ? 'orange' : 'green'}
        title={stale ? 'Signed, but the signature no longer stands' : 'Signed'}
        data-testid="access-signed"
        data-signature-stands={stale ? 'no' : 'yes'}
      >
        <Stack gap="xs">
          {standing.signatureProblems.map((p) => (
            <Text key={p} size="sm" fw={600} c="orange">
              {p}
            </Text>
          ))}
          <Text size="sm" data-testid="access-signed-text">
            Signed by {standing.signed.by.name} ({standing.signed.by.email}) on {standing.signed.at.slice(0, 10)}. The
            decisions are read-only; reopening needs a reason and a new signature.
          </Text>
          <ErrorNotice error={reopenError} title="Not reopened" />
          {!asking ? (
            <Group>
              <Button
                size="xs"
                variant="light"
                color="gray"
                onClick={() => setAsking(true)}
                data-testid="access-reopen"
              >
                Reopen
              </Button>
            </Group>
          ) : (
            <Group align="end">
              <TextInput
                size="xs"
                label="Why reopen it?"
                placeholder="e.g. a decision was recorded on the wrong role"
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-autofocus
                data-testid="access-reopen-reason"
              />
              <Button
                size="xs"
                color="orange"
                disabled={!reason.trim()}
                loading={busy === 'reopen'}
                onClick={() =>
                  void onReopen(reason).then((ok) => {
                    if (ok) {
                      setAsking(false);
                      setReason('');
                    }
                  })
                }
                data-testid="access-reopen-confirm"
              >
                Reopen the review
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setAsking(false)}>
                Cancel
              </Button>
            </Group>
          )}
        </Stack>
      </Alert>
    );
  }
  const open = view.problems;
  const why = !me
    ? 'Say who you are under Team first: the signature records your name and email.'
    : open.length > 0
      ? `${open.length} thing${open.length === 1 ? ' stands' : 's stand'} before sign-off (below).`
      : `Every row is decided. You sign as ${me.name} (${me.email}).`;
  return (
    <Card withBorder data-testid="access-sign-controls">
      <Stack gap="xs">
        <Button
          color="green"
          disabled={!me || open.length > 0 || busy !== null}
          loading={busy === 'sign'}
          onClick={onSign}
          data-testid="access-sign"
        >
          Sign the access review
        </Button>
        <Text size="xs" c={me ? 'dimmed' : 'red'} data-testid="access-sign-hint">
          {why}
        </Text>
        <ErrorNotice error={signError} title="Not signed" />
        {open.length > 0 && (
          <List size="xs" spacing={2} data-testid="access-problems">
            {open.slice(0, LISTED).map((p) => (
              <List.Item key={`${p.rowId}:${p.message}`}>
                <Button
                  variant="subtle"
                  size="compact-xs"
                  onClick={() => onShowRow(p.rowId)}
                  style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }}
                >
                  {p.message}
                </Button>
              </List.Item>
            ))}
            {open.length > LISTED && <List.Item>…and {open.length - LISTED} more.</List.Item>}
          </List>
        )}
      </Stack>
    </Card>
  );
}
