import { Alert, Code, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AboutDialog } from './AboutDialog';
import { useDiagnosticsExport } from './use-diagnostics-export';

/** Carries out the app menu's window commands (About, Export diagnostics), wherever the app is. */
export function AppCommands() {
  const [aboutOpen, setAboutOpen] = useState(false);
  const diagnostics = useDiagnosticsExport();
  const [written, setWritten] = useState<string | null>(null);
  const { run } = diagnostics;
  useEffect(
    () =>
      api().on('app.command', ({ command }) => {
        if (command === 'about') setAboutOpen(true);
        else void run().then((result) => setWritten(result?.path ?? null));
      }),
    [run],
  );
  return (
    <>
      <AboutDialog opened={aboutOpen} onClose={() => setAboutOpen(false)} />
      <ErrorNotice error={diagnostics.error} title="The diagnostics were not exported" />
      {written && (
        <Alert color="green" withCloseButton onClose={() => setWritten(null)} data-testid="diagnostics-written">
          <Text size="sm">
            Diagnostics written to <Code>{written}</Code>. They hold versions, logs and counts, never evidence or
            secrets.
          </Text>
        </Alert>
      )}
    </>
  );
}
