import { Alert, Card, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ActivityList } from '../../../shared/ipc/channels/workspace';
import { api } from '../../api/client';
import { useWorkspace } from '../../app/workspace-context';

/** Names the damaged lines so someone can inspect them; an audit trail with holes must not look whole. */
function unreadableText({ count, lines }: ActivityList['unreadable']): string {
  const noun = count === 1 ? 'line' : 'lines';
  const more = count > lines.length ? ', …' : '';
  return `${count} ${noun} of activity.jsonl could not be read (${noun} ${lines.join(', ')}${more}): the audit trail there is damaged.`;
}

/** Who did what, when: read from the workspace's append-only activity log. */
export function ActivityFeed({ target, title, limit = 20 }: { target?: string; title: string; limit?: number }) {
  const { version } = useWorkspace();
  const [list, setList] = useState<ActivityList>({ entries: [], unreadable: { count: 0, lines: [] } });
  useEffect(() => {
    void api()
      .activity.list({ limit, target })
      .then((r) => r.ok && setList(r.value));
  }, [target, limit, version]);
  const { entries, unreadable } = list;

  return (
    <Card withBorder data-testid="activity-feed">
      <Title order={5} mb="xs">
        {title}
      </Title>
      {unreadable.count > 0 && (
        <Alert color="orange" variant="light" mb="xs" data-testid="activity-unreadable">
          <Text size="sm">{unreadableText(unreadable)}</Text>
        </Alert>
      )}
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
