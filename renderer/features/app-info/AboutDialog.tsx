import { Modal, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../shared/ipc/channels/app';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';

/** Help → About: the versions a bug report needs, and the licenses of every package the app ships. */
export function AboutDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  useEffect(() => {
    if (!opened) return;
    void api()
      .app.about()
      .then((result) => (result.ok ? setAbout(result.value) : setError(result.error)));
  }, [opened]);
  return (
    <Modal opened={opened} onClose={onClose} title="About Audit Workbench" size="lg" data-testid="about-dialog">
      <ErrorNotice error={error} />
      {about && (
        <Stack gap="sm">
          <Table data-testid="about-versions" withRowBorders={false}>
            <Table.Tbody>
              {[
                ['Audit Workbench', about.appVersion],
                ['Electron', about.electron ?? 'not running in Electron'],
                ['Chromium', about.chromium ?? 'not running in Electron'],
                ['Node', about.node],
                ['Operating system', about.os],
              ].map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={5}>Open-source licenses ({about.licenses.length} packages)</Title>
          {about.licensesProblem && <Text c="red">{about.licensesProblem}</Text>}
          <ScrollArea h={260} type="auto" tabIndex={0} aria-label="Licenses of bundled packages">
            <Table striped data-testid="about-licenses">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Package</Table.Th>
                  <Table.Th>Version</Table.Th>
                  <Table.Th>License</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {about.licenses.map((entry) => (
                  <Table.Tr key={`${entry.name}@${entry.version}`}>
                    <Table.Td>{entry.name}</Table.Td>
                    <Table.Td>{entry.version}</Table.Td>
                    <Table.Td>{entry.license}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Stack>
      )}
    </Modal>
  );
}
