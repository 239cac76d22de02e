import { Button, Card, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Person } from '../../../shared/domain/common';
import type { SigningKeyChoice } from '../../../shared/domain/signing';
import { SignedSignOff } from '../reviews/SignedSignOff';
import { SignOffKeyField } from '../reviews/SignOffKeyField';
import type { AccessReviewView } from '../../../shared/ipc/channels/access-review';
import type { AppErrorData } from '../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';

/** How many open things are listed; the rest are counted. */
const LISTED = 8;

/**
 * Sign-off once every row is decided (through the review kernel's one standing), with an SSH
 * key or without; once signed off, the sign-off panel every review shares.
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
  onSign(key: SigningKeyChoice | null): void;
  onReopen(reason: string): Promise<boolean>;
  onShowRow(rowId: string): void;
}) {
  const standing = view.standing!;
  const [key, setKey] = useState<SigningKeyChoice | null>(null);
  if (standing.signed || standing.forged)
    return (
      <SignedSignOff
        standing={standing}
        idPrefix="access"
        readOnlyNote="The decisions are read-only; reopening needs a reason and a new sign-off."
        reopenPlaceholder="e.g. a decision was recorded on the wrong role"
        busy={busy === 'reopen'}
        error={reopenError}
        onReopen={onReopen}
      />
    );
  const open = view.problems;
  const why = !me
    ? 'Say who you are under Team first: the signature records your name and email.'
    : open.length > 0
      ? `${open.length} thing${open.length === 1 ? ' stands' : 's stand'} before sign-off (below).`
      : `Every row is decided. You sign as ${me.name} (${me.email}).`;
  return (
    <Card withBorder data-testid="access-sign-controls">
      <Stack gap="xs">
        <SignOffKeyField onChange={setKey} />
        <Button
          color="green"
          disabled={!me || open.length > 0 || busy !== null}
          loading={busy === 'sign'}
          onClick={() => onSign(key)}
          data-testid="access-sign"
        >
          {key ? 'Sign the access review with my SSH key' : 'Sign off the access review without a key'}
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
