import { Alert, Button, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ReviewSignature } from '../../../shared/domain/aws-report-review';
import type { AppErrorData } from '../../../shared/ipc/result';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Who signed, when, for which copy of the report; why the signature no longer stands, if it
 * does not (signed for another "as of" date or categories, or changed since); and reopening,
 * which needs a reason.
 */
export function SignedBanner({
  signed,
  problems,
  busy,
  error,
  onReopen,
}: {
  signed: ReviewSignature;
  problems: readonly string[];
  busy: boolean;
  error: AppErrorData | null;
  onReopen(reason: string): Promise<boolean>;
}) {
  const stale = problems.length > 0;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (await onReopen(reason)) {
      setAsking(false);
      setReason('');
    }
  };
  return (
    <Alert
      color={stale ? 'orange' : 'green'}
      title={stale ? 'Signed, but the signature no longer stands' : 'Signed'}
      data-testid="review-signed"
      data-signature-stands={stale ? 'no' : 'yes'}
    >
      <Stack gap="xs">
        {stale && (
          <div data-testid="review-signature-problems">
            <List size="sm" spacing={2}>
              {problems.map((p) => (
                <List.Item key={p}>
                  <Text size="sm" fw={600} c="orange">
                    {p}
                  </Text>
                </List.Item>
              ))}
            </List>
            <Text size="sm" mt={4}>
              Until it is reopened, checked and signed again, the controls inherited from AWS count as in progress at
              most, and the bundle says the signature does not stand.
            </Text>
          </div>
        )}
        <Text size="sm" data-testid="review-signed-text">
          Signed by {signed.by.name} on {signed.at.slice(0, 10)}
          {signed.reportSha256 ? (
            <>
              {' '}
              for report SHA-256 <span title={signed.reportSha256}>{signed.reportSha256.slice(0, 16)}…</span>
            </>
          ) : null}
          . The review is read-only; reopening it needs a reason and a new signature.
        </Text>
        <ErrorNotice error={error} title="Not reopened" />
        {!asking ? (
          <Group>
            <Button
              size="xs"
              variant={stale ? 'filled' : 'light'}
              color={stale ? 'orange' : 'gray'}
              onClick={() => setAsking(true)}
              data-testid="review-reopen"
            >
              {stale ? 'Reopen to check it and sign again' : 'Reopen'}
            </Button>
          </Group>
        ) : (
          <Group align="end">
            <TextInput
              size="xs"
              label="Why reopen it?"
              placeholder="e.g. AWS issued a newer report"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-autofocus
              data-testid="review-reopen-reason"
            />
            <Button
              size="xs"
              color="orange"
              disabled={!reason.trim()}
              loading={busy}
              onClick={() => void submit()}
              data-testid="review-reopen-confirm"
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
