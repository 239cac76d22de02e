import {
  Button,
  Card,
  Code,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Title,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AboutDialog } from '../app-info/AboutDialog';
import { useDiagnosticsExport } from '../app-info/use-diagnostics-export';

/** Settings of the app itself, not the workspace: the theme (the OS's by default), About, diagnostics. */
export function AppearanceAndHelp() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const [aboutOpen, setAboutOpen] = useState(false);
  const diagnostics = useDiagnosticsExport();
  const [written, setWritten] = useState<string | null>(null);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>Appearance and help</Title>
        <Group>
          <Text size="sm" id="theme-label">
            Theme
          </Text>
          <SegmentedControl
            aria-labelledby="theme-label"
            data-testid="theme"
            value={colorScheme}
            onChange={(value) => setColorScheme(value as MantineColorScheme)}
            data={[
              { value: 'auto', label: 'Follow the system' },
              { value: 'light', label: 'Light' },
              { value: 'dark', label: 'Dark' },
            ]}
          />
        </Group>
        <Group>
          <Button variant="default" onClick={() => setAboutOpen(true)} data-testid="open-about">
            About Audit Workbench
          </Button>
          <Button
            variant="default"
            loading={diagnostics.busy}
            onClick={() => void diagnostics.run().then((result) => setWritten(result?.path ?? null))}
            data-testid="export-diagnostics"
          >
            Export diagnostics…
          </Button>
        </Group>
        {written && (
          <Text size="sm" data-testid="diagnostics-written">
            Diagnostics written to <Code>{written}</Code>: versions, logs (secrets removed) and counts, never evidence.
          </Text>
        )}
        <ErrorNotice error={diagnostics.error} title="The diagnostics were not exported" />
      </Stack>
      <AboutDialog opened={aboutOpen} onClose={() => setAboutOpen(false)} />
    </Card>
  );
}
