import { Button, Code, Group, Stack, Text } from '@mantine/core';
import type { ReportDetails } from '../../../shared/domain/aws-report-review';
import type { AppErrorData } from '../../../shared/ipc/result';
import { formatBytes } from '../../../shared/util/format-bytes';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The copy of the report that was reviewed: recorded by name, size and SHA-256 only. */
export function ReportFileField({
  file,
  onChoose,
  busy,
  error,
  disabled,
}: {
  file: ReportDetails['file'];
  onChoose(): void;
  busy: boolean;
  error: AppErrorData | null;
  disabled: boolean;
}) {
  return (
    <Stack gap={4} data-field="report.file">
      <Text size="sm" fw={500}>
        The report you reviewed
      </Text>
      {file ? (
        <div data-testid="report-file">
          <Text size="sm">
            <b data-testid="report-file-name">{file.name}</b> ·{' '}
            <span data-testid="report-file-size">{formatBytes(file.bytes)}</span>
          </Text>
          <Text size="xs">
            SHA-256 <Code data-testid="report-file-sha256">{file.sha256}</Code>
          </Text>
        </div>
      ) : (
        <Text size="sm" c="dimmed" data-testid="report-file-none">
          No file chosen yet.
        </Text>
      )}
      <Text size="xs" c="dimmed">
        The PDF itself is not stored in the workspace or the bundle: AWS's report is AWS Confidential. Only its name,
        size and SHA-256 are recorded, so the auditor can match them against their own copy from AWS Artifact.
      </Text>
      <ErrorNotice error={error} title="That file was not recorded" />
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={onChoose}
          loading={busy}
          disabled={disabled}
          data-testid="report-choose-file"
        >
          {file ? 'Choose another PDF…' : 'Choose the report PDF…'}
        </Button>
      </Group>
    </Stack>
  );
}
