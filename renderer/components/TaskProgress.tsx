import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ProgressEvent } from '../api/use-progress';

/**
 * Long work in progress (export, verify, a large import): one bar, what is being done, and
 * Cancel. The bar moves by what main reports; it is animated only until the first figures come.
 * The button that started the work is disabled while it runs, so its keyboard focus moves to
 * Cancel: Enter starts the work, Enter again stops it.
 */
export function TaskProgress({
  progress,
  label,
  onCancel,
  testId,
}: {
  progress: ProgressEvent | null;
  /** Names the bar for assistive technology: "Export progress". */
  label: string;
  onCancel(): void;
  /** Prefix of the test ids: `<testId>-progress`, `-progress-message`, `-cancel`. */
  testId: string;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const active = document.activeElement as HTMLButtonElement | null;
    if (!active || active === document.body || active.disabled) cancel.current?.focus();
  }, []);
  const percent =
    progress && progress.total > 0 ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : 0;
  return (
    <Stack gap={4} data-testid={`${testId}-progress`} data-done={progress?.done} data-total={progress?.total}>
      <Progress value={percent} animated={!progress} aria-label={label} />
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed" data-testid={`${testId}-progress-message`}>
          {progress?.message ?? 'Starting…'}
        </Text>
        <Button ref={cancel} size="xs" color="red" variant="light" onClick={onCancel} data-testid={`${testId}-cancel`}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
