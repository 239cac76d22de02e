import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { SigningKeyChoice } from '../../../shared/domain/signing';
import type { PreflightReport } from '../../../shared/ipc/channels/export';
import { DEFAULT_FRESHNESS_DAYS } from '../../../shared/rules/freshness';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ExportOptionsForm, type ExportFormState } from './ExportOptionsForm';
import { ExportRunPanel } from './ExportRunPanel';
import { PreflightSummary } from './PreflightSummary';
import { SshKeyField } from '../../components/SshKeyField';
import { VerifyPanel } from './VerifyPanel';

/** Export: pre-flight, options, the export itself with progress and cancel, and verify. */
export function ExportScreen() {
  const { snapshot } = useWorkspace();
  const [sign, setSign] = useState<SigningKeyChoice | null>(null);
  const { meta } = snapshot;
  const [options, setOptions] = useState<ExportFormState>({
    asOfDate: meta.asOfDate,
    categories: meta.categories,
    includeNotes: true,
    freshnessDays: DEFAULT_FRESHNESS_DAYS,
  });
  const [report, setReport] = useState<PreflightReport | null>(null);
  const [verifyRequest, setVerifyRequest] = useState<{ path: string; seal?: string; at: number } | null>(null);
  const preflight = useAction(api().export.preflight);
  const runPreflight = preflight.run;

  const check = useCallback(
    async (fresh = false) => {
      const value = await runPreflight({ ...options, fresh });
      if (value) setReport(value);
    },
    [runPreflight, options],
  );

  // Options change while the user types a date; wait for a pause before re-hashing the evidence.
  useEffect(() => {
    const timer = setTimeout(() => void check(), 400);
    return () => clearTimeout(timer);
  }, [check]);

  return (
    <Stack>
      <Title order={3}>Export the auditor bundle</Title>
      <Text size="sm" c="dimmed">
        One ZIP for the audit firm: index.pdf and index.html, the evidence files, CSV and JSON for their tools, and
        SHA256SUMS so they can check every file with standard tools.
      </Text>
      <Card withBorder>
        <Stack gap="sm">
          <ExportOptionsForm value={options} available={meta.categories} onChange={setOptions} />
          <SshKeyField
            label="Sign the bundle with your SSH key"
            description={`The auditor checks it with ssh-keygen; the signer is ${(snapshot.me ?? meta.createdBy).email}. The key never leaves your agent, and no passphrase is asked for or kept.`}
            idPrefix="export-sign"
            onChange={setSign}
          />
          <Group>
            <Button
              variant="light"
              size="xs"
              onClick={() => void check(true)}
              loading={preflight.busy}
              data-testid="preflight-run"
            >
              Check again
            </Button>
            {preflight.busy && !report && <Loader size="xs" />}
          </Group>
          <ErrorNotice error={preflight.error} title="Pre-flight failed" />
          {report && <PreflightSummary report={report} />}
        </Stack>
      </Card>
      <ExportRunPanel
        options={options}
        sign={sign}
        blocked={!!report && !report.canExport}
        onVerify={(path, seal) => setVerifyRequest({ path, seal, at: Date.now() })}
      />
      <VerifyPanel request={verifyRequest} />
    </Stack>
  );
}
