import { Anchor, Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import type { EvidenceRequestView } from '../../../shared/ipc/channels/evidence-requests';
import { REQUEST_STANDING_LABELS, type RequestState } from '../../../shared/rules/evidence-requests';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';
import { utc } from '../evidence/labels';
import { ScreenLink } from '../../components/ScreenLink';

const COLORS: Record<RequestState, string> = { provided: 'green', not_applicable: 'gray', missing: 'orange' };

export function RequestStandingBadge({ state }: { state: RequestState }) {
  return (
    <Badge color={COLORS[state]} variant="light" size="sm" data-testid="catalog-request-standing" data-state={state}>
      {REQUEST_STANDING_LABELS[state]}
    </Badge>
  );
}

/**
 * Where one screenshot or document request stands on the control page, and what a person can do
 * about it: link evidence that provides it, or say with a reason that it does not apply (and undo).
 */
export function RequestStanding({ view, evidence }: { view: EvidenceRequestView; evidence: EvidenceItem[] }) {
  const [marking, setMarking] = useState(false);
  const [reason, setReason] = useState('');
  const mark = useAction(api().evidenceRequests.markNotApplicable);
  const undo = useAction(api().evidenceRequests.undoNotApplicable);
  const link = useAction(api().evidenceRequests.link);
  const unlink = useAction(api().evidenceRequests.unlink);
  const s = view.standing;
  const linkable = evidence.filter(
    (e) =>
      !e.recordStatus && e.integrity === 'ok' && !(s.state === 'provided' && s.evidence.some((p) => p.id === e.id)),
  );
  return (
    <Stack gap={4} data-testid={`catalog-request-${view.id}`}>
      <Group gap="xs">
        <RequestStandingBadge state={s.state} />
        {s.state === 'provided' &&
          s.evidence.map((e) => (
            <Group gap={2} key={e.id}>
              <ScreenLink
                to={{ screen: 'evidence', params: { id: e.id } }}
                size="xs"
                data-testid="catalog-request-provided-by"
              >
                {e.title} ({utc(e.capturedAt)})
              </ScreenLink>
              {view.linkedEvidenceIds.includes(e.id) && (
                <Anchor
                  component="button"
                  type="button"
                  size="xs"
                  c="dimmed"
                  onClick={() => void unlink.run({ requestId: view.id, evidenceId: e.id })}
                  aria-label={`Unlink ${e.title}`}
                >
                  (unlink)
                </Anchor>
              )}
            </Group>
          ))}
      </Group>
      {s.state === 'not_applicable' && (
        <Group gap="xs">
          <Text size="xs" data-testid="catalog-request-not-applicable">
            Not applicable: {s.mark.reason} ({s.mark.by.name}, {utc(s.mark.at)})
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            loading={undo.busy}
            onClick={() => void undo.run({ requestId: view.id })}
            data-testid="catalog-request-undo-not-applicable"
          >
            Undo
          </Button>
        </Group>
      )}
      {s.state === 'missing' && !marking && (
        <Group gap="xs">
          {linkable.length > 0 && (
            <Select
              size="xs"
              placeholder="Provided by…"
              aria-label={`Evidence that provides ${view.title}`}
              data={linkable.map((e) => ({ value: e.id, label: `${e.title} (${e.capturedAt.slice(0, 10)})` }))}
              value={null}
              onChange={(id) => id && void link.run({ requestId: view.id, evidenceId: id })}
              data-testid="catalog-request-link"
              w={260}
            />
          )}
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setMarking(true)}
            data-testid="catalog-request-mark-na"
          >
            Not applicable…
          </Button>
        </Group>
      )}
      {marking && (
        <Group align="end" gap="xs">
          <TextInput
            size="xs"
            label="Why does it not apply?"
            placeholder="e.g. We have no RDS databases"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            style={{ flex: 1 }}
            data-autofocus
            data-testid="catalog-request-na-reason"
          />
          <Button
            size="xs"
            disabled={reason.trim().length < 3}
            loading={mark.busy}
            onClick={() =>
              void mark.run({ requestId: view.id, reason: reason.trim() }).then((done) => {
                if (done) {
                  setMarking(false);
                  setReason('');
                }
              })
            }
            data-testid="catalog-request-na-save"
          >
            Mark not applicable
          </Button>
          <Button size="xs" variant="subtle" onClick={() => setMarking(false)}>
            Cancel
          </Button>
        </Group>
      )}
      <ErrorNotice error={mark.error ?? undo.error ?? link.error ?? unlink.error} title="Not saved" />
    </Stack>
  );
}
