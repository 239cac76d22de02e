import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { RecordStatus } from '../../../shared/domain/record-status';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Evidence that may be withdrawn: the record or its file is Tampered, Damaged or Missing, and it has no status yet. */
export const canWithdraw = (item: EvidenceItem) =>
  !item.recordStatus && (!!item.recordProblem || item.integrity !== 'ok');

/** Evidence that may be retired: intact, and no status yet. */
export const canRetire = (item: EvidenceItem) => !item.recordStatus && !item.recordProblem && item.integrity === 'ok';

/** What each status says to people; the two flows are otherwise the same. */
const WORDS: Record<
  RecordStatus,
  { verb: string; color: string; title: string; body: string; question: string; placeholder: string; yes: string }
> = {
  withdrawn: {
    verb: 'withdraw',
    color: 'red',
    title: 'This evidence cannot be exported as it is',
    body: "Restore the record and its file from a backup of the workspace, or withdraw it: a withdrawn record stays in the workspace and its history, is left out of every bundle, and is listed in the bundle's manifest as withdrawn with your reason.",
    question: 'Why is it withdrawn?',
    placeholder: 'e.g. Record edited by mistake; recaptured on 2 December',
    yes: 'Yes, withdraw it',
  },
  retired: {
    verb: 'retire',
    color: 'gray',
    title: 'Wrong or superseded?',
    body: "Retire evidence that is wrong or replaced by newer evidence: it stays in the workspace and its history, is left out of every bundle, and is listed in the bundle's manifest as retired with your reason.",
    question: 'Why is it retired?',
    placeholder: 'e.g. Shows the staging account; recaptured in production',
    yes: 'Yes, retire it',
  },
};

/**
 * Withdrawing (damaged evidence) or retiring (wrong or superseded evidence), in two steps: the
 * reason, then a confirmation that says what it does (kept and logged, left out of bundles,
 * listed in the manifest under its status, not undone).
 */
export function SetRecordStatus({ item, status }: { item: EvidenceItem; status: RecordStatus }) {
  const { refresh } = useWorkspace();
  const [step, setStep] = useState<'closed' | 'reason' | 'confirm'>('closed');
  const [reason, setReason] = useState('');
  const set = useAction(status === 'withdrawn' ? api().evidence.withdraw : api().evidence.retire);
  const w = WORDS[status];
  const verb = w.verb;
  const Verb = verb[0]!.toUpperCase() + verb.slice(1);
  const submit = async () => {
    const done = await set.run({ id: item.id, reason: reason.trim() });
    if (done) {
      setStep('closed');
      await refresh();
    }
  };
  return (
    <Alert color={w.color} variant="light" title={w.title} data-testid={`${verb}-panel`}>
      <Stack gap="xs">
        <Text size="sm">{w.body}</Text>
        <ErrorNotice error={set.error} title={`Not ${status}`} />
        {step === 'closed' && (
          <Group>
            <Button size="xs" color={w.color} variant="light" onClick={() => setStep('reason')} data-testid={verb}>
              {Verb} this evidence…
            </Button>
          </Group>
        )}
        {step === 'reason' && (
          <Group align="end">
            <TextInput
              size="xs"
              label={w.question}
              placeholder={w.placeholder}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-autofocus
              data-testid={`${verb}-reason`}
            />
            <Button
              size="xs"
              color={w.color}
              disabled={reason.trim().length < 3}
              onClick={() => setStep('confirm')}
              data-testid={`${verb}-next`}
            >
              {Verb}…
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setStep('closed')}>
              Cancel
            </Button>
          </Group>
        )}
        {step === 'confirm' && (
          <Stack gap="xs" data-testid={`${verb}-confirmation`}>
            <Text size="sm" fw={600}>
              {Verb} &quot;{item.title}&quot; ({item.id})? This cannot be undone.
            </Text>
            <Text size="sm">Reason, recorded in the activity log under your name: {reason.trim()}</Text>
            <Group>
              <Button
                size="xs"
                color={w.color}
                loading={set.busy}
                onClick={() => void submit()}
                data-testid={`${verb}-confirm`}
              >
                {w.yes}
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
