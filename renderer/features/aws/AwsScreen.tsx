import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { PROFILE_KIND_LABELS, type ProfileList } from '../../../shared/domain/aws';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { useAction } from '../../api/use-action';
import { useWorkspace } from '../../app/workspace-context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AccountsCard } from './AccountPicker';
import { ConnectionPanel } from './ConnectionPanel';
import { PermissionsPanel } from './PermissionsPanel';
import { ProfilesTable } from './ProfilesTable';
import { SignInPanel } from './SignInPanel';
import { hasErrors, isSso } from './session-label';

/** AWS: which profile the workspace reads with, signing in, checking who that is, and which accounts count. */
export function AwsScreen() {
  const { snapshot } = useWorkspace();
  const settings = snapshot.meta.aws;
  const [list, setList] = useState<ProfileList | null>(null);
  const [loadError, setLoadError] = useState<AppErrorData | null>(null);
  const [selected, setSelected] = useState<string | undefined>(settings.profile);
  const [region, setRegion] = useState(settings.region ?? '');
  const use = useAction(api().aws.setWorkspaceProfile);

  const reload = useCallback(async () => {
    const r = await api().aws.profiles();
    if (r.ok) {
      setList(r.value);
      setLoadError(null);
      setSelected((s) => s ?? r.value.profiles[0]?.name);
    } else setLoadError(r.error);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const profile = list?.profiles.find((p) => p.name === selected);
  const workspaceSummary = list?.profiles.find((p) => p.name === settings.profile);
  const inUse = settings.profile === profile?.name && (settings.region ?? '') === region;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>AWS</Title>
        <Button variant="subtle" size="xs" onClick={() => void reload()} data-testid="aws-reload">
          Reload profiles
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        The workbench reads your AWS account with a profile from your AWS config, preferably IAM Identity Center (SSO).
        Keys and sign-in tokens stay on this computer, in the AWS CLI&apos;s own files; the workspace only remembers the
        profile name, region and accounts.
      </Text>
      <ErrorNotice error={loadError} title="Could not read your AWS profiles" />
      {list && <ProfilesTable list={list} selected={selected} onSelect={setSelected} />}
      {profile && (
        <Card withBorder data-testid="aws-selected-profile">
          <Group justify="space-between" mb="sm">
            <Group gap="xs">
              <Title order={5}>{profile.name}</Title>
              <Badge variant="light">{PROFILE_KIND_LABELS[profile.kind]}</Badge>
              {settings.profile === profile.name && (
                <Badge color="green" variant="light" data-testid="aws-workspace-profile">
                  Used by this workspace
                </Badge>
              )}
            </Group>
            <Group gap="xs" align="end">
              <TextInput
                size="xs"
                placeholder={profile.region ?? profile.ssoRegion ?? 'us-east-1'}
                label="Region"
                value={region}
                onChange={(e) => setRegion(e.currentTarget.value.trim())}
                data-testid="aws-region"
              />
              <Button
                size="xs"
                disabled={inUse}
                loading={use.busy}
                onClick={() => void use.run({ profile: profile.name, ...(region ? { region } : {}) })}
                data-testid="aws-use-profile"
              >
                Use for this workspace
              </Button>
            </Group>
          </Group>
          <ErrorNotice error={use.error} title="Not saved" />
          {hasErrors(profile) ? (
            <Alert color="red" title="This profile cannot be used yet">
              Fix the problems listed in the table in your AWS config file, then press Reload profiles.
            </Alert>
          ) : (
            // Keyed by profile so one profile's identity or accounts never show under another.
            <Stack key={profile.name}>
              {isSso(profile) && <SignInPanel profile={profile} onSignedIn={() => void reload()} />}
              <ConnectionPanel profile={profile.name} region={region || undefined} />
            </Stack>
          )}
        </Card>
      )}
      <AccountsCard
        {...(settings.profile ? { workspaceProfile: settings.profile } : {})}
        {...(workspaceSummary ? { summary: workspaceSummary } : {})}
        selected={settings.accountIds}
      />
      <PermissionsPanel />
    </Stack>
  );
}
