import { Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ProfileSummary, SsoAccount, SsoRole } from '../../../shared/domain/aws';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { ErrorNotice } from '../../components/ErrorNotice';
import { hasErrors, isSso } from './session-label';

/**
 * The accounts in the workspace's scope. They are always listed and saved through the
 * workspace's own profile, never through the profile highlighted in the table: another
 * profile may sign in elsewhere and reach other accounts.
 */
export function AccountsCard({
  workspaceProfile,
  summary,
  selected,
}: {
  workspaceProfile?: string;
  summary?: ProfileSummary;
  selected: string[];
}) {
  return (
    <Card withBorder data-testid="aws-accounts-card">
      <Title order={5} mb="xs">
        Accounts in scope
      </Title>
      {!workspaceProfile ? (
        <Text size="sm" data-testid="aws-accounts-no-profile">
          Choose the workspace&apos;s profile first: pick one above and press Use for this workspace. Its accounts are
          listed here.
        </Text>
      ) : summary && (!isSso(summary) || hasErrors(summary)) ? (
        <Text size="sm" data-testid="aws-accounts-not-sso">
          {hasErrors(summary)
            ? `The workspace's profile "${workspaceProfile}" cannot be used yet; fix it in your AWS config to list its accounts.`
            : `The workspace's profile "${workspaceProfile}" does not sign in through IAM Identity Center, so it has no accounts to list; the checks read the account it reaches.`}
        </Text>
      ) : (
        // Keyed by profile: accounts listed through one profile are never saved as another's.
        <AccountPicker key={workspaceProfile} profile={workspaceProfile} selected={selected} />
      )}
      {selected.length > 0 && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="aws-selected-accounts">
          In scope for this workspace: {selected.join(', ')}
        </Text>
      )}
    </Card>
  );
}

/** The accounts the workspace profile's SSO sign-in reaches, with the roles in each; the checked ones are the workspace's scope. */
function AccountPicker({ profile, selected }: { profile: string; selected: string[] }) {
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
      <Text size="sm" data-testid="aws-accounts-profile">
        Listed through the workspace&apos;s profile &quot;{profile}&quot;.
      </Text>
      <Group>
        <Button variant="light" onClick={() => void list()} loading={load.busy} data-testid="aws-list-accounts">
          List my accounts
        </Button>
        {accounts && (
          <Button
            onClick={() => void save.run({ profile, accountIds: checked })}
            loading={save.busy}
            data-testid="aws-save-accounts"
          >
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
            description={
              roles[a.accountId]?.length
                ? `Roles: ${roles[a.accountId]!.map((r) => r.roleName).join(', ')}`
                : a.emailAddress
            }
          />
        </div>
      ))}
      <ErrorNotice error={load.error ?? loadRoles.error} title="Could not list accounts" />
      <ErrorNotice error={save.error} title="Not saved" />
    </Stack>
  );
}
