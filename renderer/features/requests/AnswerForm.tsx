import { Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  type AuditRequest,
  type RequestStatus,
} from '../../../shared/domain/requests';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';

const STATUS_HINTS: Record<RequestStatus, string> = {
  open: 'Nobody has started on it.',
  in_progress: 'Someone is gathering the answer.',
  submitted: 'Sent to the auditor; waiting on them.',
  accepted: 'The auditor accepted the answer.',
  returned: 'The auditor sent it back: write what they asked for.',
};

/** The company's answer to one request: status, owner from the team, due date and response. */
export function AnswerForm({ request }: { request: AuditRequest }) {
  const { snapshot } = useWorkspace();
  const [status, setStatus] = useState<RequestStatus>(request.status);
  const [ownerId, setOwnerId] = useState<string | null>(request.ownerId);
  const [dueDate, setDueDate] = useState(request.dueDate ?? '');
  const [response, setResponse] = useState(request.response);
  const [auditorComment, setAuditorComment] = useState(request.auditorComment);
  const save = useAction(api().requests.answer);
  const [saved, setSaved] = useState(false);

  const needsComment = status === 'returned' && !auditorComment.trim();
  const badDate = dueDate.trim() !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(dueDate.trim());
  const submit = async () => {
    setSaved(false);
    const done = await save.run({
      id: request.id,
      status,
      ownerId,
      dueDate: dueDate.trim() || null,
      response,
      auditorComment,
    });
    if (done) setSaved(true);
  };

  return (
    <Card withBorder data-testid="answer-form">
      <Title order={5} mb="xs">
        Answer
      </Title>
      <Stack gap="sm">
        <Group grow align="start">
          <Select
            label="Status"
            description={STATUS_HINTS[status]}
            value={status}
            onChange={(v) => v && setStatus(v as RequestStatus)}
            allowDeselect={false}
            data={REQUEST_STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] }))}
            data-testid="answer-status"
          />
          <Select
            label="Owner"
            description="Who on the team answers it"
            placeholder="No owner"
            clearable
            value={ownerId}
            onChange={setOwnerId}
            data={snapshot.members.map((m) => ({ value: m.id, label: m.name }))}
            data-testid="answer-owner"
          />
          <TextInput
            label="Due date"
            description={request.firm.dueDate ? `The firm asked for ${request.firm.dueDate}` : 'YYYY-MM-DD'}
            placeholder="YYYY-MM-DD"
            value={dueDate}
            onChange={(e) => setDueDate(e.currentTarget.value)}
            error={badDate ? 'Write the date as YYYY-MM-DD' : undefined}
            data-testid="answer-due"
          />
        </Group>
        <Textarea
          label="Response"
          description="What the company says to the auditor about this request"
          autosize
          minRows={3}
          maxRows={12}
          value={response}
          onChange={(e) => setResponse(e.currentTarget.value)}
          data-testid="answer-response"
        />
        <Textarea
          label="Auditor's comment"
          description={
            status === 'returned' ? 'Required when returned: what the auditor asked for' : 'When the auditor returns it'
          }
          autosize
          minRows={2}
          maxRows={8}
          withAsterisk={status === 'returned'}
          value={auditorComment}
          onChange={(e) => setAuditorComment(e.currentTarget.value)}
          error={needsComment ? "A returned request needs the auditor's comment" : undefined}
          data-testid="answer-auditor-comment"
        />
        <ErrorNotice error={save.error} title="Not saved" />
        <Group>
          <Button
            onClick={() => void submit()}
            loading={save.busy}
            disabled={needsComment || badDate}
            data-testid="answer-save"
          >
            Save answer
          </Button>
          {saved && (
            <Text size="sm" c="dimmed" data-testid="answer-saved" role="status">
              Saved
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
