import { Badge, Card, Grid, Group, Select, Stack, Text, Title } from '@mantine/core';
import { controlById } from '../../../shared/catalog';
import { criterionById } from '../../../shared/catalog/criteria';
import {
  CONTROL_STATUSES,
  defaultControlState,
  STATUS_LABELS,
  type ControlStatus,
} from '../../../shared/domain/control-state';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ActivityFeed } from '../activity/ActivityFeed';
import { CONTROL_DETAIL_SECTIONS } from './detail-sections';
import { ExclusionsPanel } from './ExclusionsPanel';
import { ExpectedEvidenceList } from './ExpectedEvidenceList';
import { NotesEditor } from './NotesEditor';
import { ResponsibilityBadge, StatusBadge } from './labels';
import { ScreenLink } from '../../components/ScreenLink';

export function ControlDetail({ controlId }: { controlId: string }) {
  const { snapshot, states } = useWorkspace();
  const control = controlById(controlId);
  const state = states[controlId] ?? defaultControlState();
  const setOwner = useAction(api().controls.setOwner);
  const setStatus = useAction(api().controls.setStatus);

  if (!control) return <Text>Unknown control {controlId}.</Text>;
  const today = new Date().toISOString().slice(0, 10);

  return (
    <Stack data-testid="control-detail">
      <ScreenLink to={{ screen: 'controls' }}>← All controls</ScreenLink>
      <Group justify="space-between" align="start">
        <div>
          <Title order={3}>{control.title}</Title>
          <Text size="sm" c="dimmed">
            {control.id} · runs {control.frequency.replace('_', ' ')}
          </Text>
        </div>
        <Group>
          <ResponsibilityBadge responsibility={control.responsibility} />
          <StatusBadge status={state.status} />
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Card withBorder>
              <Title order={5}>What it means</Title>
              <Text size="sm">{control.intent}</Text>
              <Title order={5} mt="sm">
                Why it is{' '}
                {control.responsibility === 'inherited'
                  ? "AWS's"
                  : control.responsibility === 'owned'
                    ? 'yours'
                    : 'shared'}
              </Title>
              <Text size="sm">{control.whyResponsibility}</Text>
              {control.split && (
                <Grid mt="xs">
                  <Grid.Col span={6}>
                    <Text size="xs" fw={600}>
                      AWS does
                    </Text>
                    <Text size="sm">{control.split.aws}</Text>
                  </Grid.Col>
                  <Grid.Col span={6}>
                    <Text size="xs" fw={600}>
                      You do
                    </Text>
                    <Text size="sm">{control.split.company}</Text>
                  </Grid.Col>
                </Grid>
              )}
              <Group gap={4} mt="sm">
                {control.criteria.map((c) => (
                  <Badge key={c} variant="light" title={criterionById(c)?.summary}>
                    {c}
                  </Badge>
                ))}
              </Group>
            </Card>
            <Card withBorder>
              <Title order={5} mb="xs">
                Evidence that proves it
              </Title>
              <ExpectedEvidenceList controlId={controlId} evidence={control.evidence} />
            </Card>
            {CONTROL_DETAIL_SECTIONS.map(({ id, component: Section }) => (
              <Section key={id} controlId={controlId} />
            ))}
            <ExclusionsPanel controlId={controlId} exclusions={state.exclusions} today={today} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Card withBorder>
              <Stack gap="sm">
                <Select
                  label="Owner"
                  placeholder="Nobody yet"
                  clearable
                  value={state.ownerId}
                  data={snapshot.members.map((m) => ({
                    value: m.id,
                    label: `${m.name}${m.role ? ` (${m.role})` : ''}`,
                  }))}
                  onChange={(ownerId) => void setOwner.run({ controlId, ownerId })}
                  data-testid="control-owner"
                />
                <Select
                  label="Status"
                  value={state.status}
                  allowDeselect={false}
                  data={CONTROL_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
                  onChange={(status) => status && void setStatus.run({ controlId, status: status as ControlStatus })}
                  data-testid="control-status"
                />
                <ErrorNotice error={setOwner.error ?? setStatus.error} title="Not saved" />
                {state.updatedAt && (
                  <Text size="xs" c="dimmed">
                    Last changed {state.updatedAt.replace('T', ' ').slice(0, 16)} UTC by {state.updatedBy}
                  </Text>
                )}
              </Stack>
            </Card>
            <NotesEditor key={controlId} controlId={controlId} saved={state.notes} />
            <ActivityFeed target={`control:${controlId}`} title="Activity" />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
