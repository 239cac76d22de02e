import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { CaptureWindowInfo } from '../../../shared/ipc/channels/capture';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';

function WindowRow({ window: w, onChange }: { window: CaptureWindowInfo; onChange: () => void }) {
  const capture = useAction(api().capture.capture);
  const close = useAction(api().capture.close);
  const [last, setLast] = useState<EvidenceItem | null>(null);
  return (
    <Stack gap={4} data-testid="capture-window" data-window-id={w.windowId}>
      <Group justify="space-between">
        <div>
          <Text size="sm" fw={500}>
            {w.title}
          </Text>
          <Text size="xs" c="dimmed">
            {w.account
              ? `AWS ${w.account.accountId}${w.account.accountAlias ? ` (${w.account.accountAlias})` : ''} as ${w.account.principalArn}`
              : 'Web tool window'}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            size="xs"
            color="orange"
            loading={capture.busy}
            onClick={() => void capture.run({ windowId: w.windowId }).then((item) => item && setLast(item))}
            data-testid="capture-now"
          >
            Capture
          </Button>
          <Button
            size="xs"
            variant="default"
            loading={close.busy}
            onClick={() => void close.run({ windowId: w.windowId }).then(onChange)}
          >
            Close window
          </Button>
        </Group>
      </Group>
      {last && (
        <Text size="xs" c="green" data-testid="capture-done">
          Captured {last.fileName} (SHA-256 {last.sha256.slice(0, 12)}…)
        </Text>
      )}
      <ErrorNotice error={capture.error ?? close.error} title="Not captured" />
    </Stack>
  );
}

/**
 * The open capture windows with their Capture buttons: the capture windows themselves load
 * other sites and carry no controls of ours, so capturing is done from here.
 */
export function CaptureWindows({ windows, onChange }: { windows: CaptureWindowInfo[]; onChange: () => void }) {
  if (!windows.length) return null;
  return (
    <Alert color="orange" variant="light" title="Capture windows open" data-testid="capture-windows">
      <Text size="xs" mb="xs">
        Navigate in the capture window until it shows what is asked, then press Capture. The whole page is saved with a
        banner above it (page, time, account, you).
      </Text>
      <Stack gap="sm">
        {windows.map((w) => (
          <WindowRow key={w.windowId} window={w} onChange={onChange} />
        ))}
      </Stack>
    </Alert>
  );
}

/** The open capture windows, reloaded whenever main reports a change (a window closed, a capture stored). */
export function useCaptureWindows() {
  const { version } = useWorkspace();
  const [windows, setWindows] = useState<CaptureWindowInfo[]>([]);
  const reload = useCallback(
    () =>
      void api()
        .capture.windows()
        .then((r) => r.ok && setWindows(r.value)),
    [],
  );
  useEffect(reload, [reload, version]);
  return { windows, reload };
}

/** The same panel wherever a person may be when they want to capture (the Evidence screen). */
export function OpenCaptureWindows() {
  const { windows, reload } = useCaptureWindows();
  return <CaptureWindows windows={windows} onChange={reload} />;
}
