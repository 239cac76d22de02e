import { Button, Card, Group, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * "Try with a sample company": a workspace in a folder the user chooses, backed by the built-in
 * sandbox instead of AWS, so every screen can be seen working before a real account is connected.
 */
export function TrySampleCompany({ onCreated }: { onCreated: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  // The workspace shows as soon as it opens, while its checks still run: by the time creating
  // ends, this screen is gone and the person may be elsewhere in the app, where they stay.
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const start = async () => {
    setError(null);
    const picked = await api().workspace.pickFolder({ purpose: 'create' });
    if (!picked.ok) return setError(picked.error);
    if (!picked.value) return;
    setBusy(true);
    const created = await api().workspace.createSample({ folder: picked.value });
    if (!mounted.current) return;
    setBusy(false);
    if (created.ok) onCreated();
    else setError(created.error);
  };

  return (
    <Card withBorder>
      <Title order={5}>Try it without AWS</Title>
      <Text size="sm" c="dimmed" mb="sm">
        A sample company with two AWS accounts, a team and checks that pass, fail and need review, answered by a sandbox
        on this computer. Its bundles are marked SAMPLE, NOT EVIDENCE, and it never connects to AWS.
      </Text>
      <ErrorNotice error={error} title="The sample company could not be created" />
      <Group>
        <Button variant="light" loading={busy} onClick={() => void start()} data-testid="try-sample">
          Try with a sample company…
        </Button>
        {busy && (
          <Text size="sm" c="dimmed">
            Signing in to the sandbox and running the checks…
          </Text>
        )}
      </Group>
    </Card>
  );
}
