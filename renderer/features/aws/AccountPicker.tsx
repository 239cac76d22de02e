import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SsoAccount, SsoRole } from '../../../shared/domain/aws';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';

/** The accounts an SSO sign-in reaches, with the roles in each; the checked ones are the workspace's scope. */
export function AccountPicker({ profile, selected }: { profile: string; selected: string[] }) {
  const load = useAction(api().aws.listAccounts);
  const loadRoles = useAction(api().aws.listRoles);
  const save = useAction(api().aws.selectAccounts);
  const [accounts, setAccounts] = useState<SsoAccount[] | null>(null);
  const [roles, setRoles] = useState<Record<string, SsoRole[]>>({});
  const [checked, setChecked] = useState<string[]>(selected);

  useEffect(() => setChecked(selected), [selected]);

  const list = async () => {
    const found = await load.run({ profile });
    if (!found) return;
    setAccounts(found);
    const byAccount: Record<string, SsoRole[]> = {};
    for (const a of found) byAccount[a.accountId] = (await loadRoles.run({ profile, accountId: a.accountId })) ?? [];
    setRoles(byAccount);
  };

  const toggle = (id: string) => setChecked((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  return (
    <Stack gap="xs" data-testid="aws-accounts">
      <Group>
        <Button variant="light" onClick={() => void list()} loading={load.busy} data-testid="aws-list-accounts">
          List my accounts
        </Button>
        {accounts && (
          <Button onClick={() => void save.run({ accountIds: checked })} loading={save.busy} data-testid="aws-save-accounts">
            Use {checked.length} selected account{checked.length === 1 ? '' : 's'}
          </Button>
        )}
      </Group>
      {accounts?.length === 0 && <Text size="sm">This sign-in reaches no accounts.</Text>}
      {accounts?.map((a) => (
        <div key={a.accountId} data-testid={`aws-account-${a.accountId}`}>
          <Checkbox
            checked={checked.includes(a.accountId)}
            onChange={() => toggle(a.accountId)}
            label={`${a.accountName} (${a.accountId})`}
            description={roles[a.accountId]?.length ? `Roles: ${roles[a.accountId]!.map((r) => r.roleName).join(', ')}` : a.emailAddress}
          />
        </div>
      ))}
      {selected.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="aws-selected-accounts">
          In scope for this workspace: {selected.join(', ')}
        </Text>
      )}
      <ErrorNotice error={load.error ?? loadRoles.error} title="Could not list accounts" />
      <ErrorNotice error={save.error} title="Not saved" />
    </Stack>
  );
}
