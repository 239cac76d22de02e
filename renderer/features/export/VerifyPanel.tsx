import { SAMPLE_MARK } from '../../../shared/domain/workspace';
import { Alert, Button, Card, Code, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { VerifyReportView } from '../../../shared/ipc/channels/export';
import { formatBytes } from '../../../shared/util/format-bytes';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useProgress } from '../../api/use-progress';
import { TaskProgress } from '../../components/TaskProgress';
import { chainCheckSentence } from '../../../shared/rules/chain-check-wording';

/** "Verify a bundle": for one the user just wrote, or one they received back from the auditor. */
export function VerifyPanel({ request }: { request: { path: string; seal?: string; at: number } | null }) {
  const [path, setPath] = useState('');
  const [seal, setSeal] = useState('');
  const [report, setReport] = useState<VerifyReportView | null>(null);
  const [progress, setProgress] = useProgress('verify');
  const verify = useAction(api().export.verify);
  const cancelled = verify.error?.code === 'CANCELLED';

  const check = async (target: string, expectedSeal: string) => {
    setReport(null);
    setProgress(null);
    const value = await verify.run({ path: target, seal: expectedSeal.trim() || undefined });
    if (value) setReport(value);
  };

  useEffect(() => {
    if (!request) return;
    setPath(request.path);
    setSeal(request.seal ?? '');
    void check(request.path, request.seal ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  const choose = async () => {
    const picked = await api().export.pickBundle();
    if (picked.ok && picked.value) setPath(picked.value);
  };

  return (
    <Card withBorder data-testid="verify-panel">
      <Stack gap="sm">
        <Title order={5}>Verify a bundle</Title>
        <Text size="sm" c="dimmed">
          Checks the ZIP, every file against SHA256SUMS, and every evidence file against the hash in manifest.json,
          without extracting anything.
        </Text>
        <Group align="flex-end">
          <TextInput
            label="Bundle"
            style={{ flex: 1 }}
            value={path}
            onChange={(e) => setPath(e.currentTarget.value)}
            data-testid="verify-path"
          />
          <Button variant="default" onClick={() => void choose()}>
            Choose…
          </Button>
          <Button
            onClick={() => void check(path, seal)}
            loading={verify.busy}
            disabled={!path}
            data-testid="verify-start"
          >
            Verify
          </Button>
        </Group>
        <TextInput
          label="Seal from the sender (optional)"
          description="With it, verify also proves this is exactly the bundle that was sent."
          value={seal}
          onChange={(e) => setSeal(e.currentTarget.value)}
          data-testid="verify-seal"
        />
        {verify.busy && (
          <TaskProgress
            progress={progress}
            label="Verify progress"
            onCancel={() => void api().export.cancelVerify()}
            testId="verify"
          />
        )}
        {cancelled ? (
          <Alert color="gray" title="Verification cancelled" data-testid="verify-cancelled">
            <Text size="sm">{verify.error?.message}</Text>
          </Alert>
        ) : (
          <ErrorNotice error={verify.error} />
        )}
        {report && (
          <Alert
            color={report.ok ? 'green' : 'red'}
            title={report.ok ? 'Everything matches' : `${report.problems.length} problem(s) found`}
            data-testid="verify-report"
            data-ok={report.ok}
          >
            <Text size="sm">
              {report.companyName ? `${report.companyName}, SOC 2 Type 1 as of ${report.asOfDate}. ` : ''}
              {report.files} files, {formatBytes(report.bytes)}, {report.evidenceFiles} evidence files.
            </Text>
            {report.sample && (
              <Text size="sm" fw={700} c="orange.9" data-testid="verify-sample">
                {SAMPLE_MARK}: a sample company&apos;s bundle, built from the sandbox, not from AWS.
              </Text>
            )}
            {report.fingerprint && (
              <Text size="sm">
                Fingerprint: <Code>{report.fingerprint}</Code>
              </Text>
            )}
            {report.seal && (
              <Text size="sm" data-testid="verify-seal-result" data-matches={String(report.sealMatches)}>
                Seal: <Code>{report.seal}</Code>{' '}
                {report.sealMatches === true && 'matches the seal you gave: this is exactly the bundle that was sent.'}
                {report.sealMatches === false &&
                  'does not match the seal you gave: this is not the bundle that was sent.'}
                {report.sealMatches === null &&
                  'not compared: give the seal from the sender to prove this is the bundle that was sent.'}
              </Text>
            )}
            <Text size="sm" data-testid="verify-signature" data-verified={String(report.signature?.verified ?? null)}>
              {report.signature
                ? `Signature: ${report.signature.verified ? 'good, made' : 'NOT valid; claims to be made'} by ${report.signature.principal} with ${report.signature.keyType} key ${report.signature.fingerprint}.${report.signature.verified ? ' Confirm with them, through a separate channel, that this is their key.' : ''}`
                : 'Not signed with an SSH key.'}
            </Text>
            <Text size="sm" data-testid="verify-chain" data-checked={String(report.chain !== null)}>
              {chainCheckSentence(report.chain)}
            </Text>
            {!report.ok && (
              <List size="sm" mt={4}>
                {report.problems.slice(0, 30).map((p) => (
                  <List.Item key={p}>{p}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
