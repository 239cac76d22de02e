import { Alert, Card, Grid, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import {
  REQUEST_FIELD_LABELS,
  REQUEST_FIELDS,
  type ColumnMapping,
  type RequestField,
} from '../../../shared/domain/requests';
import type { RequestImportPreview } from '../../../shared/ipc/channels/requests';

const REQUIRED: RequestField[] = ['id', 'text'];

const MAPPING_FROM: Record<RequestImportPreview['mappingFrom'], string> = {
  firm: "the columns you confirmed for this firm's last list",
  headers: 'proposed from the header names: check them',
  given: 'as you chose them',
};

type Draft = Omit<ColumnMapping, 'id' | 'text'> & { id: string | null; text: string | null };

/** The mapping to show: the previewed one, or what the header names suggest until the person completes it. */
const draftOf = (preview: RequestImportPreview): Draft =>
  preview.mapping ?? {
    id: preview.proposal.id ?? null,
    text: preview.proposal.text ?? null,
    criteria: preview.proposal.criteria ?? null,
    dueDate: preview.proposal.dueDate ?? null,
    owner: preview.proposal.owner ?? null,
    dateOrder: 'MDY',
  };

const rowLabel = (row: string[], n: number) => {
  const cells = row.filter((c) => c.trim());
  return `Row ${n}: ${cells.length ? cells.slice(0, 4).join(' · ').slice(0, 90) : '(empty)'}`;
};

/**
 * The mapping step: which row is the header (and which sheet), and which column holds each
 * field. The workbench proposes both; every change is previewed again in main.
 */
export function MappingStep({
  preview,
  busy,
  onSheet,
  onHeaderRow,
  onMapping,
}: {
  preview: RequestImportPreview;
  busy: boolean;
  onSheet: (sheet: string) => void;
  onHeaderRow: (row: number) => void;
  onMapping: (mapping: ColumnMapping) => void;
}) {
  const [draft, setDraft] = useState<Draft>(draftOf(preview));
  useEffect(() => setDraft(draftOf(preview)), [preview]);

  const setField = (field: RequestField, column: string | null) => {
    // A column holds one field: choosing it here takes it from the field that had it.
    const next: Draft = { ...draft };
    for (const f of REQUEST_FIELDS) if (column && f !== field && next[f] === column) next[f] = null;
    next[field] = column;
    commit(next);
  };
  const commit = (next: Draft) => {
    setDraft(next);
    // Only a mapping with both required columns can be previewed; until then it stays a draft here.
    if (next.id && next.text) onMapping({ ...next, id: next.id, text: next.text });
  };
  const columns = preview.columns.map((c) => ({ value: c, label: c }));
  const headerRows = new Set(
    Array.from({ length: preview.headerRow - preview.headerFirstRow + 1 }, (_, i) => preview.headerFirstRow + i),
  );
  const width = Math.min(Math.max(...preview.top.map((r) => r.length), 1), 12);

  return (
    <Card withBorder data-testid="mapping-step">
      <Title order={5}>Header and columns</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {preview.fileName} ({preview.format.toUpperCase()}): the header is on{' '}
        <b data-testid="mapping-header-row">
          {preview.headerFirstRow === preview.headerRow
            ? `row ${preview.headerRow}`
            : `rows ${preview.headerFirstRow}–${preview.headerRow}`}
        </b>
        , {preview.requests} request{preview.requests === 1 ? '' : 's'} under it. The columns are{' '}
        <span data-testid="mapping-from">{MAPPING_FROM[preview.mappingFrom]}</span>.
      </Text>
      {preview.notices.length > 0 && (
        <Alert color="yellow" mb="sm" data-testid="import-notices">
          {preview.notices.map((n) => (
            <Text key={n} size="sm">
              {n}
            </Text>
          ))}
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="sm">
            {preview.sheets.length > 1 && (
              <Select
                label="Sheet"
                value={preview.sheet}
                onChange={(v) => v && onSheet(v)}
                allowDeselect={false}
                disabled={busy}
                data={preview.sheets.map((s) => ({ value: s.name, label: s.hidden ? `${s.name} (hidden)` : s.name }))}
                data-testid="mapping-sheet"
              />
            )}
            <Select
              label="Header row"
              description="The row that names the columns (title rows above it are skipped)"
              value={String(preview.headerRow)}
              onChange={(v) => v && onHeaderRow(Number(v))}
              allowDeselect={false}
              disabled={busy}
              data={preview.top.map((row, i) => ({ value: String(i + 1), label: rowLabel(row, i + 1) }))}
              data-testid="mapping-header"
            />
            {REQUEST_FIELDS.map((field) => (
              <Select
                key={field}
                label={REQUEST_FIELD_LABELS[field]}
                placeholder={REQUIRED.includes(field) ? 'Choose a column' : 'Not in this list'}
                withAsterisk={REQUIRED.includes(field)}
                clearable={!REQUIRED.includes(field)}
                value={draft[field]}
                onChange={(v) => setField(field, v)}
                data={columns}
                disabled={busy}
                data-testid={`mapping-${field}`}
              />
            ))}
            {draft.dueDate && (
              <div>
                <Text size="sm" fw={500} id="mapping-date-order-label">
                  Dates like 03/04/2027 read as
                </Text>
                <SegmentedControl
                  aria-labelledby="mapping-date-order-label"
                  value={draft.dateOrder}
                  onChange={(v) => commit({ ...draft, dateOrder: v as Draft['dateOrder'] })}
                  data={[
                    { value: 'MDY', label: 'March 4 (US)' },
                    { value: 'DMY', label: '3 April' },
                  ]}
                  data-testid="mapping-date-order"
                />
              </div>
            )}
            {(!draft.id || !draft.text) && (
              <Alert color="yellow" data-testid="mapping-incomplete">
                Choose the columns that hold the request id and the request text.
              </Alert>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text size="sm" fw={500} mb={4}>
            The top of the sheet
          </Text>
          <div style={{ overflowX: 'auto' }}>
            <Table fz="xs" withTableBorder data-testid="mapping-top">
              <Table.Tbody>
                {preview.top.map((row, i) => {
                  const n = i + 1;
                  const header = headerRows.has(n);
                  return (
                    <Table.Tr
                      key={n}
                      bg={header ? 'var(--mantine-primary-color-light)' : undefined}
                      data-header={header || undefined}
                    >
                      <Table.Th w={36} c="dimmed">
                        {n}
                      </Table.Th>
                      {Array.from({ length: width }, (_, c) => (
                        <Table.Td key={c} style={{ maxWidth: 180 }}>
                          <Text size="xs" lineClamp={2} fw={header ? 700 : undefined}>
                            {row[c] ?? ''}
                          </Text>
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
          <Group gap={4} mt={4}>
            <Text size="xs" c="dimmed">
              The highlighted row{headerRows.size > 1 ? 's are' : ' is'} the header.
            </Text>
          </Group>
        </Grid.Col>
      </Grid>
    </Card>
  );
}
