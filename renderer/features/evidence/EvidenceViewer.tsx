import { Alert, Box, Button, Code, Group, ScrollArea, Table, Text } from '@mantine/core';
import { parse } from 'csv-parse/browser/esm/sync';
import { useEffect, useMemo, useState } from 'react';
import type { EvidenceContent } from '../../../shared/ipc/channels/evidence';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';

const ZOOMS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3];
const MAX_ROWS = 500;

function ImageView({ content }: { content: EvidenceContent }) {
  const [zoom, setZoom] = useState(1);
  const [fit, setFit] = useState(true);
  const step = (dir: 1 | -1) => {
    setFit(false);
    setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(z) + dir))] ?? 1);
  };
  return (
    <div>
      <Group gap="xs" mb="xs">
        <Button size="compact-xs" variant="default" onClick={() => step(-1)} data-testid="zoom-out">
          −
        </Button>
        <Text size="xs" w={70} ta="center" data-testid="zoom-level">
          {fit ? 'Fit' : `${Math.round(zoom * 100)}%`}
        </Text>
        <Button size="compact-xs" variant="default" onClick={() => step(1)} data-testid="zoom-in">
          +
        </Button>
        <Button size="compact-xs" variant="subtle" onClick={() => setFit(true)}>
          Fit to width
        </Button>
      </Group>
      <ScrollArea.Autosize
        mah={620}
        type="auto"
        viewportProps={{ tabIndex: 0, 'aria-label': 'Evidence content' }}
        style={{ border: '1px solid var(--mantine-color-default-border)' }}
      >
        <img
          src={`data:${content.mediaType};base64,${content.data}`}
          alt={`Evidence ${content.id}`}
          data-testid="evidence-image"
          style={fit ? { width: '100%', display: 'block' } : { zoom, display: 'block', maxWidth: 'none' }}
        />
      </ScrollArea.Autosize>
    </div>
  );
}

function CsvView({ text }: { text: string }) {
  const rows = useMemo(() => {
    try {
      return parse(text, { relax_column_count: true, bom: true, skip_empty_lines: true }) as string[][];
    } catch {
      return null;
    }
  }, [text]);
  if (!rows) return <Code block>{text}</Code>;
  const [head = [], ...body] = rows;
  return (
    <ScrollArea.Autosize mah={620} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'Evidence content' }}>
      <Table striped withTableBorder fz="xs" data-testid="evidence-csv">
        <Table.Thead>
          <Table.Tr>
            {head.map((h, i) => (
              <Table.Th key={i}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {body.slice(0, MAX_ROWS).map((r, i) => (
            <Table.Tr key={i}>
              {r.map((c, j) => (
                <Table.Td key={j}>{c}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {body.length > MAX_ROWS && (
        <Text size="xs" c="dimmed">
          Showing {MAX_ROWS} of {body.length} rows; the file holds them all.
        </Text>
      )}
    </ScrollArea.Autosize>
  );
}

function TextView({ content }: { content: EvidenceContent }) {
  if (content.mediaType === 'text/csv') return <CsvView text={content.data} />;
  let text = content.data;
  if (content.mediaType === 'application/json' && !content.truncated) {
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Shown as stored: the viewer never "fixes" evidence.
    }
  }
  return (
    <ScrollArea.Autosize mah={620} type="auto" viewportProps={{ tabIndex: 0, 'aria-label': 'Evidence content' }}>
      <Code block data-testid="evidence-text">
        {text}
      </Code>
    </ScrollArea.Autosize>
  );
}

/** Shows the verified file: main refuses to send one that no longer matches its hash. */
export function EvidenceViewer({ id }: { id: string }) {
  const [content, setContent] = useState<EvidenceContent | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    setContent(null);
    setError(null);
    void api()
      .evidence.content({ id })
      .then((r) => (r.ok ? setContent(r.value) : setError(r.error)));
  }, [id]);

  if (error) return <ErrorNotice error={error} title="This file cannot be shown" />;
  if (!content) return <Text size="sm">Loading…</Text>;
  return (
    <Box data-testid="evidence-viewer">
      {content.truncated && (
        <Alert color="yellow" mb="xs">
          Showing the first part of a large file; the stored file is complete.
        </Alert>
      )}
      {content.encoding === 'base64' && <ImageView content={content} />}
      {content.encoding === 'text' && <TextView content={content} />}
      {content.encoding === 'none' && (
        <Text size="sm" c="dimmed" data-testid="no-preview">
          {content.mediaType.startsWith('image/')
            ? 'This image is too large to preview here.'
            : `No preview for ${content.mediaType}.`}{' '}
          The file is kept unchanged and goes into the auditor bundle.
        </Text>
      )}
    </Box>
  );
}
