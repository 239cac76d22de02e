import { Alert, Button, Group, MultiSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { CONTROLS } from '../../../shared/catalog';
import { DROP_MAX_BYTES, IMPORT_PROGRESS_MIN_BYTES, type PickedFile } from '../../../shared/ipc/channels/evidence';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TaskProgress } from '../../components/TaskProgress';
import { useProgress } from '../../api/use-progress';
import { formatBytes } from './labels';

/** A file waiting to be imported: picked (main holds the path) or dropped/pasted (bytes here). */
type Pending = { key: string; name: string; size: number } & (
  { via: 'picked'; token: string } | { via: 'drop' | 'paste'; file: File }
);

const CONTROL_OPTIONS = CONTROLS.map((c) => ({ value: c.id, label: `${c.title} (${c.id})` }));

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const pastedName = (file: File) =>
  file.name && file.name !== 'image.png'
    ? file.name
    : `pasted-image-${new Date().toISOString().replace(/[:.]/g, '-')}.png`;

/**
 * Adds evidence made elsewhere: drop files, choose them, or paste an image. The person gives
 * a title, the effective date and the controls; main checks each file's content.
 */
export function ImportPanel({ controlId, onDone }: { controlId: string; onDone: () => void }) {
  const [pending, setPending] = useState<Pending[]>([]);
  const [title, setTitle] = useState('');
  const [effectiveDate, setEffectiveDate] = useState(new Date().toISOString().slice(0, 10));
  const [controlIds, setControlIds] = useState<string[]>([controlId]);
  const [errors, setErrors] = useState<AppErrorData[]>([]);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  /** The file being imported now, when it is large enough to show its progress. */
  const [large, setLarge] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const [progress, setProgress] = useProgress('import');

  const suggestTitle = (fileName: string) => setTitle((typed) => typed || fileName.replace(/\.[^.]+$/, ''));

  const addLocal = (files: File[], via: 'drop' | 'paste') => {
    const tooBig = files.filter((f) => f.size > DROP_MAX_BYTES);
    setErrors(
      tooBig.map((f) => ({
        code: 'IMPORT_REJECTED',
        message: `${f.name} is ${formatBytes(f.size)}: dropped and pasted files can be at most ${formatBytes(DROP_MAX_BYTES)}.`,
        hint: 'Use "Choose files…" for large files.',
      })),
    );
    const ok = files.filter((f) => f.size <= DROP_MAX_BYTES);
    setPending((p) => [
      ...p,
      ...ok.map((file) => ({
        key: `${via}-${file.name}-${Math.random()}`,
        name: via === 'paste' ? pastedName(file) : file.name,
        size: file.size,
        via,
        file,
      })),
    ]);
    // A suggestion only: never replaces what the person typed meanwhile.
    if (ok[0]) suggestTitle(ok[0].name);
  };

  const choose = async () => {
    const r = await api().evidence.pickFiles();
    if (!r.ok) return setErrors([r.error]);
    setPending((p) => [
      ...p,
      ...r.value.map((f: PickedFile) => ({
        key: f.token,
        name: f.name,
        size: f.size,
        via: 'picked' as const,
        token: f.token,
      })),
    ]);
    if (r.value[0]) suggestTitle(r.value[0].name);
  };

  const importAll = async () => {
    setBusy(true);
    setCancelled(null);
    const failed: AppErrorData[] = [];
    const left: Pending[] = [];
    let stopped = false;
    for (const p of pending) {
      // A cancel stops the batch: this file and the ones after it stay listed, nothing of them added.
      if (stopped) {
        left.push(p);
        continue;
      }
      const details = { title: pending.length > 1 ? `${title} (${p.name})` : title, effectiveDate, controlIds };
      setProgress(null);
      setLarge(p.size >= IMPORT_PROGRESS_MIN_BYTES ? p.name : null);
      const r =
        p.via === 'picked'
          ? await api().evidence.importPicked({ ...details, token: p.token })
          : await api().evidence.importBytes({
              ...details,
              name: p.name,
              via: p.via,
              dataBase64: await readBase64(p.file),
            });
      if (!r.ok) {
        left.push(p);
        if (r.error.code === 'CANCELLED') {
          stopped = true;
          setCancelled(r.error.message);
        } else failed.push(r.error);
      }
    }
    setLarge(null);
    setBusy(false);
    setErrors(failed);
    setPending(left);
    if (!failed.length && !stopped) onDone();
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    addLocal([...e.dataTransfer.files], 'drop');
  };
  // Pasting works anywhere in the app while the panel is open: people paste without aiming first.
  const addLocalRef = useRef(addLocal);
  useEffect(() => {
    addLocalRef.current = addLocal;
  });
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])];
      if (!files.length) return;
      e.preventDefault();
      addLocalRef.current(files, 'paste');
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  return (
    <Stack gap="sm" data-testid="import-panel">
      <Paper
        withBorder
        p="md"
        tabIndex={0}
        bg={over ? 'var(--mantine-primary-color-light)' : undefined}
        style={{ borderStyle: 'dashed', textAlign: 'center' }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <Text size="sm">Drop files here, or paste an image (Ctrl/Cmd+V)</Text>
        <Text size="xs" c="dimmed">
          PNG, JPEG, PDF, CSV, XLSX, DOCX, TXT or JSON. Each file is checked by its content.
        </Text>
        <Button mt="xs" variant="default" size="xs" onClick={() => void choose()} data-testid="import-choose">
          Choose files…
        </Button>
      </Paper>
      {pending.map((p) => (
        <Group key={p.key} justify="space-between" data-testid="import-pending">
          <Text size="sm">
            {p.name} · {formatBytes(p.size)}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => setPending((all) => all.filter((x) => x.key !== p.key))}
          >
            Remove
          </Button>
        </Group>
      ))}
      <TextInput
        label="Title"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        data-testid="import-title"
      />
      <TextInput
        label="Effective date"
        description="The day the evidence shows (YYYY-MM-DD)"
        value={effectiveDate}
        onChange={(e) => setEffectiveDate(e.currentTarget.value)}
        data-testid="import-date"
      />
      <MultiSelect
        label="Controls it proves"
        data={CONTROL_OPTIONS}
        value={controlIds}
        onChange={setControlIds}
        searchable
        data-testid="import-controls"
      />
      {busy && large && (
        <TaskProgress
          progress={progress}
          label={`Import progress of ${large}`}
          onCancel={() => void api().evidence.cancelImport()}
          testId="import"
        />
      )}
      {cancelled && (
        <Alert color="gray" title="Import cancelled" data-testid="import-cancelled">
          <Text size="sm">{cancelled}</Text>
        </Alert>
      )}
      {errors.map((e, i) => (
        <ErrorNotice key={i} error={e} title="Not imported" />
      ))}
      <Group>
        <Button
          onClick={() => void importAll()}
          loading={busy}
          disabled={!pending.length || !title.trim() || !controlIds.length}
          data-testid="import-submit"
        >
          Import {pending.length > 1 ? `${pending.length} files` : ''}
        </Button>
        <Button variant="subtle" onClick={onDone} disabled={busy}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
