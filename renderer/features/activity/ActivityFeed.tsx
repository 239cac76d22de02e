import { Card, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../shared/domain/activity';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';

/** Who did what, when: read from the workspace's append-only activity log. */
export function ActivityFeed({ target, title, limit = 20 }: { target?: string; title: string; limit?: number }) {
  const { version } = useWorkspace();
  const [entries, setEntries] = useState<ActivityEntry[]>([]);
  useEffect(() => {
    void api()
      .activity.list({ limit, target })
      .then((r) => r.ok && setEntries(r.value));
  }, [target, limit, version]);

  return (
    <Card withBorder data-testid="activity-feed">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {entries.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing yet.
        </Text>
      )}
      <Stack gap={6}>
        {entries.map((e, i) => (
          <div key={`${e.at}-${i}`}>
            <Text size="sm">{e.summary}</Text>
            <Text size="xs" c="dimmed">
              {e.actor.name} · {e.at.replace('T', ' ').slice(0, 16)} UTC
            </Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}
