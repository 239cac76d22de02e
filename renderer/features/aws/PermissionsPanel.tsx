import { Button, Card, Code, CopyButton, Group, List, ScrollArea, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PermissionsAdvice } from '../../../shared/domain/aws-permissions';
import { api } from '../../api/client';

/** The read-only policy to paste into a permission set, and what the managed alternative lacks. */
export function PermissionsPanel() {
  const [advice, setAdvice] = useState<PermissionsAdvice | null>(null);
  useEffect(() => {
    void api()
      .aws.permissions()
      .then((r) => r.ok && setAdvice(r.value));
  }, []);
  if (!advice) return null;
  return (
    <Card withBorder data-testid="aws-permissions">
      <Group justify="space-between" mb="xs">
        <Title order={5}>Permissions</Title>
        <CopyButton value={advice.policyJson}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy} data-testid="aws-copy-policy">
              {copied ? 'Copied' : 'Copy policy JSON'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" mb="xs">
        The workbench only reads. Give the role you sign in with this inline policy ({advice.actionCount} read-only
        actions), for example in an IAM Identity Center permission set:
      </Text>
      <ScrollArea h={220} viewportProps={{ tabIndex: 0, 'aria-label': 'Permissions policy' }}>
        <Code block data-testid="aws-policy-json">
          {advice.policyJson}
        </Code>
      </ScrollArea>
      <Text size="sm" mt="sm" mb={4}>
        Why each action is asked for:
      </Text>
      <ScrollArea h={180} viewportProps={{ tabIndex: 0, 'aria-label': 'Actions and the checks that need them' }}>
        <Table fz="xs" data-testid="aws-policy-actions">
          <Table.Tbody>
            {advice.actions.map((a) => (
              <Table.Tr key={a.action} data-action={a.action}>
                <Table.Td>
                  <Code>{a.action}</Code>
                </Table.Td>
                <Table.Td>
                  {a.checks.length + a.features.length > 0
                    ? [...a.checks, ...a.features].join(', ')
                    : `every run: ${a.why}`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {advice.alternatives.map((a) => (
        <Text key={a.name} size="sm" mt="sm">
          <b>Or use {a.name}</b> ({a.arn}): {a.note}
        </Text>
      ))}
      <List size="xs" mt="sm" c="dimmed">
        {advice.notes.map((n) => (
          <List.Item key={n}>{n}</List.Item>
        ))}
      </List>
    </Card>
  );
}
