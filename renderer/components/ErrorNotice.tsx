import { Alert, Text } from '@mantine/core';
import type { AppErrorData } from '../../shared/ipc/result';

/** Shows an error the way main wrote it for people: what is wrong, then what to do. */
export function ErrorNotice({ error, title, children }: { error: AppErrorData | null; title?: string; children?: React.ReactNode }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title ?? 'That did not work'} data-testid="error-notice" data-error-code={error.code}>
      <Text size="sm">{error.message}</Text>
      {error.hint && (
        <Text size="sm" mt={4} c="dimmed">
          {error.hint}
        </Text>
      )}
      {children}
    </Alert>
  );
}
