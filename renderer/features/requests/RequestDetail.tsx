import { Alert, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AnswerForm } from './AnswerForm';
import { DueLabel, RequestStatusBadge, todayLocal } from './labels';
import { LinksPanel } from './LinksPanel';
import { useRequests } from './use-requests';
import { ScreenLink } from '../../components/ScreenLink';

/** One request: the firm's words as it sent them, the company's answer, and what proves it. */
export function RequestDetail({ id }: { id: string }) {
  const { view, error } = useRequests();
  const back = <ScreenLink to={{ screen: 'requests' }}>← All requests</ScreenLink>;
  if (error) return <ErrorNotice error={error} />;
  if (!view) return null;
  const request = view.requests.find((r) => r.id === id);
  if (!request) {
    return (
      <Stack>
        {back}
        <Alert color="yellow">There is no request {id} in the list.</Alert>
      </Stack>
    );
  }
  return (
    <Stack data-testid="request-detail" data-request-id={request.id}>
      {back}
      <Group gap="sm">
        <Title order={3} ff="monospace">
          {request.id}
        </Title>
        <RequestStatusBadge request={request} />
        <Text size="sm" c="dimmed">
          due <DueLabel request={request} today={todayLocal()} />
        </Text>
      </Group>
      <Text data-testid="request-text">{request.firm.text}</Text>
      {request.withdrawnAt && (
        <Alert color="gray" data-testid="request-withdrawn">
          The firm's list of {request.withdrawnAt.slice(0, 10)} no longer has this request. It is kept with its answer,
          and comes back if a later list has it again.
        </Alert>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack>
            <AnswerForm key={request.id} request={request} />
            <Card withBorder>
              <Title order={5} mb="xs">
                As the firm wrote it
              </Title>
              <Table fz="sm" data-testid="request-cells">
                <Table.Tbody>
                  {view.columns.map((c) => (
                    <Table.Tr key={c}>
                      <Table.Th w={180}>{c}</Table.Th>
                      <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{request.cells[c] ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <LinksPanel request={request} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
