import { Group, Progress, Stack, Text } from '@mantine/core';
import { checkById } from '../../../shared/catalog';
import type { CheckProgress } from '../../../shared/domain/findings';
import { ResultBadge } from './labels';

/** One bar per check while a run is going; a check's bar is full once its evidence is stored. */
export function RunProgress({ checkIds, progress }: { checkIds: string[]; progress: Record<string, CheckProgress> }) {
  return (
    <Stack gap={6} data-testid="check-progress">
      {checkIds.map((id) => {
        const p = progress[id];
        const value = p?.result ? 100 : p ? Math.round((100 * p.done) / Math.max(1, p.total)) : 0;
        return (
          <Group key={id} gap="sm" wrap="nowrap" data-testid="check-progress-row" data-check-id={id}>
            <Text size="sm" w={260} truncate>
              {checkById(id)?.title ?? id}
            </Text>
            <Progress value={value} style={{ flex: 1 }} animated={!p?.result} aria-label={`${id} progress`} />
            {p?.result ? (
              <ResultBadge result={p.result} />
            ) : (
              <Text size="xs" c="dimmed" w={90}>
                {p ? 'Collecting…' : 'Waiting'}
              </Text>
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
