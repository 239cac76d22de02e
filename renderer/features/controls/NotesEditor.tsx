import { Button, Card, Group, Text, Textarea } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * Drafts whose save failed after the editor was gone (the person had already navigated away),
 * kept for this session so coming back to the control shows the text and the reason.
 */
const failedDrafts = new Map<string, { notes: string; error: AppErrorData }>();

/**
 * Notes are saved when the field loses focus and when the editor goes away, so leaving the
 * control (a nav click, "All controls") never discards what was typed. Mount one per control.
 */
export function NotesEditor({ controlId, saved }: { controlId: string; saved: string }) {
  const [draft, setDraft] = useState(() => failedDrafts.get(controlId)?.notes ?? saved);
  const [error, setError] = useState<AppErrorData | null>(() => failedDrafts.get(controlId)?.error ?? null);
  const [saving, setSaving] = useState(false);
  // What this editor last saved, so it reads "Saved" before the workspace refresh brings it back.
  const [savedHere, setSavedHere] = useState<string | null>(null);
  // A change saved elsewhere replaces the draft only when nothing was typed since the last save.
  const [base, setBase] = useState(saved);
  if (saved !== base) {
    setBase(saved);
    if (draft === base) setDraft(saved);
    if (saved !== savedHere) setSavedHere(null);
  }

  const latest = useRef({ draft, saved, savedHere });
  useEffect(() => {
    latest.current = { draft, saved, savedHere };
  });
  const inFlight = useRef<string | null>(null);
  const mounted = useRef(false);

  const persist = useCallback(async () => {
    const { draft: notes, saved: current, savedHere: done } = latest.current;
    // Blur and the Save click arrive together; one save per text is enough.
    if (notes === current || notes === done || notes === inFlight.current) return;
    inFlight.current = notes;
    if (mounted.current) setSaving(true);
    const result = await api().controls.setNotes({ controlId, notes });
    inFlight.current = null;
    if (result.ok) failedDrafts.delete(controlId);
    else failedDrafts.set(controlId, { notes, error: result.error });
    if (!mounted.current) return;
    setSaving(false);
    setError(result.ok ? null : result.error);
    if (result.ok) setSavedHere(notes);
  }, [controlId]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void persist();
    };
  }, [persist]);

  const dirty = draft !== saved && draft !== savedHere;
  const state = saving
    ? 'Saving…'
    : dirty
      ? 'Not saved yet: saved when you leave the field'
      : draft === savedHere
        ? 'Saved'
        : '';
  return (
    <Card withBorder>
      <Textarea
        label="Notes"
        autosize
        minRows={4}
        value={draft}
        onChange={(e) => setDraft(e.currentTarget.value)}
        onBlur={() => void persist()}
        data-testid="control-notes"
      />
      <ErrorNotice error={error} title="Notes not saved" />
      <Group justify="flex-end" mt="xs">
        <Text size="xs" c="dimmed" data-testid="control-notes-state">
          {state}
        </Text>
        <Button
          size="xs"
          disabled={!dirty}
          loading={saving}
          onClick={() => void persist()}
          data-testid="control-notes-save"
        >
          Save notes
        </Button>
      </Group>
    </Card>
  );
}
