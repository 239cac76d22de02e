import { Alert, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { signOffWords, type ReviewStanding } from '../../../shared/rules/reviews/review-standing';
import type { AppErrorData } from '../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * A review's sign-off once given, the same for every review: who signed off and when, with the
 * key it was signed with ("Signed by … with ED25519 key SHA256:…") or "recorded by …, not signed
 * with a key"; forged (its SSH signature does not verify, so it counts as not signed) or no longer
 * standing, with why; and reopening, which needs a reason. Words come from the review kernel.
 */
export function SignedSignOff({
  standing,
  idPrefix,
  detail,
  readOnlyNote,
  staleNote,
  reopenPlaceholder,
  busy,
  error,
  onReopen,
}: {
  standing: ReviewStanding;
  /** Test ids: `${idPrefix}-signed`, `${idPrefix}-signed-text`, `${idPrefix}-reopen`, … */
  idPrefix: string;
  /** What this review's sign-off also names (the report copy it covers). */
  detail?: ReactNode;
  readOnlyNote: string;
  /** What a sign-off that does not stand means for this review. */
  staleNote?: string;
  reopenPlaceholder: string;
  busy: boolean;
  error: AppErrorData | null;
  onReopen(reason: string): Promise<boolean>;
}) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const forged = standing.forged;
  const signed = standing.signed;
  if (!forged && !signed) return null;
  const stale = standing.state === 'signature_stale';
  const [color, title] = forged
    ? ['red', 'Forged sign-off: it counts as not signed']
    : stale
      ? ['orange', 'Signed off, but the sign-off no longer stands']
      : signed!.key
        ? ['green', 'Signed with an SSH key']
        : ['blue', 'Recorded, not signed with a key'];
  const submit = async () => {
    if (await onReopen(reason)) {
      setAsking(false);
      setReason('');
    }
  };
  return (
    <Alert
      color={color}
      title={title}
      data-testid={`${idPrefix}-signed`}
      data-signature-stands={standing.state === 'signed' ? 'yes' : 'no'}
      data-sign-off={forged ? 'forged' : stale ? 'stale' : signed!.key ? 'key' : 'recorded'}
    >
      <Stack gap="xs">
        {standing.signatureProblems.length > 0 && (
          <div data-testid={`${idPrefix}-signature-problems`}>
            <List size="sm" spacing={2}>
              {standing.signatureProblems.map((p) => (
                <List.Item key={p}>
                  <Text size="sm" fw={600} c={forged ? 'red' : 'orange'}>
                    {p}
                  </Text>
                </List.Item>
              ))}
            </List>
            {staleNote && (
              <Text size="sm" mt={4}>
                {staleNote}
              </Text>
            )}
          </div>
        )}
        <Text size="sm" data-testid={`${idPrefix}-signed-text`}>
          {signed ? signOffWords(signed, { email: true }) : `It names ${forged!.by.name} (${forged!.by.email})`}
          {detail}. {readOnlyNote}
        </Text>
        {signed && !signed.key && (
          <Text size="xs" c="dimmed">
            Without a key, anyone who can edit the workspace files could write such a record; sign with your SSH key
            next time, and the auditor can check it with ssh-keygen.
          </Text>
        )}
        <ErrorNotice error={error} title="Not reopened" />
        {!asking ? (
          <Group>
            <Button
              size="xs"
              variant={stale || forged ? 'filled' : 'light'}
              color={forged ? 'red' : stale ? 'orange' : 'gray'}
              onClick={() => setAsking(true)}
              data-testid={`${idPrefix}-reopen`}
            >
              {stale || forged ? 'Reopen to check it and sign again' : 'Reopen'}
            </Button>
          </Group>
        ) : (
          <Group align="end">
            <TextInput
              size="xs"
              label="Why reopen it?"
              placeholder={reopenPlaceholder}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-autofocus
              data-testid={`${idPrefix}-reopen-reason`}
            />
            <Button
              size="xs"
              color="orange"
              disabled={!reason.trim()}
              loading={busy}
              onClick={() => void submit()}
              data-testid={`${idPrefix}-reopen-confirm`}
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
