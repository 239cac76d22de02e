import { Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { RecentWorkspace } from '../../../shared/ipc/channels/workspace';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CreateWorkspaceForm } from './CreateWorkspaceForm';
import { TrySampleCompany } from './TrySampleCompany';

/** First run and "no workspace open": create one, open one, or pick a recent one. */
export function WelcomeScreen({ onOpened }: { onOpened: () => void }) {
  const [recent, setRecent] = useState<RecentWorkspace[]>([]);
  // `restoring` is set when restoring a file failed, so "Take over" retries the restore rather than the open.
  const [openError, setOpenError] = useState<{ folder: string; error: AppErrorData; restoring?: string } | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    void api()
      .workspace.recent()
      .then((r) => r.ok && setRecent(r.value));
  }, []);

  const open = useCallback(
    async (folder: string, takeOverStaleLock = false) => {
      setOpenError(null);
      const result = await api().workspace.open({ folder, takeOverStaleLock });
      if (result.ok) onOpened();
      else setOpenError({ folder, error: result.error });
    },
    [onOpened],
  );

  const pickAndOpen = async () => {
    const picked = await api().workspace.pickFolder({ purpose: 'open' });
    if (picked.ok && picked.value) await open(picked.value);
  };

  const restore = async (file: string, takeOverStaleLock = false) => {
    if (!openError) return;
    const result = await api().workspace.restoreBackup({ folder: openError.folder, file, takeOverStaleLock });
    if (result.ok) await open(openError.folder);
    else setOpenError({ folder: openError.folder, error: result.error, restoring: file });
  };

  const takeOver = async () => {
    if (!openError) return;
    if (openError.restoring) await restore(openError.restoring, true);
    else await open(openError.folder, true);
  };

  return (
    <Container size="md" py="xl">
      <Stack>
        <div>
          <Title order={2}>Audit Workbench</Title>
          <Text c="dimmed">
            Prepare your SOC 2 Type 1 audit on AWS: see what AWS proves for you, what you must prove yourself, and
            collect the evidence. Everything stays in a folder on this computer.
          </Text>
        </div>
        {openError && (
          <ErrorNotice error={openError.error} title="The workspace could not be opened">
            <Group mt="sm">
              {openError.error.code === 'WORKSPACE_LOCKED' && (
                <Button size="xs" color="orange" onClick={() => void takeOver()} data-testid="take-over">
                  Take over
                </Button>
              )}
              {openError.error.details?.backupAvailable === true && (
                <Button
                  size="xs"
                  onClick={() => void restore(String(openError.error.details?.file ?? ''))}
                  data-testid="restore-backup"
                >
                  Restore last good copy of {String(openError.error.details.file)}
                </Button>
              )}
            </Group>
          </ErrorNotice>
        )}
        {creating ? (
          <CreateWorkspaceForm onCreated={onOpened} onCancel={() => setCreating(false)} />
        ) : (
          <Group>
            <Button onClick={() => setCreating(true)} data-testid="new-workspace">
              New workspace
            </Button>
            <Button variant="default" onClick={() => void pickAndOpen()} data-testid="open-workspace">
              Open a workspace folder…
            </Button>
          </Group>
        )}
        {!creating && <TrySampleCompany onCreated={onOpened} />}
        {recent.length > 0 && (
          <Card withBorder>
            <Title order={5} mb="xs">
              Recent workspaces
            </Title>
            <Stack gap="xs">
              {recent.map((r) => (
                <Group key={r.path} justify="space-between" data-testid="recent-workspace">
                  <div>
                    <Text fw={500}>{r.companyName}</Text>
                    <Text size="xs" c="dimmed">
                      {r.path}
                    </Text>
                  </div>
                  <Button size="xs" variant="light" onClick={() => void open(r.path)}>
                    Open
                  </Button>
                </Group>
              ))}
            </Stack>
          </Card>
        )}
      </Stack>
    </Container>
  );
}
