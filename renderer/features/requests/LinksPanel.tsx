import { Anchor, Button, Card, Group, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { CONTROLS, controlById } from '../../../shared/catalog';
import type { AuditRequest } from '../../../shared/domain/requests';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import type { AppErrorData } from '../../../shared/ipc/result';
import type { LinkSuggestion, RequestSuggestions } from '../../../shared/rules/requests/suggest-links';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useRoute } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';

const CONTROL_OPTIONS = CONTROLS.map((c) => ({ value: c.id, label: `${c.title} (${c.id})` }));

function SuggestionList({
  title,
  kind,
  items,
  onLink,
  busy,
}: {
  title: string;
  kind: 'control' | 'evidence';
  items: LinkSuggestion[];
  onLink: (s: LinkSuggestion) => void;
  busy: boolean;
}) {
  return (
    <Stack gap={6} data-testid={`suggested-${kind}`}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {items.length === 0 && (
        <Text size="xs" c="dimmed">
          Nothing to suggest.
        </Text>
      )}
      {items.map((s) => (
        <Group key={s.id} justify="space-between" wrap="nowrap" data-testid="suggestion" data-suggestion-id={s.id}>
          <div>
            <Text size="sm">{s.title}</Text>
            <Text size="xs" c="dimmed">
              {s.why}
            </Text>
          </div>
          <Button
            size="compact-sm"
            variant="light"
            loading={busy}
            onClick={() => onLink(s)}
            aria-label={`Link ${s.title}`}
            data-testid="suggestion-link"
          >
            Link
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * What answers the request: controls from the catalog and evidence from the workspace. The
 * workbench suggests both from the request's criteria and words; a person confirms each link.
 */
export function LinksPanel({ request }: { request: AuditRequest }) {
  const { version } = useWorkspace();
  const { navigate } = useRoute();
  const [evidence, setEvidence] = useState<EvidenceItem[]>([]);
  const [suggestions, setSuggestions] = useState<RequestSuggestions | null>(null);
  const [loadError, setLoadError] = useState<AppErrorData | null>(null);
  const [controlIds, setControlIds] = useState(request.controlIds);
  const [evidenceIds, setEvidenceIds] = useState(request.evidenceIds);
  const link = useAction(api().requests.link);

  useEffect(() => {
    setControlIds(request.controlIds);
    setEvidenceIds(request.evidenceIds);
  }, [request.controlIds, request.evidenceIds]);
  useEffect(() => {
    void api()
      .evidence.list({})
      .then((r) => (r.ok ? setEvidence(r.value) : setLoadError(r.error)));
    void api()
      .requests.suggestions({ id: request.id })
      .then((r) => (r.ok ? setSuggestions(r.value) : setLoadError(r.error)));
  }, [request.id, version]);

  const evidenceOptions = useMemo(
    () =>
      evidence
        .filter((e) => !e.recordStatus || evidenceIds.includes(e.id))
        .map((e) => ({ value: e.id, label: `${e.title} (${e.capturedAt.slice(0, 10)}, ${e.fileName})` })),
    [evidence, evidenceIds],
  );
  const titles = new Map(evidence.map((e) => [e.id, e.title]));
  const changed = controlIds.join() !== request.controlIds.join() || evidenceIds.join() !== request.evidenceIds.join();
  const save = (next: { controlIds: string[]; evidenceIds: string[] }) => void link.run({ id: request.id, ...next });

  return (
    <Card withBorder data-testid="links-panel">
      <Title order={5} mb="xs">
        What answers it
      </Title>
      <Stack gap="sm">
        <MultiSelect
          label="Controls"
          data={CONTROL_OPTIONS}
          value={controlIds}
          onChange={setControlIds}
          searchable
          data-testid="links-controls"
        />
        <MultiSelect
          label="Evidence"
          description="Each linked file ships in the bundle, even when its control is out of scope"
          data={evidenceOptions}
          value={evidenceIds}
          onChange={setEvidenceIds}
          searchable
          data-testid="links-evidence"
        />
        <ErrorNotice error={link.error ?? loadError} title="Not linked" />
        <Group>
          <Button
            onClick={() => save({ controlIds, evidenceIds })}
            loading={link.busy}
            disabled={!changed}
            data-testid="links-save"
          >
            Save links
          </Button>
        </Group>
        {request.controlIds.length + request.evidenceIds.length > 0 && (
          <Stack gap={4} data-testid="links-current">
            {request.controlIds.map((id) => (
              <Anchor
                key={id}
                component="button"
                type="button"
                size="sm"
                ta="left"
                onClick={() => navigate({ screen: 'controls', params: { controlId: id } })}
              >
                Control: {controlById(id)?.title ?? id}
              </Anchor>
            ))}
            {request.evidenceIds.map((id) => (
              <Anchor
                key={id}
                component="button"
                type="button"
                size="sm"
                ta="left"
                onClick={() => navigate({ screen: 'evidence', params: { id } })}
                data-testid="linked-evidence"
              >
                Evidence: {titles.get(id) ?? id}
              </Anchor>
            ))}
          </Stack>
        )}
        <Title order={6} mt="sm">
          Suggested (confirm each)
        </Title>
        <Text size="xs" c="dimmed">
          From the criteria and control ids the request names and the words it shares with controls and evidence.
          Nothing is linked until you choose Link.
        </Text>
        {suggestions && (
          <>
            <SuggestionList
              title="Controls"
              kind="control"
              items={suggestions.controls}
              busy={link.busy}
              onLink={(s) => save({ controlIds: [...request.controlIds, s.id], evidenceIds: request.evidenceIds })}
            />
            <SuggestionList
              title="Evidence"
              kind="evidence"
              items={suggestions.evidence}
              busy={link.busy}
              onLink={(s) => save({ controlIds: request.controlIds, evidenceIds: [...request.evidenceIds, s.id] })}
            />
          </>
        )}
      </Stack>
    </Card>
  );
}
