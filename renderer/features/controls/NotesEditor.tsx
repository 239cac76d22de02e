import { Button, Card, Group, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Keyed by the saved text, so a change from elsewhere resets the draft. */
export function NotesEditor({ controlId, saved }: { controlId: string; saved: string }) {
  const [notes, setNotes] = useState(saved);
  const save = useAction(api().controls.setNotes);
  return (
    <Card withBorder>
      <Textarea label="Notes" autosize minRows={4} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} data-testid="control-notes" />
      <ErrorNotice error={save.error} title="Notes not saved" />
      <Group justify="flex-end" mt="xs">
        <Button size="xs" disabled={notes === saved} loading={save.busy} onClick={() => void save.run({ controlId, notes })} data-testid="control-notes-save">
          Save notes
        </Button>
      </Group>
    </Card>
  );
}
