import { Badge, Button, Card, Code, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ScreenshotRequestView } from '../../../shared/ipc/channels/capture';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CaptureWindows, useCaptureWindows } from './CaptureWindows';

function WebOpener({ request, onOpened }: { request: ScreenshotRequestView; onOpened: () => void }) {
  const [url, setUrl] = useState('https://');
  const open = useAction(api().capture.openWeb);
  return (
    <Stack gap={4}>
      <Group align="end" gap="xs">
        <TextInput
          label="Page address"
          size="xs"
          style={{ flex: 1 }}
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          data-testid={`web-url-${request.id}`}
        />
        <Button
          size="xs"
          loading={open.busy}
          onClick={() => void open.run({ requestId: request.id, url }).then((w) => w && onOpened())}
          data-testid={`open-web-${request.id}`}
        >
          Open capture window
        </Button>
      </Group>
      <ErrorNotice error={open.error} title="The capture window did not open" />
    </Stack>
  );
}

function RequestCard({ request, onOpened }: { request: ScreenshotRequestView; onOpened: () => void }) {
  const openAws = useAction(api().capture.openAws);
  const w = request.where;
  return (
    <Card withBorder padding="sm" data-testid={`shot-request-${request.id}`}>
      <Group justify="space-between" align="start">
        <Text fw={600} size="sm">
          {request.title}
        </Text>
        <Badge variant="light" size="sm">
          {w.kind === 'aws' ? `AWS · ${w.service}` : w.tool}
        </Badge>
      </Group>
      <Text size="sm" mt={4}>
        <b>What to show:</b> {request.what}
      </Text>
      <Text size="sm" c="dimmed">
        <b>Why:</b> {request.why}
      </Text>
      {w.kind === 'aws' ? (
        <Stack gap={4} mt="xs">
          <Text size="xs">
            Where: <Code data-testid="deep-link">{w.deepLink}</Code>
            {w.regional && !w.region && ' (choose the workspace region on the AWS screen to open the right region)'}
          </Text>
          <Group>
            <Button
              size="xs"
              loading={openAws.busy}
              onClick={() => void openAws.run({ requestId: request.id }).then((r) => r && onOpened())}
              data-testid={`open-aws-${request.id}`}
            >
              Open in AWS console
            </Button>
            <Text size="xs" c="dimmed">
              Signs in as the workspace&apos;s AWS profile; no password is typed.
            </Text>
          </Group>
          <ErrorNotice error={openAws.error} title="The AWS console did not open" />
        </Stack>
      ) : (
        <Stack gap={4} mt="xs">
          <Text size="xs">Where: {w.hint}</Text>
          <WebOpener request={request} onOpened={onOpened} />
        </Stack>
      )}
    </Card>
  );
}

/** A control's guided screenshot requests and the capture windows opened for them. */
export function ScreenshotRequestsSection({ controlId }: { controlId: string }) {
  const { version } = useWorkspace();
  const [requests, setRequests] = useState<ScreenshotRequestView[]>([]);
  const { windows, reload: reloadWindows } = useCaptureWindows();

  useEffect(() => {
    void api()
      .capture.requests({ controlId })
      .then((r) => r.ok && setRequests(r.value));
  }, [controlId, version]);

  if (!requests.length) return null;
  return (
    <Card withBorder data-testid="screenshot-requests">
      <Title order={5} mb="xs">
        Guided screenshots
      </Title>
      <Stack gap="sm">
        <CaptureWindows windows={windows} onChange={reloadWindows} />
        {requests.map((r) => (
          <RequestCard key={r.id} request={r} onOpened={reloadWindows} />
        ))}
      </Stack>
    </Card>
  );
}
