import { Alert, Button, Card, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SigningKeyChoice } from '../../../shared/domain/signing';
import type { ExportResultView } from '../../../shared/ipc/channels/export';
import { formatBytes } from '../../../shared/util/format-bytes';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { ExportFormState } from './ExportOptionsForm';
import { useProgress } from '../../api/use-progress';
import { TaskProgress } from '../../components/TaskProgress';

/** Where to write, the export button, progress with cancel, and the result with its fingerprint. */
export function ExportRunPanel({
  options,
  sign,
  blocked,
  onVerify,
}: {
  options: ExportFormState;
  sign: SigningKeyChoice | null;
  blocked: boolean;
  onVerify(path: string, seal: string): void;
}) {
  const [outPath, setOutPath] = useState('');
  const [result, setResult] = useState<ExportResultView | null>(null);
  const [progress, setProgress] = useProgress('export');
  const run = useAction(api().export.run);

  useEffect(() => {
    void api()
      .export.suggestPath({ asOfDate: options.asOfDate })
      .then((r) => r.ok && setOutPath((current) => current || r.value));
  }, [options.asOfDate]);

  const choose = async () => {
    const picked = await api().export.pickOutput({ defaultPath: outPath });
    if (picked.ok && picked.value) setOutPath(picked.value);
  };

  const start = async () => {
    setResult(null);
    setProgress(null);
    const value = await run.run({ ...options, outPath, ...(sign ? { sign } : {}) });
    if (value) setResult(value);
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group align="flex-end">
          <TextInput
            label="Save the bundle as"
            style={{ flex: 1 }}
            value={outPath}
            onChange={(e) => setOutPath(e.currentTarget.value)}
            data-testid="export-path"
          />
          <Button variant="default" onClick={() => void choose()} disabled={run.busy}>
            Choose…
          </Button>
          <Button
            onClick={() => void start()}
            loading={run.busy}
            disabled={!outPath || blocked}
            data-testid="export-start"
          >
            {blocked ? 'Fix the changed evidence first' : 'Export bundle'}
          </Button>
        </Group>
        {run.busy && (
          <TaskProgress
            progress={progress}
            label="Export progress"
            onCancel={() => void api().export.cancel()}
            testId="export"
          />
        )}
        <ErrorNotice
          error={run.error}
          title={run.error?.code === 'CANCELLED' ? 'Export cancelled' : 'The bundle was not written'}
        />
        {result && (
          <Alert color="green" title="Bundle written and verified" data-testid="export-result">
            <Stack gap={4}>
              <Text size="sm">
                <Code data-testid="export-result-path">{result.path}</Code>
              </Text>
              <Text size="sm">
                {result.files} files ({result.evidenceFiles} evidence), {formatBytes(result.zipBytes)}, in{' '}
                {(result.durationMs / 1000).toFixed(1)} s.
              </Text>
              <Text size="sm">
                Bundle fingerprint (SHA-256 of manifest.json), to confirm with the auditor through a separate channel:
              </Text>
              <Code block data-testid="export-fingerprint">
                {result.fingerprint}
              </Code>
              <Text size="sm">
                Bundle seal (SHA-256 of SHA256SUMS): send it separately too; verifying with it proves a copy is exactly
                this bundle.
              </Text>
              <Code block data-testid="export-seal">
                {result.seal}
              </Code>
              <Text size="sm" data-testid="export-signature">
                {result.signature
                  ? `Signed as ${result.signature.principal} with ${result.signature.keyType} key ${result.signature.fingerprint}: tell the auditor this key fingerprint through a separate channel too.`
                  : 'Not signed with an SSH key.'}
              </Text>
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => onVerify(result.path, result.seal)}
                  data-testid="export-verify-result"
                >
                  Verify this bundle
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
