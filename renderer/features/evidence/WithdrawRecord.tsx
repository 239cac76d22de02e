import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Evidence that may be withdrawn: the record or its file is Tampered, Damaged or Missing, and it is not withdrawn yet. */
export const canWithdraw = (item: EvidenceItem) => !item.withdrawn && (!!item.recordProblem || item.integrity !== 'ok');

/**
 * The repair path for damaged evidence, in two steps: the reason, then a confirmation that says
 * what withdrawing does (kept and logged, left out of bundles, listed as withdrawn, not undone).
 */
export function WithdrawRecord({ item }: { item: EvidenceItem }) {
  const { refresh } = useWorkspace();
  const [step, setStep] = useState<'closed' | 'reason' | 'confirm'>('closed');
  const [reason, setReason] = useState('');
  const withdraw = useAction(api().evidence.withdraw);
  const submit = async () => {
    const done = await withdraw.run({ id: item.id, reason: reason.trim() });
    if (done) {
      setStep('closed');
      await refresh();
    }
  };
  return (
    <Alert color="red" variant="light" title="This evidence cannot be exported as it is" data-testid="withdraw-panel">
      <Stack gap="xs">
        <Text size="sm">
          Restore the record and its file from a backup of the workspace, or withdraw it: a withdrawn record stays in
          the workspace and its history, is left out of every bundle, and is listed in the bundle&apos;s manifest as
          withdrawn with your reason.
        </Text>
        <ErrorNotice error={withdraw.error} title="Not withdrawn" />
        {step === 'closed' && (
          <Group>
            <Button size="xs" color="red" variant="light" onClick={() => setStep('reason')} data-testid="withdraw">
              Withdraw this evidence…
            </Button>
          </Group>
        )}
        {step === 'reason' && (
          <Group align="end">
            <TextInput
              size="xs"
              label="Why is it withdrawn?"
              placeholder="e.g. Record edited by mistake; recaptured on 2 December"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-autofocus
              data-testid="withdraw-reason"
            />
            <Button
              size="xs"
              color="red"
              disabled={reason.trim().length < 3}
              onClick={() => setStep('confirm')}
              data-testid="withdraw-next"
            >
              Withdraw…
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setStep('closed')}>
              Cancel
            </Button>
          </Group>
        )}
        {step === 'confirm' && (
          <Stack gap="xs" data-testid="withdraw-confirmation">
            <Text size="sm" fw={600}>
              Withdraw &quot;{item.title}&quot; ({item.id})? This cannot be undone.
            </Text>
            <Text size="sm">Reason, recorded in the activity log under your name: {reason.trim()}</Text>
            <Group>
              <Button
                size="xs"
                color="red"
                loading={withdraw.busy}
                onClick={() => void submit()}
                data-testid="withdraw-confirm"
              >
                Yes, withdraw it
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setStep('reason')}>
                Back
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}
