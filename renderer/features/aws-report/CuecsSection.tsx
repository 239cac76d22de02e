import { Anchor, Button, Card, Group, MultiSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { CONTROLS, controlById, RESPONSIBILITY_LABELS, type Responsibility } from '../../../shared/catalog';
import { defaultControlState } from '../../../shared/domain/control-state';
import { useRoute } from '../../app/route';
import { useWorkspace } from '../../app/workspace-context';
import { StatusBadge } from '../controls/labels';
import { newRowId } from './review-draft';
import type { SectionProps } from './section-props';
import { NumberedRowHeader } from './NumberedRowHeader';

/** The catalog's controls for the multi-select, the company's own first. */
const CONTROL_OPTIONS = (['owned', 'shared', 'inherited'] as Responsibility[]).map((r) => ({
  group: RESPONSIBILITY_LABELS[r],
  items: CONTROLS.filter((c) => c.responsibility === r).map((c) => ({ value: c.id, label: c.title })),
}));

/** The complementary user entity controls AWS leaves to its customers, each mapped to the controls that meet it. */
export function CuecsSection({ draft, setDraft, disabled }: SectionProps) {
  const { states } = useWorkspace();
  const { navigate } = useRoute();
  const [text, setText] = useState('');
  const setRow = (id: string, patch: { text?: string; controlIds?: string[] }) =>
    setDraft((d) => ({ ...d, cuecs: d.cuecs.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
  const add = () => {
    const t = text.trim();
    if (!t) return;
    setDraft((d) => ({ ...d, cuecs: [...d.cuecs, { id: newRowId('cuec'), text: t, controlIds: [] }] }));
    setText('');
  };
  return (
    <Card withBorder data-field="cuecs" data-testid="review-cuecs">
      <Title order={5}>4. Complementary user entity controls (CUECs)</Title>
      <Text size="sm" c="dimmed" mb="sm">
        AWS's report relies on its customers doing these things. The list below is a typical starting point: replace it
        with the exact wording from section III of the report, and map each to the controls of yours that meet it. The
        auditor follows each mapping to those controls' evidence.
      </Text>
      <Stack gap="sm">
        {draft.cuecs.map((c, i) => (
          <Paper key={c.id} withBorder p="sm" data-field={`cuecs.${i}`} data-testid="cuec-row" data-cuec-id={c.id}>
            <NumberedRowHeader
              label={`CUEC ${i + 1}`}
              disabled={disabled}
              onRemove={() => setDraft((d) => ({ ...d, cuecs: d.cuecs.filter((x) => x.id !== c.id) }))}
              removeTestId="cuec-remove"
            />
            <Textarea
              size="xs"
              autosize
              minRows={1}
              aria-label={`CUEC ${i + 1} text`}
              value={c.text}
              onChange={(e) => setRow(c.id, { text: e.currentTarget.value })}
              error={c.text.trim() ? undefined : 'Write the CUEC as the report states it, or remove it.'}
              disabled={disabled}
              data-testid="cuec-text"
            />
            <MultiSelect
              mt="xs"
              size="xs"
              label="Met by your controls"
              aria-label={`CUEC ${i + 1}: met by your controls`}
              placeholder={c.controlIds.length ? '' : 'Choose the controls that meet it'}
              data={CONTROL_OPTIONS}
              value={c.controlIds}
              onChange={(controlIds) => setRow(c.id, { controlIds })}
              searchable
              disabled={disabled}
              data-testid="cuec-controls"
            />
            {c.controlIds.length > 0 && (
              <Group gap="md" mt={6} data-testid="cuec-control-status">
                {c.controlIds.map((id) => (
                  <Group key={id} gap={4} wrap="nowrap">
                    <Anchor
                      component="button"
                      type="button"
                      size="xs"
                      onClick={() => navigate({ screen: 'controls', params: { controlId: id } })}
                    >
                      {controlById(id)?.title ?? id}
                    </Anchor>
                    <StatusBadge status={(states[id] ?? defaultControlState()).status} />
                  </Group>
                ))}
              </Group>
            )}
          </Paper>
        ))}
        <Group align="end">
          <Textarea
            size="xs"
            autosize
            minRows={1}
            label="Add a CUEC"
            placeholder="As the report states it"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            disabled={disabled}
            style={{ flex: 1 }}
            data-testid="cuec-new"
          />
          <Button size="xs" variant="light" onClick={add} disabled={disabled || !text.trim()} data-testid="cuec-add">
            Add CUEC
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
