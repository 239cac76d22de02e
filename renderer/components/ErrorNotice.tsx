import { Alert, Text } from '@mantine/core';
import type { AppErrorData } from '../../shared/ipc/result';

/** AWS's own words, when main kept them (`mapAwsError`): what AWS support and search engines know the error by. */
function awsSaid(error: AppErrorData): string | undefined {
  const message = error.details?.awsMessage;
  if (typeof message !== 'string' || !message.trim()) return undefined;
  const name = error.details?.awsError;
  return `AWS said${typeof name === 'string' && name ? ` (${name})` : ''}: ${message}`;
}

/** Shows an error the way main wrote it for people: what is wrong, then what to do. */
export function ErrorNotice({
  error,
  title,
  children,
}: {
  error: AppErrorData | null;
  title?: string;
  children?: React.ReactNode;
}) {
  if (!error) return null;
  const said = awsSaid(error);
  return (
    <Alert color="red" title={title ?? 'That did not work'} data-testid="error-notice" data-error-code={error.code}>
      <Text size="sm">{error.message}</Text>
      {error.hint && (
        <Text size="sm" mt={4} c="dimmed">
          {error.hint}
        </Text>
      )}
      {said && (
        <Text size="xs" mt={4} c="dimmed" ff="monospace" data-testid="error-aws-message">
          {said}
        </Text>
      )}
      {children}
    </Alert>
  );
}
