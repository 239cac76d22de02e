import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ColumnMapping } from '../../../shared/domain/requests';
import type { ImportOptions, RequestImportPreview, RequestImportResult } from '../../../shared/ipc/channels/requests';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useRoute } from '../../app/route';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ImportPlanView } from './ImportPlanView';
import { MappingStep } from './MappingStep';
import { useRequests } from './use-requests';

/** What the person chose beyond the file; each is left to the workbench until they set it. */
type Choice = Omit<ImportOptions, 'token'>;

/**
 * Importing the firm's list: choose the file, check the header row and the mapping the
 * workbench proposes (correct either), see what the import would change, then apply it, all or
 * nothing. Every step re-reads the file in main; nothing changes until "Import".
 */
export function ImportFlow() {
  const { navigate } = useRoute();
  const { view } = useRequests();
  const [file, setFile] = useState<{ token: string; name: string } | null>(null);
  const [choice, setChoice] = useState<Choice>({});
  const [firmDraft, setFirmDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState<RequestImportPreview | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RequestImportResult | null>(null);
  const firm = firmDraft ?? view?.firm ?? '';

  const choose = async () => {
    setError(null);
    const picked = await api().requests.pick();
    if (!picked.ok) return setError(picked.error);
    if (!picked.value) return;
    setPreview(null);
    setFile(picked.value);
    setChoice((c) => ({ ...(c.firm ? { firm: c.firm } : {}) }));
  };

  const load = useCallback(async (token: string, options: Choice) => {
    setBusy(true);
    const r = await api().requests.preview({ token, ...options });
    setBusy(false);
    if (r.ok) {
      setPreview(r.value);
      setError(null);
    } else {
      // The last good preview stays, so a choice that failed (a sheet, a header row) can be changed back.
      setError(r.error);
    }
  }, []);
  useEffect(() => {
    if (file) void load(file.token, choice);
  }, [file, choice, load]);

  const commitFirm = () => {
    const next = firm.trim();
    if (next !== (choice.firm ?? view?.firm ?? '')) setChoice((c) => ({ ...c, firm: next || undefined }));
  };
  const apply = async () => {
    if (!file || !preview) return;
    setBusy(true);
    const r = await api().requests.apply({ token: file.token, sha256: preview.sha256, ...choice });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };

  const back = () => navigate({ screen: 'requests' });
  if (result) {
    return (
      <Stack data-testid="import-done">
        <Title order={3}>Request list imported</Title>
        <Alert color="green" data-testid="import-result">
          Imported {result.total} requests: {result.added} new, {result.changed} changed, {result.withdrawn} withdrawn
          {result.reinstated ? `, ${result.reinstated} back in the list` : ''}.
        </Alert>
        {result.notices.map((n) => (
          <Text key={n} size="sm" c="dimmed">
            {n}
          </Text>
        ))}
        <Group>
          <Button onClick={back} data-testid="import-see-requests">
            See the requests
          </Button>
        </Group>
      </Stack>
    );
  }

  const ready = !error && !!preview?.mapping && preview.problemCount === 0 && !!preview.plan;
  return (
    <Stack data-testid="request-import">
      <Anchor component="button" type="button" size="sm" onClick={back}>
        ← All requests
      </Anchor>
      <Title order={3}>Import the request list</Title>
      <Card withBorder>
        <Group align="end">
          <TextInput
            label="Audit firm"
            description="The columns you confirm are remembered for this firm's next list"
            placeholder="Audit firm"
            value={firm}
            onChange={(e) => setFirmDraft(e.currentTarget.value)}
            onBlur={commitFirm}
            onKeyDown={(e) => e.key === 'Enter' && commitFirm()}
            data-testid="import-firm"
          />
          <Button variant={file ? 'default' : 'filled'} onClick={() => void choose()} data-testid="import-choose-list">
            {file ? 'Choose another file…' : 'Choose the CSV or Excel file…'}
          </Button>
          {file && (
            <Text size="sm" data-testid="import-file-name">
              {file.name}
            </Text>
          )}
        </Group>
        {!file && (
          <Text size="xs" c="dimmed" mt="xs">
            CSV (comma, semicolon or tab) or XLSX. Formulas are shown as their text and never run; macros and external
            links are never run or followed.
          </Text>
        )}
      </Card>
      <ErrorNotice error={error} title={preview ? 'Not imported' : 'This file cannot be imported'}>
        {error?.details && Array.isArray(error.details.problems) && (
          <Text size="xs" mt={4}>
            Nothing was changed.
          </Text>
        )}
      </ErrorNotice>
      {file && preview && (
        <MappingStep
          preview={preview}
          busy={busy}
          onSheet={(sheet) => setChoice((c) => ({ ...(c.firm ? { firm: c.firm } : {}), sheet }))}
          onHeaderRow={(headerRow) => setChoice(({ mapping: _dropped, ...c }) => ({ ...c, headerRow }))}
          onMapping={(mapping: ColumnMapping) => setChoice((c) => ({ ...c, mapping }))}
        />
      )}
      {preview && preview.problemCount > 0 && (
        <Card withBorder data-testid="import-problems">
          <Title order={5} c="red">
            {preview.problemCount} row{preview.problemCount === 1 ? '' : 's'} cannot be imported
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            Nothing is imported until every row can be: fix these rows in the file (or correct the mapping above) and
            choose it again.
          </Text>
          <Stack gap={2}>
            {preview.problems.map((p) => (
              <Text key={`${p.row}-${p.reason}`} size="sm" data-testid="import-problem">
                Row {p.row}: {p.reason}
              </Text>
            ))}
            {preview.problemCount > preview.problems.length && (
              <Text size="sm" c="dimmed">
                and {preview.problemCount - preview.problems.length} more
              </Text>
            )}
          </Stack>
        </Card>
      )}
      {preview?.plan && <ImportPlanView plan={preview.plan} requests={preview.requests} />}
      {file && preview && (
        <Group>
          <Button onClick={() => void apply()} loading={busy} disabled={!ready} data-testid="import-apply">
            Import {preview.requests} request{preview.requests === 1 ? '' : 's'}
          </Button>
          <Button variant="subtle" onClick={back}>
            Cancel
          </Button>
        </Group>
      )}
    </Stack>
  );
}
