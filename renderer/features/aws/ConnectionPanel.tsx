import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { AwsIdentity } from '../../../shared/domain/aws';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';

/** "Test connection": STS GetCallerIdentity, plus the account alias when the identity may read it. */
export function ConnectionPanel({ profile, region }: { profile: string; region?: string }) {
  const test = useAction(api().aws.testConnection);
  const [identity, setIdentity] = useState<AwsIdentity | null>(null);

  const run = async () => {
    setIdentity(null);
    const who = await test.run({ profile, ...(region ? { region } : {}) });
    if (who) setIdentity(who);
  };

  const alias =
    identity?.accountAlias ??
    (identity?.aliasStatus === 'denied' ? 'not readable (iam:ListAccountAliases denied)' : 'none');
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" onClick={() => void run()} loading={test.busy} data-testid="aws-test-connection">
          Test connection
        </Button>
        {identity && (
          <Badge color="green" variant="light">
            Connected
          </Badge>
        )}
      </Group>
      {identity && (
        <Table data-testid="aws-identity" withRowBorders={false} fz="sm">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={140}>Account</Table.Th>
              <Table.Td data-testid="aws-identity-account">{identity.accountId}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Account alias</Table.Th>
              <Table.Td data-testid="aws-identity-alias">{alias}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Principal</Table.Th>
              <Table.Td data-testid="aws-identity-principal" style={{ wordBreak: 'break-all' }}>
                {identity.principalArn}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Region</Table.Th>
              <Table.Td data-testid="aws-identity-region">{identity.region}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Checked</Table.Th>
              <Table.Td>
                <Text size="xs" c="dimmed">
                  {identity.checkedAt.replace('T', ' ').replace('Z', ' UTC')} · request {identity.requestId}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
      <ErrorNotice error={test.error} title="Could not connect" />
    </Stack>
  );
}
